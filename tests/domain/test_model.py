"""Option paths ("Group/Sub group/Option") as the CLI and exchange name options."""

from __future__ import annotations

import gc
import weakref

import pytest

from desktop.domain.model import Configurator
from tests.builders import group, option


def test_a_path_finds_options_whose_names_hold_a_slash() -> None:
    """Merchants name colours "Black/White"; the path of such an option writes that "/" as
    "\\/", and it must lead back to the option (`storefront --select`); the plain spelling
    still finds it where it can mean nothing else."""
    cfg = Configurator(
        name="Shirt",
        layers=[
            group("Colors", option("Black"), option("Black/White"), option("Red/Blue")),
            group("Size/Fit", group("Slim", option("S"), sub=True)),
        ],
    )
    for layer in cfg.options():
        assert cfg.find_path(layer.path) is layer, layer.path
    assert [layer.path for layer in cfg.options()][1:] == [
        "Colors/Black\\/White",
        "Colors/Red\\/Blue",
        "Size\\/Fit/Slim/S",
    ]
    assert cfg.find_path("Colors/Black").name == "Black"  # type: ignore[union-attr]
    assert cfg.find_path("Colors/Black/White").name == "Black/White"  # type: ignore[union-attr]
    assert cfg.find_path("Size/Fit/Slim/S").name == "S"  # type: ignore[union-attr]
    assert cfg.find_path("Colors/Black/White/Grey") is None
    assert cfg.find_path("Colors/Red") is None


def test_option_paths_are_each_options_path_in_layer_order() -> None:
    cfg = shirt()
    assert [(o, path) for o, path in cfg.option_paths()] == [(o, o.path) for o in cfg.options()]
    # A "/" inside a name is written "\/": the two options' paths differ.
    assert [path for _, path in cfg.option_paths()][:2] == [
        "Color/Black\\/White",
        "Color/Black/White",
    ]


def shirt() -> Configurator:
    return Configurator(
        name="Shirt",
        layers=[
            group(
                "Color",
                option("Black/White"),
                group("Black", option("White"), option("Grey"), sub=True),
                option("Red"),
            ),
            group("Size/Fit", group("Slim", option("S"), sub=True)),
            group("Size", group("Fit/Slim", option("S"), sub=True)),
        ],
    )


@pytest.mark.parametrize(
    ("path", "found"),
    [
        ("Color/Red", ["Color/Red"]),
        ("Color/Black/Grey", ["Color/Black/Grey"]),
        ("Color/Black", ["Color/Black"]),  # the sub-group; "Black/White" needs both parts
        # Spelled exactly, each path names its own layer; "/" separates levels first.
        ("Color/Black\\/White", ["Color/Black\\/White"]),
        ("Color/Black/White", ["Color/Black/White"]),
        # No exact reading: a plain "/" may be inside a name, and here it can be in either.
        ("Size/Fit/Slim/S", ["Size\\/Fit/Slim/S", "Size/Fit\\/Slim/S"]),
        ("Size\\/Fit/Slim/S", ["Size\\/Fit/Slim/S"]),
        ("Size/Fit\\/Slim/S", ["Size/Fit\\/Slim/S"]),
        ("Color/Blue", []),
        ("Color/Black/White/Grey", []),
        ("", []),
        ("/", []),
    ],
)
def test_find_paths_returns_every_reading(path: str, found: list[str]) -> None:
    cfg = shirt()
    matches = cfg.find_paths(path)
    assert [layer.path for layer in matches] == found
    assert len(set(map(id, matches))) == len(matches)  # distinct layers
    # find_path gives the one match, and nothing for a path that is ambiguous.
    assert cfg.find_path(path) is (matches[0] if len(matches) == 1 else None)


def test_find_paths_gives_the_readings_in_layer_order() -> None:
    cfg = shirt()
    black_white, black, _red = cfg.layers[0].children
    assert cfg.find_paths("Color/Black/White") == [black.children[0]]  # the exact reading
    assert cfg.find_paths("Color/Black\\/White") == [black_white]
    size_fit, size = cfg.layers[1], cfg.layers[2]
    assert cfg.find_paths("Size/Fit/Slim/S") == [
        size_fit.children[0].children[0],
        size.children[0].children[0],
    ]


def test_find_paths_finds_namesakes() -> None:
    cfg = Configurator(name="X", layers=[group("Grip", option("Red"), option("Red"))])
    assert cfg.find_paths("Grip/Red") == cfg.layers[0].children


def test_a_released_tree_is_freed_without_the_cycle_collector() -> None:
    """Each layer refers to its parent and the parent to it; once released, dropping the last
    reference frees the whole tree at once (the collector stays off here)."""
    cfg = shirt()
    leaf = weakref.ref(cfg.layers[0].children[1].children[0])
    was = gc.isenabled()
    gc.disable()
    try:
        cfg.release()
        assert all(not layer.children for layer in cfg.layers)
        del cfg
        assert leaf() is None
    finally:
        if was:
            gc.enable()
