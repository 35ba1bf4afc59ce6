"""How an option path is spelled (docs/stock-sheets.md, "Option paths").

A path is the layer's names from the top group down, joined with `/`. A name may hold a `/`
itself ("Black/White"), so inside a name it is written `\\/`, and a backslash `\\\\`:
`Color/Black\\/White` is the option "Black/White" of the group "Color", and `Color/Black/White`
the option "White" of its sub-group "Black". Every path the editor writes (stock sheets, the
storefront report, recorded scenarios, the stock table) is spelled so, and reads back as the
one layer it was written for.

Reading is forgiving where that cannot mislead: a backslash before any other character is
just a backslash, and a path whose exact reading names nothing may still have a plain `/`
inside a name (`Color/Black/White` for "Black/White" where there is no sub-group "Black"),
as paths were written before; two such readings make it ambiguous (Configurator.find_paths).
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"[\\/]")
_TOKEN = re.compile(r"\\[\\/]|/")


def escape(name: str) -> str:
    """A name as it is written inside a path: `Black\\/White` for "Black/White"."""
    if "/" not in name and "\\" not in name:
        return name
    return _SPECIAL.sub(lambda m: "\\" + m.group(), name)


def join(names: list[str]) -> str:
    return "/".join(map(escape, names))


def split(path: str) -> list[str]:
    """The names a path spells, split at each `/` that is not escaped; `\\/` and `\\\\`
    read as `/` and `\\`. A path with no backslash splits as str.split does."""
    if "\\" not in path:
        return path.split("/")
    names: list[str] = []
    name: list[str] = []
    at = 0
    for match in _TOKEN.finditer(path):
        name.append(path[at : match.start()])
        token = match.group()
        if token == "/":
            names.append("".join(name))
            name = []
        else:
            name.append(token[1])
        at = match.end()
    name.append(path[at:])
    names.append("".join(name))
    return names
