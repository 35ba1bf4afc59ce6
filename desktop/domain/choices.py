"""The shopper's choices (docs/stock-rules.md): which options are chosen, which may be, and
which required groups still wait for a choice.

Pure Python. `ShopperChoices` is the part of a storefront that holds one shopper's selection
and its rules; `Storefront` (storefront.py) adds the cart, checkout and orders on top. The
rules read each option's state through `state`, which the storefront answers from the
simulated stock.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import texts
from .model import Configurator, Layer
from .outline import Outline
from .positions import Positions
from .stock import OptionState


class ShopperChoices:
    """Selection rules over `configurator`, for the shopper in front (`selection`).

    A base of Storefront, which declares these attributes as its fields: `outline` is the
    tree's shape where the layers stay put (a scenario's copy), None to look each time."""

    configurator: Configurator
    selection: set[Layer]
    outline: Outline | None

    def state(self, option: Layer) -> OptionState:
        raise NotImplementedError

    # --- selection -----------------------------------------------------------------------
    # The shopper-choice rules, in one place: the preview's controls, the CLI and the scenarios
    # all choose through `select`; the editor's live preview keeps the simulation in step with
    # the merchant's edits through `adopt_default`, `reselect`, `enforce_single` and `prune`.
    def select_defaults(self) -> None:
        """Preselect the default choices that can be chosen, the first one per single-choice
        group. A default that cannot be chosen is skipped and nothing is chosen in its place:
        the shopper chooses (a required group blocks add to cart until they do). Hidden
        defaults apply like any other (WP Configurator's hidden layers)."""
        chosen: set[Layer] = set()
        for defaults in self._outline().defaults:
            single = defaults.single
            for option in defaults.options:
                if self.state(option).selectable:
                    chosen.add(option)
                    if single:
                        break
        self.selection = chosen

    def select(self, option: Layer, on: bool = True) -> str | None:
        """A shopper checks (on) or unchecks an option; returns a refusal text, else None.

        A hidden option has no control: it can be neither chosen nor unchecked. An option that
        is not selectable cannot be chosen. Choosing in a single-choice group replaces its
        choice; the choice of a required single-choice group can be replaced but not
        unchecked (a radio button), so unchecking it changes nothing.
        """
        refusal = self.selection_refusal(option, on)
        if refusal is not None:
            return refusal
        if not on:
            group = option.parent
            if group is None or group.multiple or not group.required:
                self.selection.discard(option)
            return None
        self._put(option, replace=True)
        return None

    def selection_refusal(self, option: Layer, on: bool = True) -> str | None:
        """What `select(option, on)` would refuse now, without selecting: the preview asks
        again after each edit, so a refusal leaves the screen once it no longer applies."""
        if option.hidden_in_controls():
            return texts.hidden_option(option.name)
        if on and not self.state(option).selectable:
            return texts.not_selectable(option.name)
        return None

    def is_selected(self, option: Layer) -> bool:
        return option in self.selection

    def adopt_default(self, option: Layer, *, replace: bool) -> bool:
        """Select a new or newly marked default choice when it can be chosen; returns whether
        the selection changed.

        With replace it takes over its single-choice group (the merchant just marked it as
        the default); without, it is only added where the group has no choice yet (a layer
        inserted or restored). Like select_defaults, it applies hidden defaults too.
        """
        if option.is_group or not option.active_on_load or option in self.selection:
            return False
        if not self.state(option).selectable:
            return False
        return self._put(option, replace=replace)

    def reselect(self, option: Layer) -> bool:
        """Put back a choice the simulation held before its option was removed (the removal
        was undone), when it can still be chosen. Not a shopper's action: hidden options
        come back too. Returns whether the selection changed."""
        if option.is_group or option in self.selection or not self.state(option).selectable:
            return False
        return self._put(option, replace=True)

    def enforce_single(self, group: Layer, keep: Layer | None = None) -> bool:
        """A single-choice group holds at most one choice: keep `keep`, else its first one.
        Returns whether the selection changed (a group made single-choice, a choice moved in)."""
        if group.multiple:
            return False
        chosen = self._chosen_in(group)
        if len(chosen) < 2:
            return False
        kept = keep if keep in chosen else chosen[0]
        self.selection.difference_update(o for o in chosen if o is not kept)
        return True

    def selected(self) -> list[Layer]:
        """Selected options in layer order; options no longer in the tree are left out.

        Sorted by each option's position path (its index among its siblings at each level),
        so it costs at most twice the size of each list of siblings it looks in, never a walk
        over every option, and needs no index kept up to date when layers are inserted,
        removed or moved.
        """
        keyed = []
        positions = self._positions()
        for option in self.selection:
            key = positions.of(option)
            if key is not None:
                keyed.append((key, option))
        keyed.sort(key=lambda pair: pair[0])
        return [option for _, option in keyed]

    def prune(self, options: Iterable[Layer] | None = None) -> set[Layer]:
        """Drop selected options that were deleted or can no longer be chosen (only among
        `options`, when given); returns them."""
        pool = self.selection if options is None else self.selection.intersection(options)
        positions = self._positions()
        dropped = {
            o for o in pool if not self._present(o, positions) or not self.state(o).selectable
        }
        self.selection -= dropped
        return dropped

    def present(self, option: Layer) -> bool:
        """Whether option is still an image layer of the configurator's tree.

        Walks up its ancestors (cost: depth × siblings) instead of collecting every option, so
        the preview can ask on each edit without the cost growing with the configurator.
        """
        return self._present(option, self._positions())

    @staticmethod
    def _present(option: Layer, positions: Positions) -> bool:
        """present(), for a caller asking about many options with one `positions`: a list of
        siblings is then scanned once, not once per option under it."""
        return not option.is_group and positions.holds(option)

    def missing_choices(self, options: Iterable[Layer] | None = None) -> list[str]:
        """Refusals for required groups with nothing selected under them."""
        chosen = self.selection if options is None else options
        positions = self._positions()
        # A deleted option answers for no group any more.
        return self._unanswered(o for o in chosen if self._present(o, positions))

    def _unanswered(self, options: Iterable[Layer]) -> list[str]:
        """missing_choices for options known to be image layers of the tree."""
        # Groups with a choice under them: each chosen option's ancestors (selection × depth,
        # not a walk of every group's options).
        answered: set[Layer] = set()
        for option in options:
            node = option.parent
            while node is not None and node not in answered:
                answered.add(node)
                node = node.parent
        messages: list[str] = []
        for node in self._outline().required:
            if node not in answered and not node.hidden_in_controls():
                messages.append(texts.choose_option(node.name))
        return messages

    def _chosen_in(self, group: Layer) -> list[Layer]:
        return [c for c in group.children if c in self.selection]

    def _put(self, option: Layer, *, replace: bool) -> bool:
        """Add option to the selection, as its group allows: in a single-choice group it
        replaces the choice (replace) or yields to one already made. Returns whether added."""
        group = option.parent
        if group is not None and not group.multiple:
            chosen = self._chosen_in(group)
            if chosen and not replace:
                return False
            self.selection.difference_update(chosen)
        self.selection.add(option)
        return True

    def _outline(self) -> Outline:
        return self.outline if self.outline is not None else Outline.of(self.configurator)

    def _positions(self) -> Positions:
        """Where layers stand: the outline's, which remembers, or one for this call."""
        if self.outline is not None:
            return self.outline.positions
        return Positions(self.configurator.layers)
