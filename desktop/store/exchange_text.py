"""Exchange files as text (docs/exchange-format.md): reading one as JSON, with the refusal every
reader of the format raises.

A file is read whole (it is no larger than MAX_FILE_BYTES) and decoded with the standard
library's json, remembering keys the text repeats, which the format refuses.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import open_files

# Far above any real configurator (100,000 options export to about 40 MB).
MAX_FILE_BYTES = 200 * 2**20


class ExchangeError(ValueError):
    """An exchange file we refuse; `path` is the offending field ('' for the file as a whole)."""

    def __init__(self, path: str, problem: str) -> None:
        path, problem = printable(path), printable(problem)
        super().__init__(f"{path}: {problem}" if path else problem)
        self.path = path
        self.problem = problem


def printable(text: str) -> str:
    """text with what cannot be written as UTF-8 (a lone surrogate from a crafted key or
    value) spelled as an escape, so the message can be printed and shown anywhere."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


# --- parsing ----------------------------------------------------------------------------------
def read_json(path: Path) -> Any:
    """Parse a file as JSON; refusals say where the text went wrong (the caller names the file)."""
    path = Path(path)
    try:
        # A pipe or a device (/dev/zero) would block or never end; a huge file is no export.
        if path.exists() and not path.is_file():
            raise ExchangeError("", "not a regular file")
        if (own := open_files.refusal(path)) is not None:
            raise ExchangeError("", own)
        if path.exists() and path.stat().st_size > MAX_FILE_BYTES:
            raise ExchangeError("", f"the file is larger than {MAX_FILE_BYTES // 2**20} MB")
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ExchangeError("", "file not found") from None
    except UnicodeDecodeError:
        raise ExchangeError("", "the file is not UTF-8 text") from None
    except OSError as exc:
        raise ExchangeError("", f"cannot read the file: {exc.strerror or exc}") from None
    return loads(text)


def loads(text: str) -> Any:
    try:
        return _decode(text)
    except json.JSONDecodeError as exc:
        raise ExchangeError(
            "", f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise ExchangeError("", "invalid JSON: nested too deeply") from None
    except ValueError:  # Python converts integers of at most 4,300 digits from text
        raise ExchangeError("", "invalid JSON: a number has more than 4,300 digits") from None


class _JsonObject(dict[str, Any]):
    """A decoded JSON object that remembers keys the text repeated (json keeps the last).
    Only such an object, and the outermost one, is of this class: the others are plain dicts,
    which pydantic reads much faster than a subclass (a third of a second for a large file).
    The outermost object says whether the text repeated any key (`unique_keys`), which spares
    the check of every object for them."""

    duplicates: tuple[str, ...] = ()
    unique_keys = False

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, Any]]) -> _JsonObject:
        obj = cls(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            repeated: list[str] = []
            for key, _ in pairs:
                if key in seen:
                    repeated.append(key)
                seen.add(key)
            obj.duplicates = tuple(repeated)
        return obj


def _decode(text: str) -> Any:
    repeated = False

    def from_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        repeated = True
        return _JsonObject.from_pairs(pairs)

    data = json.loads(text, object_pairs_hook=from_pairs)
    if isinstance(data, dict):
        if not isinstance(data, _JsonObject):
            data = _JsonObject(data)
        data.unique_keys = not repeated
    return data
