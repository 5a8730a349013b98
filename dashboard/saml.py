"""SAML 2.0 Web Browser SSO, the service-provider side (pysaml2 does the XML and, through
Debian's xmlsec1, the signatures).

The IdP's metadata is read once at start-up (SAML_IDP_METADATA, a file or a URL). A sign-in
sends a signed AuthnRequest (HTTP-Redirect); the IdP posts its Response to the ACS. The
assertion must be signed by a key in the IdP's metadata, be meant for this SP (audience),
be sent to this ACS (destination, recipient), answer a request this browser started
(InResponseTo) and be within its time window (NotBefore/NotOnOrAfter). That its IDs were
never seen before is checked in the database by the caller (data_access.saml_replay), so it
holds across workers. What the person may see is decided elsewhere (dashboard.auth,
data_access.role_map): this module only says who the IdP vouches for.

The SP's URLs (ACS, SLS, metadata) are built from the request as url_for sees it (behind a
proxy: RODTRAD_TRUSTED_PROXIES), as the OIDC redirect URI is.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import requests
from flask import Flask, current_app, url_for

from data_access.users import ExternalIdentity

if TYPE_CHECKING:
    from saml2.client import Saml2Client
    from saml2.config import SPConfig


@functools.cache
def _lib() -> SimpleNamespace:
    """pysaml2's parts, imported on first use: they cost a worker about 30 MB, so a Rödtråd
    without SAML (no SAML_IDP_METADATA) never loads them."""
    from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, SAMLError
    from saml2.client import Saml2Client
    from saml2.config import SPConfig
    from saml2.mdstore import MetadataStore
    from saml2.metadata import create_metadata_string
    from saml2.response import StatusError, UnsolicitedResponse
    from saml2.saml import NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_TRANSIENT, name_id_from_string
    from saml2.samlp import STATUS_SUCCESS
    from saml2.sigver import SigverError, get_xmlsec_binary, verify_redirect_signature
    from saml2.time_util import str_to_time
    from saml2.validate import ResponseLifetimeExceed, ToEarly
    from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256
    return SimpleNamespace(
        BINDING_HTTP_POST=BINDING_HTTP_POST,
        BINDING_HTTP_REDIRECT=BINDING_HTTP_REDIRECT,
        SAMLError=SAMLError,
        Saml2Client=Saml2Client,
        SPConfig=SPConfig,
        MetadataStore=MetadataStore,
        create_metadata_string=create_metadata_string,
        StatusError=StatusError,
        UnsolicitedResponse=UnsolicitedResponse,
        NAMEID_FORMAT_PERSISTENT=NAMEID_FORMAT_PERSISTENT,
        NAMEID_FORMAT_TRANSIENT=NAMEID_FORMAT_TRANSIENT,
        name_id_from_string=name_id_from_string,
        STATUS_SUCCESS=STATUS_SUCCESS,
        SigverError=SigverError,
        get_xmlsec_binary=get_xmlsec_binary,
        verify_redirect_signature=verify_redirect_signature,
        str_to_time=str_to_time,
        ResponseLifetimeExceed=ResponseLifetimeExceed,
        ToEarly=ToEarly,
        DIGEST_SHA256=DIGEST_SHA256,
        SIG_RSA_SHA256=SIG_RSA_SHA256,
    )


EXTENSION = "rodtrad_saml"
SOURCE = "saml"
TIMEOUT_SECONDS = 10
CLOCK_SKEW_SECONDS = 60
# An assertion without NotOnOrAfter: how long its ID is remembered against replay.
DEFAULT_LIFETIME = dt.timedelta(hours=1)
# Attributes read for the name and e-mail, as pysaml2 names them (friendly names; the
# urn:oid forms are converted to these).
NAME_ATTRIBUTES = ("displayName", "cn")
EMAIL_ATTRIBUTES = ("mail", "email")
USERNAME_ATTRIBUTES = ("uid", "eduPersonPrincipalName", "mail")
_MAX_CLIENTS = 8
log = logging.getLogger(__name__)


class SamlConfigError(ValueError):
    """SAML settings that cannot be used; the message is Swedish."""


class SignInError(RuntimeError):
    """A sign-in or logout the IdP's answer does not support; the message is Swedish."""


@dataclass(frozen=True)
class IdpMetadata:
    """The IdP's metadata as read at start-up."""

    source: str
    xml: str
    entity_id: str
    origins: tuple[str, ...]  # where its sign-in and logout pages are (the CSP's form-action)


@dataclass(frozen=True)
class SignIn:
    """A verified sign-in: who, their groups, what logout needs, and the IDs that must not
    come again (with when they may be forgotten)."""

    identity: ExternalIdentity
    groups: tuple[str, ...]
    name_id: str  # the NameID element, for the LogoutRequest
    session_index: str
    message_ids: tuple[str, ...]
    expires: dt.datetime


def _read_source(source: str) -> str:
    if source.startswith(("https://", "http://")):
        try:
            response = requests.get(source, timeout=TIMEOUT_SECONDS)
            response.raise_for_status()
        except requests.RequestException as exc:
            raise SamlConfigError(f"SAML_IDP_METADATA: {source} kunde inte hämtas: {exc}.") from exc
        return response.text
    try:
        return Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "inte UTF-8"
        raise SamlConfigError(f"SAML_IDP_METADATA: filen {source} kan inte läsas: "
                              f"{reason}.") from exc


def load_idp_metadata(source: str) -> IdpMetadata:
    """Read and check the IdP's metadata (a file path or URL): it must describe exactly one
    IdP with a single sign-on service and a signing certificate."""
    xml = _read_source(source)
    store = _lib().MetadataStore(None, None)
    try:
        store.load("inline", xml)
    except Exception as exc:  # noqa: BLE001 - pysaml2 raises anything on bad XML
        raise SamlConfigError(f"SAML_IDP_METADATA: {source} är inte giltig SAML-metadata "
                              f"({type(exc).__name__}).") from exc
    idps = list(store.identity_providers())
    if len(idps) != 1:
        raise SamlConfigError(f"SAML_IDP_METADATA: {source} ska beskriva exakt en "
                              f"identitetsleverantör (IDPSSODescriptor), inte {len(idps)}.")
    entity_id = idps[0]
    if not store.single_sign_on_service(entity_id, _lib().BINDING_HTTP_REDIRECT):
        raise SamlConfigError(f"SAML_IDP_METADATA: {entity_id} har ingen SingleSignOnService "
                              "för HTTP-Redirect.")
    if not store.certs(entity_id, "idpsso", "signing"):
        raise SamlConfigError(f"SAML_IDP_METADATA: {entity_id} har inget signeringscertifikat.")
    services = [*store.single_sign_on_service(entity_id, _lib().BINDING_HTTP_REDIRECT),
                *store.single_logout_service(entity_id, _lib().BINDING_HTTP_REDIRECT, "idpsso")]
    origins = sorted({f"{parts.scheme}://{parts.netloc}" for parts in (
        urlsplit(service["location"]) for service in services) if parts.netloc})
    return IdpMetadata(source, xml, entity_id, tuple(origins))


def check_key_pair(key: str, cert: str) -> None:
    """The SP's key and certificate files must be readable PEM files."""
    for setting, path, marker in (("SAML_SP_KEY", key, "PRIVATE KEY"),
                                  ("SAML_SP_CERT", cert, "CERTIFICATE")):
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise SamlConfigError(f"{setting}: filen {path} kan inte läsas.") from exc
        if f"-----BEGIN {marker}" not in text and not (
                marker == "PRIVATE KEY" and "PRIVATE KEY-----" in text):
            raise SamlConfigError(f"{setting}: {path} är ingen PEM-fil med {marker}.")


def init_app(server: Flask) -> None:
    """Switch SAML on when SAML_IDP_METADATA is set (config has read it already)."""
    if server.config["SAML_IDP_METADATA"]:
        server.extensions[EXTENSION] = {}  # SAML clients by the SP's URLs (see _client)
        # pysaml2 logs whole messages (assertions, names) at info and debug level.
        logging.getLogger("saml2").setLevel(logging.WARNING)


def enabled() -> bool:
    return EXTENSION in current_app.extensions


def _metadata() -> IdpMetadata:
    return current_app.config["SAML_IDP_METADATA"]


def _client() -> "Saml2Client":
    """A client for the SP's URLs as this request sees them (kept: metadata parsing costs)."""
    urls = (url_for("auth.saml_acs", _external=True), url_for("auth.saml_sls", _external=True))
    clients = current_app.extensions[EXTENSION]
    if urls not in clients:
        if len(clients) >= _MAX_CLIENTS:
            clients.clear()
        clients[urls] = _lib().Saml2Client(config=_sp_config(*urls))
    return clients[urls]


def _sp_config(acs: str, sls: str) -> "SPConfig":
    config = current_app.config
    key, cert = config["SAML_SP_KEY"], config["SAML_SP_CERT"]
    return _lib().SPConfig().load({
        "entityid": config["SAML_SP_ENTITY_ID"],
        "xmlsec_binary": _lib().get_xmlsec_binary(["/usr/bin", "/usr/local/bin"]),
        "key_file": key,
        "cert_file": cert,
        "encryption_keypairs": [{"key_file": key, "cert_file": cert}],
        "metadata": {"inline": [_metadata().xml]},
        "allow_unknown_attributes": True,
        "accepted_time_diff": CLOCK_SKEW_SECONDS,
        "service": {"sp": {
            "name": "Rödtråd",
            "endpoints": {"assertion_consumer_service": [(acs, _lib().BINDING_HTTP_POST)],
                          "single_logout_service": [(sls, _lib().BINDING_HTTP_REDIRECT)]},
            "want_assertions_signed": True,
            "want_response_signed": False,
            "authn_requests_signed": True,
            "logout_requests_signed": True,
            "logout_responses_signed": True,
            "allow_unsolicited": False,
            "name_id_format": [_lib().NAMEID_FORMAT_PERSISTENT],
            "signing_algorithm": _lib().SIG_RSA_SHA256,
            "digest_algorithm": _lib().DIGEST_SHA256,
        }},
    })


def metadata_xml() -> str:
    """This SP's metadata, for the IdP: entity id, ACS, SLS, certificate, signing wishes."""
    return _lib().create_metadata_string(None, config=_client().config, valid=None).decode()


def _location(info: dict) -> str:
    return dict(info["headers"])["Location"]


def authn_redirect() -> tuple[str, str]:
    """A signed AuthnRequest for the IdP: its ID (for InResponseTo) and where to send the
    browser with it."""
    request_id, info = _client().prepare_for_authenticate(
        entityid=_metadata().entity_id, binding=_lib().BINDING_HTTP_REDIRECT,
        sigalg=_lib().SIG_RSA_SHA256, digest_alg=_lib().DIGEST_SHA256)
    return request_id, _location(info)


def _refusal(exc: Exception) -> str:
    """The Swedish reason a Response was refused."""
    if isinstance(exc, _lib().StatusError):
        return "Inloggningen avbröts eller nekades av organisationens inloggningstjänst."
    if isinstance(exc, _lib().UnsolicitedResponse):
        return ("Inloggningssvaret hör inte till den här webbläsarens inloggning. Börja om "
                "från inloggningssidan.")
    if isinstance(exc, _lib().SigverError) or "signature" in str(exc).lower():
        return ("Inloggningssvaret har ingen giltig signatur från organisationens "
                "inloggningstjänst (ändrat, osignerat eller signerat med fel nyckel). Du har "
                "inte loggats in.")
    if isinstance(exc, (_lib().ResponseLifetimeExceed, _lib().ToEarly)):
        return ("Inloggningssvaret har gått ut eller gäller inte än (kontrollera klockan). "
                "Du har inte loggats in.")
    if "recipient" in str(exc):
        return ("Inloggningssvaret är adresserat till en annan mottagningsadress än Rödtråds "
                "(recipient). Du har inte loggats in.")
    if "AudienceRestrictions" in str(exc):
        return ("Inloggningssvaret är utfärdat för en annan tjänst än Rödtråd (fel "
                "mottagare, audience). Du har inte loggats in.")
    return "Inloggningssvaret kunde inte verifieras. Du har inte loggats in."


def complete_sign_in(saml_response: str, request_id: str) -> SignIn:
    """Check the IdP's Response (HTTP-POST) to the AuthnRequest `request_id` and return who
    signed in; every failure raises SignInError."""
    if not saml_response:
        raise SignInError("Inloggningstjänsten skickade inget SAML-svar. Du har inte loggats in.")
    try:
        client = _client()
        # conv_info: without it pysaml2 skips the check of the assertion's Recipient.
        response = client.parse_authn_request_response(
            saml_response, _lib().BINDING_HTTP_POST, outstanding={request_id: "/"} if request_id else {},
            conv_info={"entity_id": client.config.entityid})
    except Exception as exc:  # noqa: BLE001 - pysaml2 raises plain exceptions for refusals
        log.warning("SAML: svar underkänt: %s: %s", type(exc).__name__, exc)
        raise SignInError(_refusal(exc)) from exc
    if response is None or response.assertion is None or response.name_id is None:
        raise SignInError("Inloggningssvaret kunde inte verifieras. Du har inte loggats in.")
    with suppress(KeyError):  # pysaml2 keeps everyone it saw in memory; this app needs no one
        _client().users.remove_person(response.name_id)
    if response.issuer() != _metadata().entity_id:
        raise SignInError("Inloggningssvaret kommer från en okänd inloggningstjänst.")
    if response.name_id.format == _lib().NAMEID_FORMAT_TRANSIENT:
        # A new id at every sign-in would make a new user each time.
        raise SignInError("Inloggningstjänsten skickade bara ett tillfälligt id (transient "
                          "NameID); Rödtråd behöver ett beständigt (persistent). Kontakta den "
                          "som administrerar inloggningen.")
    attributes = response.ava or {}
    return SignIn(_identity(response, attributes), _groups(attributes), str(response.name_id),
                  _session_index(response), _message_ids(response), _expires(response))


def _first(attributes: dict, names) -> str:
    for name in names:
        values = attributes.get(name) or []
        if values and str(values[0]).strip():
            return str(values[0]).strip()
    return ""


def _identity(response, attributes: dict) -> ExternalIdentity:
    name_id = response.name_id.text.strip()
    email = _first(attributes, EMAIL_ATTRIBUTES)
    username = _first(attributes, USERNAME_ATTRIBUTES) or name_id
    name = _first(attributes, NAME_ATTRIBUTES) or " ".join(
        part for part in (_first(attributes, ("givenName",)), _first(attributes, ("sn",)))
        if part)
    return ExternalIdentity(source=SOURCE, external_id=f"{response.issuer()}|{name_id}"[:255],
                            username=username, display_name=name or username, email=email)


def _groups(attributes: dict) -> tuple[str, ...]:
    return tuple(str(g) for g in attributes.get(current_app.config["SAML_GROUPS_ATTRIBUTE"], []))


def _session_index(response) -> str:
    statements = response.assertion.authn_statement or []
    return (statements[0].session_index or "") if statements else ""


def _message_ids(response) -> tuple[str, ...]:
    return (f"response:{response.response.id}", f"assertion:{response.assertion.id}")


def _expires(response) -> dt.datetime:
    """When the assertion's IDs may be forgotten: after its NotOnOrAfter (and the clock skew
    it is given), past which it is refused anyway."""
    conditions = response.assertion.conditions
    if conditions is not None and conditions.not_on_or_after:
        until = dt.datetime(*_lib().str_to_time(conditions.not_on_or_after)[:6])
    else:
        until = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None) + DEFAULT_LIFETIME
    return until + dt.timedelta(seconds=CLOCK_SKEW_SECONDS)


# --- Single logout ----------------------------------------------------------------------


def _slo_destination() -> str | None:
    client = _client()
    try:
        services = client.metadata.single_logout_service(
            _metadata().entity_id, _lib().BINDING_HTTP_REDIRECT, "idpsso")
    except Exception:  # noqa: BLE001 - no SLO service in the metadata
        return None
    return services[0]["location"] if services else None


def logout_redirect(name_id_xml: str, session_index: str) -> str | None:
    """Where to send the browser with a signed LogoutRequest for this sign-in, or None when
    the IdP has no single logout service."""
    destination = _slo_destination()
    if not destination:
        return None
    client = _client()
    name_id = _lib().name_id_from_string(name_id_xml)
    request_id, request = client.create_logout_request(
        destination, _metadata().entity_id, name_id=name_id,
        session_indexes=[session_index] if session_index else None,
        sign=False, sign_alg=_lib().SIG_RSA_SHA256, digest_alg=_lib().DIGEST_SHA256)
    info = client.apply_binding(_lib().BINDING_HTTP_REDIRECT, str(request), destination,
                                relay_state="", sign=True, sigalg=_lib().SIG_RSA_SHA256)
    return _location(info)


def _verify_redirect(args: dict, kind: str) -> None:
    """A message on the HTTP-Redirect binding must carry the IdP's signature in the query."""
    message = {key: args[key] for key in (kind, "RelayState", "SigAlg", "Signature")
               if key in args}
    if "Signature" not in message or "SigAlg" not in message:
        raise SignInError("Utloggningsmeddelandet är inte signerat av inloggningstjänsten.")
    client = _client()
    certs = client.metadata.certs(_metadata().entity_id, "idpsso", "signing")
    try:
        ok = any(_lib().verify_redirect_signature(message, client.sec.sec_backend, cert)
                 for _, cert in certs)
    except (_lib().SAMLError, ValueError) as exc:
        log.warning("SAML: utloggningens signatur kunde inte kontrolleras: %s", exc)
        ok = False
    if not ok:
        raise SignInError("Utloggningsmeddelandets signatur är ogiltig.")


def logout_response_ok(args: dict) -> bool:
    """Whether the IdP's LogoutResponse (HTTP-Redirect) is signed by it and says success."""
    _verify_redirect(args, "SAMLResponse")
    try:
        response = _client().parse_logout_request_response(args["SAMLResponse"],
                                                           _lib().BINDING_HTTP_REDIRECT)
    except Exception as exc:  # noqa: BLE001 - pysaml2 raises plain exceptions
        raise SignInError("Utloggningssvaret kunde inte tolkas.") from exc
    return response is not None and response.response.status.status_code.value == _lib().STATUS_SUCCESS


def logout_request(args: dict) -> tuple[str, str]:
    """An IdP-initiated LogoutRequest (HTTP-Redirect), checked: the external id of the person
    it logs out, and where to send the browser with the signed LogoutResponse."""
    _verify_redirect(args, "SAMLRequest")
    client = _client()
    try:
        request = client.parse_logout_request(args["SAMLRequest"], _lib().BINDING_HTTP_REDIRECT)
    except Exception as exc:  # noqa: BLE001 - pysaml2 raises plain exceptions
        raise SignInError("Utloggningsbegäran kunde inte tolkas.") from exc
    message = request.message
    if message.issuer is None or message.issuer.text != _metadata().entity_id:
        raise SignInError("Utloggningsbegäran kommer från en okänd inloggningstjänst.")
    name_id = message.name_id
    response = client.create_logout_response(message, [_lib().BINDING_HTTP_REDIRECT], sign=False)
    info = client.apply_binding(_lib().BINDING_HTTP_REDIRECT, str(response), _slo_destination(),
                                relay_state=args.get("RelayState", ""), response=True,
                                sign=True, sigalg=_lib().SIG_RSA_SHA256)
    return f"{message.issuer.text}|{name_id.text.strip()}"[:255], _location(info)
