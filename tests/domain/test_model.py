"""Option paths ("Group/Sub group/Option") as the CLI and exchange name options."""

from __future__ import annotations

from desktop.domain.model import Configurator
from tests.builders import group, option


def test_a_path_finds_options_whose_names_hold_a_slash() -> None:
    """Merchants name colours "Black/White"; the path of such an option is still its names
    joined with "/", and it must lead back to the option (`storefront --select`)."""
    cfg = Configurator(
        name="Shirt",
        layers=[
            group("Colors", option("Black"), option("Black/White"), option("Red/Blue")),
            group("Size/Fit", group("Slim", option("S"), sub=True)),
        ],
    )
    for layer in cfg.options():
        assert cfg.find_path(layer.path) is layer, layer.path
    assert cfg.find_path("Colors/Black").name == "Black"  # type: ignore[union-attr]
    assert cfg.find_path("Colors/Black/White/Grey") is None
    assert cfg.find_path("Colors/Red") is None
