"""Per page: pure functions from query results to components and figures, plus register(app)."""
