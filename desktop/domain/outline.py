"""The shape of a configurator's layer tree as a storefront reads it: its required groups and
sub-groups, the default choices under each parent, and where each layer stands.

Finding them means looking at every layer (a required sub-group or a default may sit under any
group), which at 100,000 options costs milliseconds, most of it memory traffic. A storefront over
layers that stay put (a scenario plays on its own copy) takes its outline once; without one, each
reset and each add to cart looks again.

Pure Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Configurator, Layer, LayerType
from .positions import Positions


@dataclass(frozen=True, slots=True)
class Defaults:
    """The default choices (active on load) among one parent's children, in layer order;
    parent None for options at the top level."""

    parent: Layer | None
    options: tuple[Layer, ...]

    @property
    def single(self) -> bool:
        """Whether the parent takes one choice (the first default that can be chosen)."""
        return self.parent is not None and not self.parent.multiple


@dataclass(frozen=True, slots=True)
class Outline:
    """Required groups and sub-groups in layer order, the defaults under each parent that has
    any, and `positions`, which remembers where each layer asked about stands.

    It stays true while no layer is inserted, removed or moved and no layer's type, default or
    required flag changes; stock, prices, names and settings may change (they are read live).
    """

    required: tuple[Layer, ...]
    defaults: tuple[Defaults, ...]
    positions: Positions = field(compare=False)

    @classmethod
    def of(cls, cfg: Configurator) -> Outline:
        """The outline of cfg's tree now, in one pass over its layers."""
        image = LayerType.IMAGE  # a local: an enum member looked up per child costs more
        required: list[Layer] = []
        top = tuple(o for o in cfg.layers if o.type is image and o.active_on_load)
        defaults = [Defaults(None, top)] if top else []
        stack = [layer for layer in reversed(cfg.layers) if layer.type is not image]
        while stack:
            node = stack.pop()
            if node.required:
                required.append(node)
            found: list[Layer] = []
            subs: list[Layer] = []
            for child in node.children:
                if child.type is not image:
                    subs.append(child)
                elif child.active_on_load:
                    found.append(child)
            if found:
                defaults.append(Defaults(node, tuple(found)))
            stack.extend(reversed(subs))
        return cls(tuple(required), tuple(defaults), Positions(cfg.layers))
