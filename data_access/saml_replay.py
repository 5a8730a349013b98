"""Replay protection for SAML sign-ins: the IDs of every Response and assertion that signed
someone in, kept in the database until they expire, so a copied message is refused by every
worker and instance, not only by the one that saw it first."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data_access.models import SamlMessageId


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def remember(session: Session, message_ids: tuple[str, ...], expires: dt.datetime) -> bool:
    """Record the message's IDs and commit; False (nothing recorded) when one of them was seen
    before and has not expired. Expired IDs are dropped on the way."""
    session.execute(delete(SamlMessageId).where(SamlMessageId.expires_at < _now()))
    try:
        session.execute(insert(SamlMessageId), [
            {"message_id": message_id[:300], "expires_at": expires} for message_id in message_ids])
        session.commit()
    except IntegrityError:  # the primary key: seen already (here or in another worker)
        session.rollback()
        return False
    return True
