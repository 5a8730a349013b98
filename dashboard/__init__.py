"""Rödtråd's server side: the app factory is dashboard.app, the base layer dashboard.core."""
