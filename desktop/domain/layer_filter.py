"""Which layers the Layers panel's filter box shows (SPEC §4: filter by name or SKU).

A layer shows when its name or SKU contains the filter text (case-insensitively), when a layer
under it does (a match keeps its place in the tree), or when a layer above it does (a group's
name shows its options). Decided in one pass over the tree, so the view asks one set lookup per
row instead of walking up and down the tree for each.
"""

from __future__ import annotations

from .model import Layer


def search_text(layer: Layer) -> str:
    """What the filter matches: the name and the SKU, case folded. The newline keeps a match
    from running across the two."""
    return f"{layer.name}\n{layer.stock.sku}".casefold()


def wanted(text: str) -> str:
    """The filter text as it is matched: blanks around it do not count."""
    return text.strip().casefold()


def shown_layers(layers: list[Layer], text: str) -> set[Layer] | None:
    """The layers the filter text shows, or None when the text is blank (everything shows)."""
    needle = wanted(text)
    if not needle:
        return None
    shown: set[Layer] = set()
    above: list[Layer] = []  # the groups above the layers being visited

    def visit(nodes: list[Layer], inherited: bool) -> None:
        for layer in nodes:
            hit = inherited or needle in search_text(layer)
            if hit:
                shown.add(layer)
                if not inherited:
                    shown.update(above)
            if layer.children:
                above.append(layer)
                visit(layer.children, hit)
                above.pop()

    visit(layers, False)
    return shown
