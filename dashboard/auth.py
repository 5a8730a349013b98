"""Who is looking at the page.

Until login exists, everyone is shown the management view; the login issue replaces
`current_viewer` with one built from the logged-in user (or the public viewer).
"""

from __future__ import annotations

from data_access.scope import MANAGEMENT, Viewer


def current_viewer() -> Viewer:
    """The viewer for this request (for now always management; login replaces this)."""
    return MANAGEMENT
