"""Stock sheets against a database: export one configurator's stock, read a sheet file and
apply what it changes in one transaction (docs/stock-sheets.md). The sheet itself is
`desktop.domain.stock_sheet`."""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Any

from sqlmodel import Session

from ..domain.fields import LayerField
from ..domain.stock_sheet import SheetError, SheetPlan, read_sheet, write_sheet
from . import open_files, repository

# Far above any real sheet (a 100,000-row WooCommerce export with descriptions).
MAX_SHEET_BYTES = 200 * 2**20


def export_sheet(session: Session, configurator_id: int) -> str:
    return write_sheet(repository.load_configurator(session, configurator_id))


def read_sheet_file(path: Path) -> str:
    """The sheet's text; SheetError (one problem) when it cannot be read as UTF-8 text."""
    path = Path(path)
    try:
        if path.exists() and not path.is_file():
            raise SheetError(["not a regular file"])
        if (own := open_files.refusal(path)) is not None:
            raise SheetError([own])
        if path.exists() and path.stat().st_size > MAX_SHEET_BYTES:
            raise SheetError([f"the file is larger than {MAX_SHEET_BYTES // 2**20} MB"])
        data = path.read_bytes()
    except FileNotFoundError:
        raise SheetError(["file not found"]) from None
    except OSError as exc:
        raise SheetError([f"cannot read the file: {exc.strerror or exc}"]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SheetError(
            [f"line {line}: the file is not UTF-8 text (save it as CSV UTF-8)"]
        ) from None
    if "\x00" in text:
        raise SheetError(["the file holds NUL characters: it is not a CSV sheet"])
    return text


def changes_by_id(plan: SheetPlan) -> dict[int, dict[LayerField, Any]]:
    """The plan as update_layers takes it."""
    return {layer.id: fields for layer, fields in plan.by_layer().items() if layer.id is not None}


def import_sheet(
    session: Session, configurator_id: int, text: str, *, dry_run: bool = False
) -> SheetPlan:
    """Read the sheet against the stored configurator and, unless dry_run, write every change
    in one transaction. SheetError (nothing written) lists every bad cell."""
    if dry_run:
        return read_sheet(text, repository.load_configurator(session, configurator_id))
    # Written only over the values the plan was made from: an option changed elsewhere in
    # between (another window, machine or command) has the sheet read again against the fresh
    # values rather than overwrite what it did not see (docs/team-database.md).
    for _ in range(_ATTEMPTS - 1):
        with suppress(repository.ConflictError):
            return _apply(session, configurator_id, text)
    return _apply(session, configurator_id, text)


_ATTEMPTS = 3


def _apply(session: Session, configurator_id: int, text: str) -> SheetPlan:
    plan = read_sheet(text, repository.load_configurator(session, configurator_id))
    if plan.changes:
        versions = {layer.id: layer.version for layer in plan.by_layer() if layer.id is not None}
        repository.update_layers(
            session, configurator_id, changes_by_id(plan), expected_versions=versions
        )
    return plan


def write_text_atomically(target: Path, text: str) -> None:
    """Replace target in one step, so a failed export never leaves half a file."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
