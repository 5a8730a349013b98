"""The Alembic history builds exactly the schema the models describe."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from data_access.db import alembic_config, get_engine
from data_access.models import Base
from data_access.search_index import outside_models


def test_head_matches_the_models(db_url):
    with get_engine(db_url).connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True,
                                                         "include_name": outside_models})
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_empty_and_up_again(db_url):
    command.downgrade(alembic_config(db_url), "base")
    assert set(inspect(get_engine(db_url)).get_table_names()) <= {"alembic_version"}
    command.upgrade(alembic_config(db_url), "head")
    assert "goal_statuses" in inspect(get_engine(db_url)).get_table_names()


def _goal(conn, id_, code, kind, parent=None, unit=1):
    conn.execute(text(
        "INSERT INTO goals (id, code, kind, title, description, parent_id, owner_unit_id, "
        "plan_start_year, plan_end_year, published, sort_order) VALUES "
        "(:id, :code, :kind, :code, '', :parent, :unit, 2024, 2026, false, 0)"),
        dict(id=id_, code=code, kind=kind, parent=parent, unit=unit))


def test_success_factors_come_and_go_with_their_migration(db_url):
    """0021 admits the kind framgångsfaktor and keeps the other checks; going back moves the
    goals under a factor up to its nämndmål and removes the factors."""
    engine = get_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO org_units (id, code, name, level, sort_order, active) "
                          "VALUES (1, 'N', 'Nämnden', 'namnd', 0, true)"))
        _goal(conn, 1, "NM", "namndmal")
        _goal(conn, 2, "FF", "framgangsfaktor", 1)
        _goal(conn, 3, "FM", "forvaltningsmal", 2)
    for bad in ("INSERT INTO goals (id, code, kind, title, description, owner_unit_id, "
                "plan_start_year, plan_end_year, published, sort_order) VALUES (9, 'X', "
                "'delmal', 'X', '', 1, 2024, 2026, false, 0)",
                "UPDATE goals SET plan_end_year = 2000 WHERE id = 1"):
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(text(bad))
    command.downgrade(alembic_config(db_url), "0020")
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT code, kind, parent_id FROM goals ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [("NM", "namndmal", None), ("FM", "forvaltningsmal", 1)]
    with pytest.raises(IntegrityError), engine.begin() as conn:
        _goal(conn, 2, "FF", "framgangsfaktor", 1)
    command.upgrade(alembic_config(db_url), "head")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT uses_success_factors FROM organisation_profile")
                            ).all() == []


def test_measure_effects_and_grant_reports_come_and_go_with_their_migration(db_url):
    """0023 adds the measures' decision, months and watched indicators and the grants'
    conditions and reports; going back keeps the measures and grants themselves."""
    engine = get_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO org_units (id, code, name, level, sort_order, active) "
                          "VALUES (1, 'N', 'Nämnden', 'namnd', 0, true)"))
        conn.execute(text(
            "INSERT INTO saving_measures (id, code, title, unit_id, year, planned_effect_tkr, "
            "achieved_effect_tkr, status, comment, decision_dnr, responsible) VALUES "
            "(1, 'M', 'Åtgärd', 1, 2026, 100, 10, 'pagaende', '', 'N/1/2026', 'Chefen')"))
        conn.execute(text("INSERT INTO measure_months (measure_id, month, planned_tkr, "
                          "planned_fte) VALUES (1, 1, 10, 0)"))
        conn.execute(text(
            "INSERT INTO state_grants (id, code, name, purpose, unit_id, year, received_tkr, "
            "used_tkr, deadline, updated_on, agency) VALUES (1, 'G', 'Bidrag', '', 1, 2026, 10, "
            "1, '2026-12-31', '2026-10-01', 'Socialstyrelsen')"))
        conn.execute(text("INSERT INTO grant_reports (grant_id, due_on, title) "
                          "VALUES (1, '2026-09-30', 'Delredovisning')"))
    for bad in ("INSERT INTO measure_months (measure_id, month, planned_tkr, planned_fte) "
                "VALUES (1, 13, 1, 0)",
                "INSERT INTO grant_reports (grant_id, due_on, title) "
                "VALUES (1, '2026-09-30', 'Samma dag igen')"):
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(text(bad))
    command.downgrade(alembic_config(db_url), "0021")
    tables = set(inspect(engine).get_table_names())
    assert not tables & {"measure_months", "measure_indicators", "grant_reports"}
    assert "decision_dnr" not in {c["name"] for c in inspect(engine).get_columns("saving_measures")}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT code FROM saving_measures")).scalars().all() == ["M"]
        assert conn.execute(text("SELECT code FROM state_grants")).scalars().all() == ["G"]
    command.upgrade(alembic_config(db_url), "head")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT decision_dnr, alternatives FROM saving_measures")
                            ).one() == ("", "")


def test_the_search_index_has_no_pending_list_on_postgresql(db_url):
    """0025: PostgreSQL's GIN index on the searched text inserts into the index itself (no
    pending list for every search to read through after an import); going back restores
    the default."""
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite: an FTS5 table, no GIN index")
    engine = get_engine(db_url)
    options = text("SELECT reloptions FROM pg_class WHERE relname = 'ix_search_entries_fulltext'")
    with engine.connect() as conn:
        assert conn.execute(options).scalar() == ["fastupdate=off"]
    command.downgrade(alembic_config(db_url), "0024")
    with engine.connect() as conn:
        assert conn.execute(options).scalar() is None
    command.upgrade(alembic_config(db_url), "head")
    with engine.connect() as conn:
        assert conn.execute(options).scalar() == ["fastupdate=off"]
