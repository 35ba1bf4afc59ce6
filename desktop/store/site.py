"""The site settings row: the Stock Management add-on switch and the configurator opened last."""

from __future__ import annotations

from sqlmodel import Session, col, select

from .changes import ChangeKind, log_change
from .tables import SiteSettings
from .transaction import ConflictError, write


def get_site(session: Session) -> SiteSettings:
    site = session.get(SiteSettings, 1)
    if site is None:  # a database whose settings row was removed by hand
        site = SiteSettings(id=1)
        session.add(site)
        session.flush()
    return site


def addon_active(session: Session) -> bool:
    query = select(col(SiteSettings.stock_management_addon))
    return bool(session.exec(query).one_or_none())


def addon_state(session: Session) -> tuple[bool, int]:
    """Whether the add-on is on, and the version of the settings row it was read at."""
    query = select(col(SiteSettings.stock_management_addon), col(SiteSettings.version))
    found = session.exec(query).one_or_none()
    return (False, 0) if found is None else (bool(found[0]), found[1])


@write
def set_addon(session: Session, active: bool, *, expected_version: int | None = None) -> None:
    """Switch the add-on. expected_version: the settings' version the caller read; when it
    was switched elsewhere since, nothing is written (ConflictError)."""
    site = get_site(session)
    if expected_version is not None and site.version != expected_version:
        raise ConflictError("the add-on was switched elsewhere")
    site.stock_management_addon = active
    site.version += 1
    log_change(session, ChangeKind.SITE)


@write
def set_last_configurator(session: Session, configurator_id: int | None) -> None:
    get_site(session).last_configurator_id = configurator_id


def last_configurator(session: Session) -> int | None:
    return session.exec(select(col(SiteSettings.last_configurator_id))).one_or_none()
