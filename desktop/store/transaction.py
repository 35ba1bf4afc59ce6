"""What every repository write shares: one transaction per call, the error for a refused
write, and the layer table as Core statements use it."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy import Table
from sqlmodel import Session

from .tables import LayerRow

P = ParamSpec("P")
R = TypeVar("R")

# The layer table as SQLAlchemy Core sees it: layer reads and writes go through Core statements
# (one executemany for a whole subtree, position shifts as one UPDATE). SQLModel sets __table__
# when the class is created; its stubs do not declare it.
LAYER: Table = LayerRow.__table__  # type: ignore[attr-defined]


class StoreError(ValueError):
    """A write refused because of the data (empty name, duplicate SKU, wrong tree shape)."""


def write(fn: Callable[Concatenate[Session, P], R]) -> Callable[Concatenate[Session, P], R]:
    """Run a repository write as one transaction: committed on success, rolled back on any error.

    A write must not call another decorated write (that would commit halfway); it calls the
    undecorated helper both share instead.
    """

    @functools.wraps(fn)
    def wrapper(session: Session, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            result = fn(session, *args, **kwargs)
            session.commit()
        except BaseException:
            session.rollback()
            raise
        return result

    return wrapper
