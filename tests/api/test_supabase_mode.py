"""Supabase mode: Supabase Auth issues the tokens; we verify them (HS256 secret or JWKS)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import psycopg
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from emporium.db.connect import Database
from tests.api.conftest import (
    OTHER_SECRET,
    SupabaseClientFactory,
    bearer,
    query,
    sign,
    supabase_claims,
)
from tests.api.test_auth import PASSWORD, assert_problem, assert_unauthorized

KID = "supabase-signing-key-1"


# ------------------------------------------------------------------------- HS256 secret
def test_a_supabase_hs256_token_reaches_the_database_as_that_user(
    supabase_client: SupabaseClientFactory,
) -> None:
    client = supabase_client()
    user_id = uuid.uuid4()
    claims = supabase_claims(sub=user_id, app_metadata={"provider": "email", "role": "vendor"})
    response = client.get("/auth/me", headers=bearer(sign(claims)))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["db_role"] == "authenticated"
    assert body["user_id"] == str(user_id)
    # The token claims vendor, but the database decides roles (public.users): a user
    # without a row there is a plain customer, whatever their token says.
    assert body["app_role"] == "customer"
    assert body["claims"]["iss"] == claims["iss"]


def test_the_role_comes_from_the_database_not_from_the_token(
    supabase_client: SupabaseClientFactory, fresh_db: Database
) -> None:
    user_id = uuid.uuid4()
    with psycopg.connect(fresh_db.admin_dsn, autocommit=True) as c:
        c.execute(
            "insert into public.users (id, email, role) values (%s, %s, 'rep')",
            [user_id, f"{user_id}@example.com"],
        )
    claims = supabase_claims(sub=user_id, app_metadata={"provider": "email", "role": "admin"})
    body = supabase_client().get("/auth/me", headers=bearer(sign(claims))).json()
    assert body["app_role"] == "rep"


def test_supabase_mode_refuses_tokens_signed_with_another_secret(
    supabase_client: SupabaseClientFactory,
) -> None:
    client = supabase_client()
    forged = sign(supabase_claims(), OTHER_SECRET)
    assert_unauthorized(client.get("/auth/me", headers=bearer(forged)), "invalid_token")


@pytest.mark.parametrize("path", ["/auth/signup", "/auth/login"])
def test_supabase_mode_has_no_sign_up_or_log_in_of_its_own(
    supabase_client: SupabaseClientFactory, fresh_db: Database, path: str
) -> None:
    client = supabase_client()
    response = client.post(path, json={"email": "ada@example.com", "password": PASSWORD})
    body = assert_problem(response, 404, "auth_mode_unsupported")
    assert "Supabase" in body["detail"]
    assert query(fresh_db, "select count(*) from private.credentials") == [(0,)]


def test_supabase_mode_has_no_refresh_of_its_own(supabase_client: SupabaseClientFactory) -> None:
    client = supabase_client()
    response = client.post("/auth/refresh", json={"refresh_token": "x" * 43})
    assert_problem(response, 404, "auth_mode_unsupported")


def test_a_service_role_token_reaches_the_database_as_service_role(
    supabase_client: SupabaseClientFactory,
) -> None:
    client = supabase_client()
    token = sign(supabase_claims(role="service_role", app_metadata={}))
    response = client.get("/auth/me", headers=bearer(token))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["db_role"] == "service_role"
    assert body["app_role"] == "service"


def test_an_anon_token_is_accepted_but_is_not_a_signed_in_user(
    supabase_client: SupabaseClientFactory,
) -> None:
    client = supabase_client()
    token = sign(supabase_claims(role="anon"))
    assert_unauthorized(client.get("/auth/me", headers=bearer(token)), "missing_token")


# --------------------------------------------------------------------------------- JWKS
def _private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class _JwksServer:
    """A real HTTP server on 127.0.0.1 that serves one JWKS document and counts requests."""

    def __init__(self, document: dict[str, Any]) -> None:
        body = json.dumps(document).encode()
        served: list[str] = []
        self.served = served

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                served.append(self.path)
                if self.path != "/auth/v1/.well-known/jwks.json":
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}/auth/v1/.well-known/jwks.json"

    def __enter__(self) -> _JwksServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def signing_key() -> rsa.RSAPrivateKey:
    return _private_key()


@pytest.fixture
def jwks_server(
    signing_key: rsa.RSAPrivateKey, monkeypatch: pytest.MonkeyPatch
) -> Iterator[_JwksServer]:
    # PyJWKClient fetches with urllib, which honours *_proxy: keep a local fetch local.
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    jwk = RSAAlgorithm.to_jwk(signing_key.public_key(), as_dict=True)
    jwk.update({"kid": KID, "alg": "RS256", "use": "sig"})
    with _JwksServer({"keys": [jwk]}) as server:
        yield server


def rs256(claims: dict[str, Any], key: rsa.RSAPrivateKey, kid: str | None = KID) -> str:
    headers = {"kid": kid} if kid else None
    return jwt.encode(claims, key, algorithm="RS256", headers=headers)


def test_an_rs256_token_verified_through_jwks_reaches_the_database_as_that_user(
    supabase_client: SupabaseClientFactory,
    jwks_server: _JwksServer,
    signing_key: rsa.RSAPrivateKey,
) -> None:
    client = supabase_client(jwt_secret=None, jwks_url=jwks_server.url)
    user_id = uuid.uuid4()
    response = client.get(
        "/auth/me", headers=bearer(rs256(supabase_claims(sub=user_id), signing_key))
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["db_role"] == "authenticated"
    assert body["user_id"] == str(user_id)
    assert jwks_server.served  # the key really came from the JWKS document over HTTP


def test_a_token_signed_by_another_rsa_key_is_refused_even_with_a_known_kid(
    supabase_client: SupabaseClientFactory,
    jwks_server: _JwksServer,
    signing_key: rsa.RSAPrivateKey,
) -> None:
    client = supabase_client(jwt_secret=None, jwks_url=jwks_server.url)
    impostor = _private_key()
    response = client.get("/auth/me", headers=bearer(rs256(supabase_claims(), impostor)))
    assert_unauthorized(response, "invalid_token")
    # The genuine key still works on the same client: the refusal was about the signature.
    good = client.get("/auth/me", headers=bearer(rs256(supabase_claims(), signing_key)))
    assert good.status_code == 200, good.text


def test_a_token_whose_kid_is_not_in_the_jwks_is_refused(
    supabase_client: SupabaseClientFactory,
    jwks_server: _JwksServer,
    signing_key: rsa.RSAPrivateKey,
) -> None:
    client = supabase_client(jwt_secret=None, jwks_url=jwks_server.url)
    token = rs256(supabase_claims(), signing_key, kid="rotated-away")
    assert_unauthorized(client.get("/auth/me", headers=bearer(token)), "invalid_token")


def test_with_only_a_jwks_url_hs256_tokens_are_refused_even_keyed_with_the_public_key(
    supabase_client: SupabaseClientFactory,
    jwks_server: _JwksServer,
    signing_key: rsa.RSAPrivateKey,
) -> None:
    client = supabase_client(jwt_secret=None, jwks_url=jwks_server.url)
    # The classic algorithm confusion: HS256 keyed with the (public) RSA key's PEM.
    public_pem = signing_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    segments = [
        _b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": KID}).encode()),
        _b64(json.dumps(supabase_claims()).encode()),
    ]
    signing_input = ".".join(segments).encode()
    signature = _b64(hmac.new(public_pem, signing_input, hashlib.sha256).digest())
    confused = f"{signing_input.decode()}.{signature}"
    body = assert_unauthorized(client.get("/auth/me", headers=bearer(confused)), "invalid_token")
    assert "HS256" in body["detail"]
    # An ordinary HS256 token is refused the same way: there is no shared secret.
    token = sign(supabase_claims(), OTHER_SECRET)
    assert_unauthorized(client.get("/auth/me", headers=bearer(token)), "invalid_token")


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def test_an_expired_rs256_token_is_refused_as_expired(
    supabase_client: SupabaseClientFactory,
    jwks_server: _JwksServer,
    signing_key: rsa.RSAPrivateKey,
) -> None:
    client = supabase_client(jwt_secret=None, jwks_url=jwks_server.url)
    now = int(time.time())
    claims = supabase_claims(exp=now - 3600, iat=now - 7200)
    response = client.get("/auth/me", headers=bearer(rs256(claims, signing_key)))
    assert_unauthorized(response, "token_expired")


def test_a_service_role_rs256_token_reaches_the_database_as_service_role(
    supabase_client: SupabaseClientFactory,
    jwks_server: _JwksServer,
    signing_key: rsa.RSAPrivateKey,
) -> None:
    client = supabase_client(jwt_secret=None, jwks_url=jwks_server.url)
    token = rs256(supabase_claims(role="service_role", app_metadata={}), signing_key)
    response = client.get("/auth/me", headers=bearer(token))
    assert response.status_code == 200, response.text
    assert response.json()["db_role"] == "service_role"


# --------------------------------------------------------------- Supabase project API keys
def _project_key(role: str) -> dict[str, Any]:
    """Supabase's anon / service_role API keys: no sub, no aud (as Supabase issues them)."""
    now = int(time.time())
    return {
        "iss": "supabase",
        "ref": "abcdefghijklmnop",
        "role": role,
        "iat": now,
        "exp": now + 3600,
    }


def test_the_supabase_anon_key_is_accepted_as_anon(
    supabase_client: SupabaseClientFactory,
) -> None:
    client = supabase_client()
    response = client.get("/auth/me", headers=bearer(sign(_project_key("anon"))))
    # Accepted as anon (not refused as a bad token), so /auth/me asks for a signed-in user.
    assert response.status_code == 401
    assert response.json()["code"] == "missing_token"


def test_the_supabase_service_role_key_reaches_the_database_as_service_role(
    supabase_client: SupabaseClientFactory,
) -> None:
    client = supabase_client()
    response = client.get("/auth/me", headers=bearer(sign(_project_key("service_role"))))
    assert response.status_code == 200, response.text
    assert response.json()["db_role"] == "service_role"
    assert response.json()["user_id"] is None


def test_a_user_token_without_sub_is_still_refused(
    supabase_client: SupabaseClientFactory,
) -> None:
    claims = supabase_claims()
    del claims["sub"]
    response = supabase_client().get("/auth/me", headers=bearer(sign(claims)))
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_token"


def test_a_project_key_carrying_another_audience_is_refused(
    supabase_client: SupabaseClientFactory,
) -> None:
    key = {**_project_key("service_role"), "aud": "some-other-api"}
    response = supabase_client().get("/auth/me", headers=bearer(sign(key)))
    assert response.status_code == 401
    assert response.json()["code"] == "wrong_audience"


def test_an_unreachable_jwks_endpoint_is_503_not_a_bad_token(
    supabase_client: SupabaseClientFactory, signing_key: rsa.RSAPrivateKey
) -> None:
    # Given a JWKS URL on a port where nothing listens,
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = supabase_client(jwt_secret=None, jwks_url=f"http://127.0.0.1:{port}/jwks.json")
    # when a token must be verified through it,
    response = client.get("/auth/me", headers=bearer(rs256(supabase_claims(), signing_key)))
    # then the caller learns that a dependency is down, not that their token is bad.
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "jwks_unavailable"
