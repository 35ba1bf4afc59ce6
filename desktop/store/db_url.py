"""Reading a team database's URL and showing it without its secrets (docs/database-urls.md).

SQLAlchemy's `make_url` reads the URL; everything shown to the user (the window title, About,
`--version --verbose`, every message, the recent-databases list) goes through `shown`, which
hides the password given as user-info (`user:secret@host`) and every query parameter that
carries a secret (`?password=`, `?sslpassword=`). A URL that cannot be read is refused with one
line that quotes it masked the same way (`masked_text`), never with SQLAlchemy's own error,
which can quote the password (`invalid literal for int() with base 10: 'Hunter2'`).
"""

from __future__ import annotations

import re
from urllib.parse import quote_plus

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

MASK = "***"
SERVER_BACKENDS = ("postgresql", "postgres")
# The one driver the [postgres] extra installs; live updates use it directly (store/watch.py).
DRIVER = "psycopg"
# A query parameter whose name holds one of these carries a secret (libpq: password,
# sslpassword; other drivers' spellings besides).
_SECRET_WORDS = ("password", "passwd", "pwd", "secret", "token")
_SECRET_PARAMETER = re.compile(
    r"([?&;](?:[^=&#]*(?:" + "|".join(_SECRET_WORDS) + r")[^=&#]*)=)([^&#]*)", re.IGNORECASE
)
MAX_PORT = 65535
# Said with a bad port when there is no @: `user:secret/db` reads as host `user`, port `secret`.
_PASSWORD_HINT = " (a password goes before the host: user:password@host)"


class ServerUrlError(ValueError):
    """A --db URL that names no database we can use; the message says why in one line and
    never quotes a secret."""


def is_secret_parameter(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in _SECRET_WORDS)


def secrets_of(url: URL) -> list[str]:
    """Every secret the URL carries (user-info password, secret query values), as read."""
    found = [url.password] if url.password else []
    for name, value in url.query.items():
        if is_secret_parameter(name):
            found += [value] if isinstance(value, str) else list(value)
    return [secret for secret in found if secret]


def shown(url: URL) -> str:
    """The URL as the user may see it: every secret replaced by ***."""
    base = url.set(query={}).render_as_string(hide_password=True)
    pairs = []
    for name in sorted(url.query):
        value = url.query[name]
        for item in [value] if isinstance(value, str) else value:
            text = MASK if is_secret_parameter(name) else quote_plus(item)
            pairs.append(f"{quote_plus(name)}={text}")
    return f"{base}?{'&'.join(pairs)}" if pairs else base


def without_secrets(url: URL) -> str:
    """The URL with its secrets left out (not masked): what may be stored, e.g. in the recent
    list; reopening it asks libpq for the password (PGPASSWORD, ~/.pgpass, a service file)."""
    query = {name: value for name, value in url.query.items() if not is_secret_parameter(name)}
    # Not URL.set: there None means "unchanged"; the URL is a named tuple.
    kept = url._replace(password=None).set(query=query)
    return kept.render_as_string(hide_password=False)


def scrub(text: str, url: URL) -> str:
    """text (e.g. a driver's error message) with any secret of url in it replaced by ***."""
    for secret in sorted(secrets_of(url), key=len, reverse=True):
        text = text.replace(secret, MASK).replace(quote_plus(secret), MASK)
    return text


def masked_text(text: str) -> str:
    """A URL as typed, which may not be readable, with whatever could be a secret masked: the
    user-info password, secret query values, and, where there is no `@`, anything after the
    host's `:` that is not a port (`postgresql://shop:Hunter2/db` forgot the `@host`)."""
    scheme, sep, rest = text.partition("://")
    rest, question, query = rest.partition("?")
    if question:
        query = _SECRET_PARAMETER.sub(lambda m: m.group(1) + MASK, "?" + query)[1:]
    if "@" in rest:
        userinfo, _, after = rest.rpartition("@")
        user, colon, _secret = userinfo.partition(":")
        rest = f"{user}{':' + MASK if colon else ''}@{after}"
    else:
        netloc, slash, path = rest.partition("/")
        if not netloc.startswith("["):
            host, colon, port = netloc.partition(":")
            if colon and port:
                netloc = f"{host}:{MASK}"
        rest = f"{netloc}{slash}{path}"
    return f"{scheme}{sep}{rest}{question}{query}"


def _netloc(text: str) -> str:
    """The part between `://` and the path or query, as typed."""
    rest = text.partition("://")[2].partition("?")[0]
    if "@" in rest:
        rest = rest.rpartition("@")[2]
    return rest.partition("/")[0]


def _unreadable_why(text: str) -> str:
    netloc = _netloc(text)
    if netloc.startswith("[") and "]" not in netloc:
        return "its IPv6 address has no closing ] (write [::1]:5432)"
    host_port = netloc.rpartition("]")[2] if netloc.startswith("[") else netloc
    if host_port.count(":") > 1:
        return "it has more than one :port after the host"
    if ":" in host_port:
        why = "its port is not a number from 1 to 65535"
        return why + ("" if "@" in text else _PASSWORD_HINT)
    return "it is not of the form postgresql://user:password@host:port/database"


def parse_server_url(text: str) -> URL:
    """The URL text names, with its driver made psycopg; raises ServerUrlError, whose message
    names the URL masked and says what is wrong."""
    try:
        url = make_url(text)
    except (ArgumentError, ValueError):
        why = _unreadable_why(text)
        raise ServerUrlError(f"{masked_text(text)} cannot be read: {why}") from None
    backend = url.get_backend_name()
    if backend not in SERVER_BACKENDS:
        raise ServerUrlError(
            f"{url.drivername}:// is not a database this editor can use "
            "(give a file path, or a postgresql+psycopg:// URL)"
        )
    if "+" in url.drivername and url.get_driver_name() != DRIVER:
        raise ServerUrlError(
            f"{url.drivername}:// asks for the driver {url.get_driver_name()!r}, which this "
            f"editor does not use (write postgresql+{DRIVER}:// or postgresql://)"
        )
    url = url.set(drivername=f"postgresql+{DRIVER}")
    problem = _component_problem(url, text)
    if problem is not None:
        raise ServerUrlError(f"{masked_text(text)} {problem}")
    return url


def _component_problem(url: URL, text: str) -> str | None:
    if url.port is not None and not 1 <= url.port <= MAX_PORT:
        why = "has a port that is not a number from 1 to 65535"
        return why + ("" if "@" in text else _PASSWORD_HINT)
    host = url.host or ""
    if url.port is not None and not host:
        return "names a port but no host (write host:port)"
    if "@" in host or any(c.isspace() for c in host):
        return "has a host that is not a host name (write an @ inside a password as %40)"
    if not url.database and "service" not in url.query:
        return "names no database (add /name at its end)"
    return None
