"""OpenID Connect, the protocol side of single sign-on (Authlib does the cryptography).

Authorization code flow with PKCE (S256), state and nonce. The ID token's signature is checked
against the provider's JWKS (from its discovery document; an unknown key id makes Authlib fetch
the JWKS again, so the provider may rotate its keys), and its issuer, audience, expiry and nonce
against what this app expects. What the person may see is decided elsewhere (dashboard.auth,
data_access.role_map): this module only says who the provider vouches for.
"""

from __future__ import annotations

from dataclasses import dataclass

import requests
from authlib.integrations.base_client import MismatchingStateError, OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app
from joserfc.errors import JoseError

from data_access.users import ExternalIdentity

EXTENSION = "rodtrad_oidc"
SOURCE = "oidc"
TIMEOUT_SECONDS = 10


class SignInError(RuntimeError):
    """A sign-in the provider's answer does not support; the message is Swedish."""


@dataclass(frozen=True)
class SignIn:
    """A verified sign-in: who, their directory groups, and the ID token (for logout).

    `groups_left_out` is true when the provider says the groups are too many for the token
    and points elsewhere for them instead (Entra ID's "groups overage": over 200 groups, the
    claim is replaced by `_claim_names`/`_claim_sources`). Then the groups are unknown, and
    the person must not be given or keep any access on the strength of the token alone."""

    identity: ExternalIdentity
    groups: tuple[str, ...]
    id_token: str
    groups_left_out: bool = False


def init_app(server: Flask) -> None:
    """Register the provider when OIDC_ISSUER is set (discovery is read at first use)."""
    config = server.config
    if not config["OIDC_ISSUER"]:
        return
    oauth = OAuth(server)
    server.extensions[EXTENSION] = oauth.register(
        "oidc",
        client_id=config["OIDC_CLIENT_ID"],
        client_secret=config["OIDC_CLIENT_SECRET"],
        server_metadata_url=config["OIDC_ISSUER"].rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={"scope": config["OIDC_SCOPES"], "code_challenge_method": "S256",
                       "default_timeout": TIMEOUT_SECONDS},
    )


def enabled() -> bool:
    return EXTENSION in current_app.extensions


def _client():
    return current_app.extensions[EXTENSION]


def authorize_redirect(redirect_uri: str):
    """Send the browser to the provider (state, nonce and the PKCE verifier stay in the session)."""
    try:
        return _client().authorize_redirect(redirect_uri)
    except (requests.RequestException, OAuthError, ValueError) as exc:
        raise SignInError(_unreachable(exc)) from exc


def _unreachable(exc: Exception) -> str:
    current_app.logger.warning("OIDC: identitetsleverantören kunde inte nås: %s", exc)
    return "Organisationens inloggningstjänst svarar inte just nu. Försök igen om en stund."


def complete_sign_in() -> SignIn:
    """Check the provider's answer on the callback and return who signed in.

    Every failure (an error from the provider, a wrong or missing state, a token that is
    forged, expired or meant for another client) raises SignInError."""
    try:
        token = _client().authorize_access_token()
    except MismatchingStateError as exc:
        raise SignInError("Inloggningssvaret hör inte till den här webbläsarens inloggning "
                          "(fel eller saknat state). Börja om från inloggningssidan.") from exc
    except OAuthError as exc:
        current_app.logger.warning("OIDC: fel från identitetsleverantören: %s", exc)
        raise SignInError("Inloggningen avbröts eller nekades av organisationens "
                          "inloggningstjänst.") from exc
    except JoseError as exc:
        current_app.logger.warning("OIDC: ID-token underkänd: %r", exc)
        raise SignInError("Inloggningstjänstens svar kunde inte verifieras (ogiltig "
                          "ID-token). Du har inte loggats in.") from exc
    except (requests.RequestException, ValueError) as exc:
        raise SignInError(_unreachable(exc)) from exc
    claims = token.get("userinfo")
    if not claims or not claims.get("sub"):
        raise SignInError("Inloggningstjänsten skickade ingen ID-token. Du har inte loggats in.")
    return SignIn(_identity(claims), _groups(claims), token["id_token"],
                  _groups_left_out(claims))


def _identity(claims) -> ExternalIdentity:
    email = str(claims.get("email") or "")
    username = str(claims.get("preferred_username") or email or claims["sub"])
    name = str(claims.get("name") or " ".join(
        str(claims.get(part) or "") for part in ("given_name", "family_name")).strip())
    return ExternalIdentity(source=SOURCE, external_id=f"{claims['iss']}|{claims['sub']}",
                            username=username, display_name=name or username, email=email)


def _groups(claims) -> tuple[str, ...]:
    value = claims.get(current_app.config["OIDC_GROUPS_CLAIM"]) or []
    return (value,) if isinstance(value, str) else tuple(str(group) for group in value)


def _groups_left_out(claims) -> bool:
    """Whether the groups claim was left out for a reference to elsewhere (distributed claims,
    OpenID Connect Core 5.6.2; Entra ID's overage, or its `hasgroups` in implicit flows)."""
    name = current_app.config["OIDC_GROUPS_CLAIM"]
    if claims.get(name):
        return False
    names = claims.get("_claim_names")
    return (isinstance(names, dict) and name in names) or claims.get("hasgroups") is True


def logout_url(id_token: str, post_logout_redirect_uri: str) -> str | None:
    """The provider's end-session URL (RP-initiated logout), or None if it has none."""
    client = _client()
    try:
        if not client.load_server_metadata().get("end_session_endpoint"):
            return None
    except (requests.RequestException, ValueError):
        return None
    return client.create_logout_url(post_logout_redirect_uri=post_logout_redirect_uri,
                                    id_token_hint=id_token)["url"]
