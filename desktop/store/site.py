"""The site settings row: the Stock Management add-on switch and the configurator opened last."""

from __future__ import annotations

from sqlmodel import Session, col, select

from .changes import ChangeKind, log_change
from .tables import SiteSettings
from .transaction import write


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


@write
def set_addon(session: Session, active: bool) -> None:
    site = get_site(session)
    site.stock_management_addon = active
    site.version += 1
    log_change(session, ChangeKind.SITE)


@write
def set_last_configurator(session: Session, configurator_id: int | None) -> None:
    get_site(session).last_configurator_id = configurator_id


def last_configurator(session: Session) -> int | None:
    return session.exec(select(col(SiteSettings.last_configurator_id))).one_or_none()
