"""An option's own backorder setting in a changed-elsewhere refusal reads in the words the window
shows for it (docs/team-database.md), not as its stored value or "empty"."""

from __future__ import annotations

from desktop.domain import conflicts
from desktop.domain.fields import LayerField
from desktop.domain.model import Backorders

BACKORDERS = LayerField.BACKORDERS


def test_a_backorders_conflict_names_the_choices_as_the_window_does() -> None:
    # The user's undo (Allow → the configurator's) met a stock sheet that set it to Do not allow.
    said = conflicts.changed_elsewhere(
        "Metallic Red",
        {BACKORDERS: None},
        {BACKORDERS: Backorders.YES},
        {BACKORDERS: Backorders.NO},
    )
    assert said == (
        '"Metallic Red" backorders was changed elsewhere to "Do not allow"; your change to '
        '"Use the configurator\'s setting" was not saved'
    )


def test_other_fields_changed_name_backorders_in_words_too() -> None:
    said = conflicts.changed_elsewhere(
        "Metallic Red",
        {LayerField.PRICE: None},
        {LayerField.PRICE: None, BACKORDERS: None},
        {LayerField.PRICE: None, BACKORDERS: Backorders.NOTIFY},
    )
    assert '(backorders is now "Allow, but notify customer")' in said
