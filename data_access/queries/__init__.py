"""Read-only queries for the pages: each takes the viewer, filters and aggregates in SQL,
and returns small dataclasses."""
