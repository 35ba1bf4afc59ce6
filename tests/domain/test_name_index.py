"""find_paths with a NameIndex shared by many searches (levels indexed on their second visit)
finds what a scan of every level finds, namesakes and names holding "/" included."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.model import Configurator, Layer, NameIndex
from tests.builders import configurator, group, option

SETTINGS = settings(max_examples=100)
NAMES = st.sampled_from(["a", "b", "a/b", "b/a", "a/b/a"])


@st.composite
def trees(draw: st.DrawFn) -> Configurator:
    def options() -> list[Layer]:
        return [option(draw(NAMES)) for _ in range(draw(st.integers(0, 4)))]

    groups = []
    for _ in range(draw(st.integers(1, 4))):
        children = options()
        for _ in range(draw(st.integers(0, 2))):
            sub = group(draw(NAMES), *options(), sub=True)
            children.insert(draw(st.integers(0, len(children))), sub)
        groups.append(group(draw(NAMES), *children))
    return configurator(*groups)


paths = st.lists(st.sampled_from(["a", "b"]), min_size=1, max_size=6).map("/".join)


@SETTINGS
@given(cfg=trees(), asked=st.lists(paths, min_size=1, max_size=12))
def test_an_index_finds_what_a_scan_finds(cfg: Configurator, asked: list[str]) -> None:
    index = NameIndex()
    for path in asked + [layer.path for layer in cfg.walk()] + asked:
        assert cfg.find_paths(path, index) == cfg.find_paths(path)
