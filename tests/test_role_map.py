"""The mapping from directory groups to roles: combining groups, and a bad file stopping the
start with a Swedish message that names the line."""

from __future__ import annotations

import pytest

from dashboard.config import ConfigError, load_config
from data_access.role_map import Access, RoleMapError, parse_role_map
from tests.oidc_provider import ROLE_MAP

ROLES = parse_role_map(ROLE_MAP)


@pytest.mark.parametrize("groups, expected", [
    (["RJH-Rodtrad-HSN"], Access("namnd", ("HSN",))),
    (["RJH-Rodtrad-RUN", "RJH-Rodtrad-HSN", "Alla"], Access("namnd", ("HSN", "RUN"))),
    (["RJH-Rodtrad-HSN", "RJH-Rodtrad-Ledning"], Access("ledning", ())),
    (["3F2B8C1E-0000-4000-8000-00000000AD01", "RJH-Rodtrad-Ledning"], Access("admin", ())),
    (["Alla"], None),
    ([], None),
])
def test_groups_combine_to_the_highest_role_and_all_their_namnder(groups, expected):
    assert ROLES.access_for(groups) == expected


@pytest.mark.parametrize("text, message", [
    ('[[grupp]]\nnamn = "A"\nroll = "namnd"\nnamnder = ["HSN"\n', "felaktig TOML"),
    ('[[grupp]]\nnamn = "A"\nroll = "ledning"\n\n[[grupp]]\nnamn = "B"\nroll = "chef"\n',
     "grupp nr 2 (rad 5): okänd roll 'chef'"),
    ('[[grupp]]\nnamn = "A"\nroll = "admin"\nnamnd = ["HSN"]\n',
     "grupp nr 1 (rad 1): okänd nyckel namnd"),
    ('[[grupp]]\nroll = "admin"\n', "ange gruppens namn"),
    ('[[grupp]]\nnamn = "A"\nroll = "namnd"\n', "kräver minst en nämnd"),
    ('[[grupp]]\nnamn = "A"\nroll = "ledning"\nnamnder = ["HSN"]\n', "bara rollen namnd"),
    ('[[grupper]]\nnamn = "A"\n', "okänd nyckel grupper"),
    ("", "mappar inga grupper"),
])
def test_a_bad_mapping_file_is_refused_naming_the_line(text, message):
    with pytest.raises(RoleMapError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_role_map(text)


def test_a_bad_mapping_file_stops_the_start(tmp_path, monkeypatch):
    path = tmp_path / "roller.toml"
    path.write_text('[[grupp]]\nnamn = "A"\nroll = "chef"\n', encoding="utf-8")
    monkeypatch.setenv("RODTRAD_ROLE_MAP", str(path))
    with pytest.raises(ConfigError, match=r"RODTRAD_ROLE_MAP: .*roller.toml, grupp nr 1 \(rad 1\)"):
        load_config({"SECRET_KEY": "test"})
    monkeypatch.setenv("RODTRAD_ROLE_MAP", str(tmp_path / "saknas.toml"))
    with pytest.raises(ConfigError, match="kan inte läsas"):
        load_config({"SECRET_KEY": "test"})


@pytest.mark.parametrize("overrides, message", [
    ({"OIDC_ISSUER": "https://idp.example", "OIDC_CLIENT_ID": "x"}, "OIDC_CLIENT_SECRET saknas"),
    ({"OIDC_ISSUER": "https://idp.example", "OIDC_CLIENT_ID": "x", "OIDC_CLIENT_SECRET": "y"},
     "RODTRAD_ROLE_MAP saknas"),
    ({"LOCAL_LOGIN": False}, "ingen skulle kunna logga in"),
])
def test_single_sign_on_settings_that_cannot_work_stop_the_start(overrides, message):
    with pytest.raises(ConfigError, match=message):
        load_config({"SECRET_KEY": "test", **overrides})
