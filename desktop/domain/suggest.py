""" "Did you mean …?" for a mistyped key or option path (docs/preview-and-scenarios.md).

One rule for every message that names something unknown: the closest known names by
difflib's similarity ratio, at most two, quoted; nothing when none is close.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

# difflib's own default: "stok" finds "stock", "Metalic Red" finds "Metallic Red", while
# unrelated words ("colour" beside "option, notice, …") find nothing.
CUTOFF = 0.6


def close_matches(word: str, known: Iterable[str], limit: int = 2) -> list[str]:
    return difflib.get_close_matches(word, list(known), n=limit, cutoff=CUTOFF)


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """'did you mean "stock"?' (or two names joined with "or"); '' when nothing is close."""
    found = close_matches(word, known)
    if not found:
        return ""
    return "did you mean " + " or ".join(f'"{name}"' for name in found) + "?"


def option_path_hint(path: str, option_paths: Iterable[str]) -> str:
    """For an option path that names nothing: the closest paths; those in the same group
    first when the group part is right (a typo is more often in the option's name)."""
    paths = list(option_paths)
    group, _, _ = path.rpartition("/")
    if group:
        same_group = [p for p in paths if p.startswith(group + "/")]
        hint = did_you_mean(path, same_group)
        if hint:
            return hint
    return did_you_mean(path, paths)
