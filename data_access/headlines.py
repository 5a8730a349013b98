"""The public headlines, pre-computed after every load (PublicHeadline)."""

from __future__ import annotations

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from data_access.models import PublicHeadline
from data_access.queries.open_data import computed_headlines
from data_access.scope import PUBLIC

def rebuild_public_headlines(session: Session) -> None:
    """Recompute PublicHeadline: each published indicator's headline value and målvärde as the
    public sees them (`queries.open_data.computed_headlines`).

    Call after anything they depend on changes: values, targets, indicators (their
    publication), units (their levels and order). Every import does.
    """
    rows = computed_headlines(session, PUBLIC)
    session.execute(delete(PublicHeadline))
    if rows:
        session.execute(insert(PublicHeadline), rows)
