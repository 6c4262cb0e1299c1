"""User tokens through the real OAuth flow, with the official Python SDK.

The login page is driven with plain HTTP (urllib: the CSRF cookie, the hidden fields, no redirect
following) to get an authorization code; the SDK's own helpers exchange it, and the token calls
`authen.v1.user_info`.
"""

import base64
import hashlib
import secrets
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

import lark_oapi as lark
import pytest
from lark_oapi.api.authen.v1 import (CreateAccessTokenRequest, CreateAccessTokenRequestBody,
                                     CreateOidcAccessTokenRequest, CreateOidcAccessTokenRequestBody,
                                     CreateOidcRefreshAccessTokenRequest, CreateOidcRefreshAccessTokenRequestBody,
                                     GetUserInfoRequest)
from lark_oapi.core.exception import AccessTokenException

CALLBACK = "http://127.0.0.1:9/callback"


class _HiddenFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields = []
        self._forms = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._forms += 1
        if tag == "input" and a.get("type") == "hidden" and self._forms == 1:
            self.fields.append((a["name"], a.get("value", "")))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _open(req):
    try:
        return _opener.open(req)
    except urllib.error.HTTPError as e:  # 302 and 4xx arrive here once redirects are not followed
        return e


def sign_in(roster, login, password="roster-demo", **params):
    """Opens the authorize page, submits the form; returns the redirect's query parameters."""
    query = {"client_id": roster.demo["app_id"], "redirect_uri": CALLBACK, "state": "py-state", **params}
    page = _open(urllib.request.Request(roster.base + "/open-apis/authen/v1/authorize?" + urllib.parse.urlencode(query)))
    assert page.status == 200
    cookie = page.headers["Set-Cookie"].split(";", 1)[0]
    parser = _HiddenFields()
    parser.feed(page.read().decode())
    form = parser.fields + [("login", login), ("password", password), ("action", "sign_in")]
    req = urllib.request.Request(roster.base + "/open-apis/authen/v1/authorize",
                                 data=urllib.parse.urlencode(form).encode(), method="POST",
                                 headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    done = _open(req)
    assert done.status == 302, done.read().decode()
    location = done.headers["Location"]
    assert location.startswith(CALLBACK)
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))


def pkce_pair():
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def user_info(user_client, token):
    opt = lark.RequestOption.builder().user_access_token(token).build()
    return user_client.authen.v1.user_info.get(GetUserInfoRequest.builder().build(), opt)


def test_sdk_exchanges_a_pkce_code_and_refreshes(client, user_client, roster):
    verifier, challenge = pkce_pair()
    back = sign_in(roster, "alice@demo.roster.local", code_challenge=challenge, code_challenge_method="S256",
                   scope="contact:user.base:readonly offline_access")
    assert back["state"] == "py-state"

    tokens = client.access_token.retrieve_by_authorization_code(back["code"], redirect_uri=CALLBACK,
                                                                code_verifier=verifier)
    assert tokens.access_token.startswith("u-")
    assert tokens.token_type == "Bearer"
    assert tokens.expires_in == 7200
    assert tokens.refresh_token_expires_in == 604800
    assert tokens.scope == "contact:user.base:readonly offline_access"

    me = user_info(user_client, tokens.access_token)
    assert me.success(), (me.code, me.msg)
    assert me.data.user_id == "alice"
    assert me.data.email == "alice@demo.roster.local"
    assert me.data.tenant_key == roster.demo["tenant_key"]

    refreshed = client.access_token.refresh(tokens.refresh_token)
    assert refreshed.access_token != tokens.access_token
    assert user_info(user_client, refreshed.access_token).data.user_id == "alice"
    with pytest.raises(AccessTokenException) as e:
        client.access_token.refresh(tokens.refresh_token)
    assert (e.value.status_code, e.value.code, e.value.error) == (400, 20026, "invalid_grant")


def test_sdk_reports_bad_codes_and_verifiers(client, roster):
    verifier, challenge = pkce_pair()
    back = sign_in(roster, "+15550000002", code_challenge=challenge, code_challenge_method="S256")
    with pytest.raises(AccessTokenException) as e:
        client.access_token.retrieve_by_authorization_code(back["code"], code_verifier=pkce_pair()[0])
    assert e.value.code == 20049
    with pytest.raises(AccessTokenException) as e:
        client.access_token.retrieve_by_authorization_code(back["code"], redirect_uri="http://127.0.0.1:9/other",
                                                           code_verifier=verifier)
    assert e.value.code == 20071
    tokens = client.access_token.retrieve_by_authorization_code(back["code"], code_verifier=verifier)
    assert tokens.access_token
    with pytest.raises(AccessTokenException) as e:
        client.access_token.retrieve_by_authorization_code(back["code"], code_verifier=verifier)
    assert (e.value.code, e.value.error) == (20003, "invalid_grant")


def test_legacy_oidc_models(roster):
    # The SDK caches app tokens process-wide by app_id, so these endpoints (Bearer
    # app_access_token) run as an app no other module uses: a fresh tenant's, signed in as its admin.
    other = roster.post("/_roster/v1/tenants", {"name": "Legacy Login"})["data"]
    app = (lark.Client.builder().app_id(other["app_id"]).app_secret(other["app_secret"]).domain(roster.base)
           .enable_set_token(True).log_level(lark.LogLevel.WARNING).build())
    admin = f"admin@{other['tenant_key']}.roster.local"

    back = sign_in(roster, admin, client_id=other["app_id"])
    created = app.authen.v1.oidc_access_token.create(
        CreateOidcAccessTokenRequest.builder()
        .request_body(CreateOidcAccessTokenRequestBody.builder().grant_type("authorization_code").code(back["code"]).build())
        .build())
    assert created.success(), (created.code, created.msg)
    assert created.data.token_type == "Bearer" and created.data.refresh_expires_in == 604800
    assert user_info(app, created.data.access_token).data.user_id == other["admin"]["user_id"]

    refreshed = app.authen.v1.oidc_refresh_access_token.create(
        CreateOidcRefreshAccessTokenRequest.builder()
        .request_body(CreateOidcRefreshAccessTokenRequestBody.builder().grant_type("refresh_token")
                      .refresh_token(created.data.refresh_token).build())
        .build())
    assert refreshed.success(), (refreshed.code, refreshed.msg)
    assert user_info(app, refreshed.data.access_token).data.tenant_key == other["tenant_key"]

    again = app.authen.v1.oidc_access_token.create(
        CreateOidcAccessTokenRequest.builder()
        .request_body(CreateOidcAccessTokenRequestBody.builder().grant_type("authorization_code").code(back["code"]).build())
        .build())
    assert again.code == 20003

    older = app.authen.v1.access_token.create(
        CreateAccessTokenRequest.builder()
        .request_body(CreateAccessTokenRequestBody.builder().grant_type("authorization_code")
                      .code(sign_in(roster, admin, client_id=other["app_id"])["code"]).build())
        .build())
    assert older.success(), (older.code, older.msg)
    assert (older.data.user_id, older.data.name) == (other["admin"]["user_id"], "Legacy Login Admin")
    assert older.data.open_id == other["admin"]["open_id"]


def test_codes_expire_on_roster_clock(client, roster):
    back = sign_in(roster, "bob@demo.roster.local")
    roster.post("/_roster/v1/clock/advance", {"seconds": 301})
    with pytest.raises(AccessTokenException) as e:
        client.access_token.retrieve_by_authorization_code(back["code"])
    assert e.value.code == 20004
