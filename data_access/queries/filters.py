"""What each viewer may see, as SQL conditions every query adds (deny by default)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, true

from data_access.models import Goal, Risk
from data_access.scope import Viewer


def visible_goals(viewer: Viewer) -> ColumnElement[bool]:
    """Published goals for the public; every goal for a logged-in viewer."""
    return Goal.published.is_(True) if viewer.is_public else true()


def visible_risks(viewer: Viewer) -> ColumnElement[bool]:
    """All risks for ledning and admin, their nämnders' risks for nämnd members, none otherwise."""
    if viewer.sees_everything:
        return true()
    if viewer.role == "namnd":
        return Risk.namnd_id.in_(viewer.namnd_ids)
    return false()
