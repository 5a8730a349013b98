"""The rodtrad command: one clear Swedish line on failure, and never loads twice."""

from __future__ import annotations

import pytest

from dashboard.cli import main


def test_unreachable_database_gives_one_line_and_exit_1(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody:hemligt@127.0.0.1:1/rodtrad")
    assert main(["migrate"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("rodtrad: Databasen kan inte nås (")
    assert len(err.strip().splitlines()) == 1
    assert "hemligt" not in err  # the password is never printed
    assert "Traceback" not in err


def test_demo_refuses_a_database_that_already_has_data(monkeypatch, capsys, demo_url):
    monkeypatch.setenv("DATABASE_URL", demo_url)
    assert main(["demo"]) == 1
    assert "innehåller redan data" in capsys.readouterr().err
    assert main(["demo", "--if-empty"]) == 0


def test_migrate_creates_the_schema(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'ny.db'}")
    assert main(["migrate"]) == 0
    assert "Databasen är uppdaterad" in capsys.readouterr().out
    from data_access.db import is_empty

    assert is_empty()


@pytest.mark.parametrize("argv", [["demo", "--scale", "0"], ["demo", "--as-of", "2026-13-01"]])
def test_bad_arguments_are_refused_in_swedish(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "positivt heltal" in err or "ogiltigt datum" in err


def test_demo_loads_the_kommun_with_its_profile_and_users(monkeypatch, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'kommun.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["demo", "--profil", "kommun", "--as-of", "2026-10-31"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Demokommunen är laddad:") and "bun / bun-demo-2026" in out
    assert "hsn" not in out
    from data_access.db import dispose_engines, session_scope
    from data_access.profile import read
    from data_access.users import get_user

    with session_scope(url) as session:
        assert read(session).name == "Östersunds kommun"
        assert get_user(session, "son") is not None and get_user(session, "hsn") is None
    dispose_engines()
