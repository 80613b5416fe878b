"""Standalone auth over HTTP against a real database: sign up, log in, refresh, log out, me."""

from __future__ import annotations

import time
import uuid
from typing import Any

import httpx
import jwt
import pytest
from fastapi.testclient import TestClient

from emporium.db.connect import Database
from emporium.identity.tokens import AccessClaims, mint_access_token
from tests.api.conftest import (
    OTHER_SECRET,
    SECRET,
    bearer,
    execute,
    query,
    sign,
    supabase_claims,
)

PROBLEM = "application/problem+json"
PASSWORD = "correct horse battery staple"


def signup(client: TestClient, email: str = "ada@example.com", password: str = PASSWORD) -> Any:
    response = client.post("/auth/signup", json={"email": email, "password": password})
    assert response.status_code == 201, response.text
    return response.json()


def login(client: TestClient, email: str = "ada@example.com", password: str = PASSWORD) -> Any:
    response = client.post("/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return response.json()


def refresh(client: TestClient, token: str) -> httpx.Response:
    return client.post("/auth/refresh", json={"refresh_token": token})


def assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = response.json()
    assert body["code"] == code
    assert body["status"] == status
    assert body["type"] == f"/problems/{code}"
    assert body["title"]
    assert body["detail"]
    return body


def assert_unauthorized(response: httpx.Response, code: str) -> dict[str, Any]:
    body = assert_problem(response, 401, code)
    assert response.headers["www-authenticate"].startswith("Bearer")
    return body


def credential_count(db: Database) -> int:
    return int(query(db, "select count(*) from private.credentials")[0][0])


def session_tokens(db: Database, session_id: str) -> list[tuple[Any, ...]]:
    return query(
        db,
        "select id, revoked_at from private.refresh_tokens where session_id = %s order by id",
        [session_id],
    )


def mint(**overrides: Any) -> str:
    """An access token as the server mints it, with any claim changed or removed (None)."""
    claims = supabase_claims(sub=uuid.uuid4(), iss="emporium")
    for name, value in overrides.items():
        if value is None:
            claims.pop(name, None)
        else:
            claims[name] = value
    return sign(claims)


# ----------------------------------------------------------------------------- signup
def test_signup_creates_an_account_with_the_email_normalized(
    client: TestClient, fresh_db: Database
) -> None:
    body = signup(client, email="  Ada.Lovelace@Example.COM ")
    assert body["email"] == "ada.lovelace@example.com"
    user_id = uuid.UUID(body["user_id"])
    rows = query(
        fresh_db, "select user_id, email, app_role, password_hash from private.credentials"
    )
    assert len(rows) == 1
    assert rows[0][:3] == (user_id, "ada.lovelace@example.com", "customer")
    assert rows[0][3].startswith("$argon2id$")
    assert PASSWORD not in rows[0][3]


def test_signing_up_twice_with_the_same_email_in_other_case_is_a_conflict_writing_nothing(
    client: TestClient, fresh_db: Database
) -> None:
    signup(client, email="ada@example.com")
    response = client.post(
        "/auth/signup", json={"email": "  ADA@Example.com  ", "password": "another password"}
    )
    body = assert_problem(response, 409, "email_taken")
    assert "ada@example.com" in body["detail"]
    assert body["instance"] == "/auth/signup"
    assert credential_count(fresh_db) == 1


def test_signup_with_an_invalid_email_is_refused_with_invalid_email(
    client: TestClient, fresh_db: Database
) -> None:
    response = client.post("/auth/signup", json={"email": "not-an-email", "password": PASSWORD})
    assert_problem(response, 422, "invalid_email")
    assert credential_count(fresh_db) == 0


def test_signup_with_a_short_password_is_refused_as_weak(
    client: TestClient, fresh_db: Database
) -> None:
    response = client.post("/auth/signup", json={"email": "ada@example.com", "password": "short"})
    body = assert_problem(response, 422, "weak_password")
    assert "8" in body["detail"]
    assert credential_count(fresh_db) == 0


@pytest.mark.parametrize(
    ("payload", "missing"),
    [
        ({"email": "ada@example.com"}, "password"),
        ({"password": PASSWORD}, "email"),
        ({}, "email"),
    ],
)
def test_signup_with_missing_fields_lists_what_is_wrong(
    client: TestClient, payload: dict[str, str], missing: str
) -> None:
    body = assert_problem(client.post("/auth/signup", json=payload), 422, "invalid_input")
    assert isinstance(body["errors"], list)
    assert body["errors"]
    assert any(err["loc"][-1] == missing for err in body["errors"])
    assert all({"loc", "msg", "type"} <= err.keys() for err in body["errors"])


@pytest.mark.parametrize("path", ["/auth/signup", "/auth/login", "/auth/refresh"])
def test_malformed_json_is_invalid_input_never_a_server_error(
    client: TestClient, path: str
) -> None:
    response = client.post(
        path,
        content=b'{"email": "ada@example.com", "password": ',
        headers={"Content-Type": "application/json"},
    )
    body = assert_problem(response, 422, "invalid_input")
    assert isinstance(body["errors"], list)
    assert body["errors"]


@pytest.mark.parametrize(
    "payload",
    [
        {"email": ["ada@example.com"], "password": PASSWORD},
        {"email": "ada@example.com", "password": 12345678},
        {"email": "ada@example.com", "password": "x" * 2000},
        [],
    ],
)
def test_wrongly_typed_input_is_invalid_input_never_a_server_error(
    client: TestClient, fresh_db: Database, payload: Any
) -> None:
    body = assert_problem(client.post("/auth/signup", json=payload), 422, "invalid_input")
    assert body["errors"]
    assert credential_count(fresh_db) == 0


# ------------------------------------------------------------------------------ login
def test_login_returns_tokens_and_the_access_token_has_supabases_claim_layout(
    client: TestClient, api_settings: Any
) -> None:
    user_id = signup(client, email="Ada@Example.com")["user_id"]
    before = int(time.time())
    body = login(client, email="ada@example.com")
    assert body["token_type"] == "bearer"
    assert body["user_id"] == user_id
    assert body["expires_in"] == api_settings.access_token_ttl_seconds
    assert body["refresh_token"]
    assert body["refresh_token"] != body["access_token"]

    claims = jwt.decode(
        body["access_token"], SECRET, algorithms=["HS256"], audience="authenticated"
    )
    assert jwt.get_unverified_header(body["access_token"])["alg"] == "HS256"
    assert claims["sub"] == user_id
    assert claims["role"] == "authenticated"
    assert claims["aud"] == "authenticated"
    assert claims["email"] == "ada@example.com"
    assert uuid.UUID(claims["session_id"])
    assert claims["app_metadata"]["role"] == "customer"
    assert claims["app_metadata"]["provider"] == "email"
    assert before - 5 <= claims["iat"] <= int(time.time()) + 5
    assert claims["exp"] == claims["iat"] + api_settings.access_token_ttl_seconds


def test_login_with_wrong_password_is_refused_without_saying_which_part_was_wrong(
    client: TestClient,
) -> None:
    signup(client)
    wrong_password = client.post(
        "/auth/login", json={"email": "ada@example.com", "password": "not the password"}
    )
    unknown_email = client.post(
        "/auth/login", json={"email": "nobody@example.com", "password": PASSWORD}
    )
    not_an_email = client.post("/auth/login", json={"email": "nobody", "password": PASSWORD})
    bodies = [
        assert_unauthorized(r, "invalid_credentials")
        for r in (wrong_password, unknown_email, not_an_email)
    ]
    assert bodies[0]["detail"] == bodies[1]["detail"] == bodies[2]["detail"]
    assert bodies[0]["title"] == bodies[1]["title"]


def test_login_writes_one_live_refresh_token_for_a_new_session(
    client: TestClient, fresh_db: Database
) -> None:
    user_id = signup(client)["user_id"]
    first = jwt.decode(login(client)["access_token"], options={"verify_signature": False})
    second = jwt.decode(login(client)["access_token"], options={"verify_signature": False})
    assert first["session_id"] != second["session_id"]
    rows = query(
        fresh_db,
        "select user_id::text, session_id::text, revoked_at from private.refresh_tokens"
        " order by id",
    )
    assert rows == [
        (user_id, first["session_id"], None),
        (user_id, second["session_id"], None),
    ]


# --------------------------------------------------------------------------------- me
def test_me_shows_the_database_acting_as_the_signed_in_user(client: TestClient) -> None:
    user_id = signup(client)["user_id"]
    token = login(client)["access_token"]
    response = client.get("/auth/me", headers=bearer(token))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["db_role"] == "authenticated"
    assert body["user_id"] == user_id  # private.current_user_id(), from the claims in the DB
    assert body["app_role"] == "customer"
    assert body["claims"]["sub"] == user_id
    assert body["claims"]["email"] == "ada@example.com"


# ---------------------------------------------------------------------------- refresh
def test_refresh_rotates_the_refresh_token_keeping_the_session(
    client: TestClient, fresh_db: Database
) -> None:
    signup(client)
    first = login(client)
    session_id = jwt.decode(first["access_token"], options={"verify_signature": False})[
        "session_id"
    ]
    response = refresh(client, first["refresh_token"])
    assert response.status_code == 200, response.text
    second = response.json()
    assert second["refresh_token"] != first["refresh_token"]
    claims = jwt.decode(
        second["access_token"], SECRET, algorithms=["HS256"], audience="authenticated"
    )
    assert claims["session_id"] == session_id
    assert client.get("/auth/me", headers=bearer(second["access_token"])).status_code == 200

    third = refresh(client, second["refresh_token"])
    assert third.status_code == 200, third.text
    tokens = session_tokens(fresh_db, session_id)
    assert len(tokens) == 3
    assert [revoked is None for _, revoked in tokens] == [False, False, True]


def test_reusing_a_rotated_refresh_token_revokes_the_whole_session(
    client: TestClient, fresh_db: Database
) -> None:
    signup(client)
    first = login(client)
    session_id = jwt.decode(first["access_token"], options={"verify_signature": False})[
        "session_id"
    ]
    rotated = refresh(client, first["refresh_token"])
    assert rotated.status_code == 200
    newest = rotated.json()["refresh_token"]

    reused = refresh(client, first["refresh_token"])
    body = assert_unauthorized(reused, "refresh_token_reused")
    assert "revoked" in body["detail"]

    # The revocation was committed even though the request was refused.
    tokens = session_tokens(fresh_db, session_id)
    assert len(tokens) == 2
    assert all(revoked is not None for _, revoked in tokens)
    # ... so the thief's (or the owner's) newest token is dead as well.
    assert refresh(client, newest).status_code == 401
    assert len(session_tokens(fresh_db, session_id)) == 2


def test_reuse_revokes_only_the_session_it_belongs_to(
    client: TestClient, fresh_db: Database
) -> None:
    signup(client)
    stolen = login(client)
    other = login(client)
    assert refresh(client, stolen["refresh_token"]).status_code == 200
    assert_unauthorized(refresh(client, stolen["refresh_token"]), "refresh_token_reused")
    still_live = refresh(client, other["refresh_token"])
    assert still_live.status_code == 200, still_live.text


def test_an_unknown_refresh_token_is_refused(client: TestClient) -> None:
    assert_unauthorized(refresh(client, "x" * 43), "invalid_token")


def test_an_expired_refresh_token_is_refused(client: TestClient, fresh_db: Database) -> None:
    signup(client)
    tokens = login(client)
    execute(
        fresh_db,
        "update private.refresh_tokens set issued_at = now() - interval '2 days',"
        " expires_at = now() - interval '1 day'",
    )
    assert_unauthorized(refresh(client, tokens["refresh_token"]), "token_expired")


# ----------------------------------------------------------------------------- logout
def test_logout_revokes_the_sessions_refresh_tokens(client: TestClient, fresh_db: Database) -> None:
    signup(client)
    tokens = login(client)
    other_session = login(client)
    session_id = jwt.decode(tokens["access_token"], options={"verify_signature": False})[
        "session_id"
    ]
    response = client.post("/auth/logout", headers=bearer(tokens["access_token"]))
    assert response.status_code == 204
    assert response.content == b""
    assert all(revoked is not None for _, revoked in session_tokens(fresh_db, session_id))
    # A token ended by logout says so; it is not mistaken for a replay.
    assert_unauthorized(refresh(client, tokens["refresh_token"]), "session_ended")
    reasons = query(
        fresh_db,
        "select distinct revoked_reason from private.refresh_tokens where session_id = %s",
        [session_id],
    )
    assert reasons == [("logout",)]
    # Only that session ended.
    assert refresh(client, other_session["refresh_token"]).status_code == 200


def test_logout_needs_a_token(client: TestClient) -> None:
    assert_unauthorized(client.post("/auth/logout"), "missing_token")


def test_logout_with_a_token_without_a_session_is_refused(client: TestClient) -> None:
    assert_unauthorized(
        client.post("/auth/logout", headers=bearer(mint(session_id=None))), "invalid_token"
    )


# ------------------------------------------------------------------- refused tokens
def test_me_without_a_token_is_401_missing_token(client: TestClient) -> None:
    response = client.get("/auth/me")
    body = assert_unauthorized(response, "missing_token")
    assert body["instance"] == "/auth/me"
    # RFC 6750: a request without credentials gets a challenge without an error code.
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_bad_token_gets_a_challenge_naming_invalid_token(client: TestClient) -> None:
    response = client.get("/auth/me", headers=bearer("not-a-jwt"))
    assert_unauthorized(response, "invalid_token")
    assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'


def test_an_expired_access_token_is_refused_as_expired(client: TestClient) -> None:
    user_id = uuid.UUID(signup(client)["user_id"])
    token = mint_access_token(
        AccessClaims(user_id, "ada@example.com", "customer", uuid.uuid4()),
        secret=SECRET,
        issuer="emporium",
        audience="authenticated",
        ttl_seconds=60,
        now=time.time() - 3600,
    )
    assert_unauthorized(client.get("/auth/me", headers=bearer(token)), "token_expired")


def test_a_token_with_a_tampered_signature_is_refused(client: TestClient) -> None:
    signup(client)
    token = login(client)["access_token"]
    header, payload, signature = token.split(".")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    assert_unauthorized(
        client.get("/auth/me", headers=bearer(f"{header}.{payload}.{flipped}")), "invalid_token"
    )


def test_a_token_with_a_tampered_payload_is_refused(client: TestClient) -> None:
    signup(client)
    token = login(client)["access_token"]
    header, _, signature = token.split(".")
    forged_claims = supabase_claims(app_metadata={"role": "admin"})
    forged_payload = sign(forged_claims, OTHER_SECRET).split(".")[1]
    forged = f"{header}.{forged_payload}.{signature}"
    assert_unauthorized(client.get("/auth/me", headers=bearer(forged)), "invalid_token")


def test_a_token_for_another_audience_is_refused_as_wrong_audience(client: TestClient) -> None:
    response = client.get("/auth/me", headers=bearer(mint(aud="someone-else")))
    body = assert_unauthorized(response, "wrong_audience")
    assert "authenticated" in body["detail"]


def test_a_token_with_alg_none_is_refused(client: TestClient) -> None:
    unsigned = jwt.encode(supabase_claims(), None, algorithm="none")
    assert_unauthorized(client.get("/auth/me", headers=bearer(unsigned)), "invalid_token")


def test_a_token_signed_with_another_secret_is_refused(client: TestClient) -> None:
    forged = sign(supabase_claims(), OTHER_SECRET)
    assert_unauthorized(client.get("/auth/me", headers=bearer(forged)), "invalid_token")


@pytest.mark.parametrize(
    "authorization",
    [
        "Basic YWRhQGV4YW1wbGUuY29tOnBhc3N3b3Jk",
        "Token abc.def.ghi",
        "Bearer",
        "bearer-but-not-really",
    ],
)
def test_an_authorization_header_that_is_not_bearer_is_refused(
    client: TestClient, authorization: str
) -> None:
    response = client.get("/auth/me", headers={"Authorization": authorization})
    assert_unauthorized(response, "invalid_token")


def test_a_bearer_value_that_is_not_a_jwt_is_refused(client: TestClient) -> None:
    assert_unauthorized(client.get("/auth/me", headers=bearer("not-a-jwt")), "invalid_token")


@pytest.mark.parametrize("role", ["postgres", "supabase_admin", "authenticator", "anon_x"])
def test_a_token_asking_for_a_privileged_or_unknown_role_is_refused(
    client: TestClient, role: str
) -> None:
    body = assert_unauthorized(
        client.get("/auth/me", headers=bearer(mint(role=role))), "invalid_token"
    )
    assert role in body["detail"]


@pytest.mark.parametrize("claim", ["sub", "exp", "role", "aud", "iat"])
def test_a_token_missing_a_required_claim_is_refused(client: TestClient, claim: str) -> None:
    body = assert_unauthorized(
        client.get("/auth/me", headers=bearer(mint(**{claim: None}))), "invalid_token"
    )
    assert claim in body["detail"]


def test_a_valid_token_minted_elsewhere_with_the_secret_is_accepted(client: TestClient) -> None:
    user_id = uuid.uuid4()
    response = client.get("/auth/me", headers=bearer(mint(sub=str(user_id))))
    assert response.status_code == 200, response.text
    assert response.json()["user_id"] == str(user_id)


# --------------------------------------------------------------------------- disabled
def test_a_disabled_account_can_neither_log_in_nor_refresh(
    client: TestClient, fresh_db: Database
) -> None:
    signup(client)
    tokens = login(client)
    execute(fresh_db, "update private.credentials set disabled_at = now()")

    response = client.post("/auth/login", json={"email": "ada@example.com", "password": PASSWORD})
    assert_unauthorized(response, "invalid_credentials")
    assert refresh(client, tokens["refresh_token"]).status_code == 401
    # Refusing wrote nothing: no new refresh tokens, the old one not rotated.
    assert query(fresh_db, "select count(*), count(revoked_at) from private.refresh_tokens") == [
        (1, 0)
    ]


# ------------------------------------------------------------- the database decides roles
def test_signup_creates_the_users_profile_as_a_customer(
    client: TestClient, fresh_db: Database
) -> None:
    user_id = signup(client)["user_id"]
    rows = query(fresh_db, "select email, role from public.users where id = %s", [user_id])
    assert rows == [("ada@example.com", "customer")]


def test_a_refreshed_token_carries_the_role_vendor_and_accounts_the_database_holds_now(
    client: TestClient, fresh_db: Database
) -> None:
    # Given a signed-in customer,
    user_id = signup(client)["user_id"]
    tokens = login(client)
    first = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    assert first["app_metadata"]["role"] == "customer"
    # when an admin makes them a vendor's manager and a member of an account,
    execute(
        fresh_db,
        "insert into public.vendors (id, name, slug, status) values"
        " ('c0000000-0000-4000-8000-000000000001', 'Kicks', 'kicks', 'active')",
    )
    execute(
        fresh_db,
        "insert into public.accounts (id, name, type) values"
        " ('c0000000-0000-4000-8000-0000000000a1', 'Gym Co', 'pro')",
    )
    execute(
        fresh_db,
        "update public.users set role = 'vendor', vendor_role = 'manager',"
        " vendor_id = 'c0000000-0000-4000-8000-000000000001' where id = %s",
        [user_id],
    )
    execute(
        fresh_db,
        "insert into public.account_members (account_id, user_id) values"
        " ('c0000000-0000-4000-8000-0000000000a1', %s)",
        [user_id],
    )
    # then the next token says so.
    renewed = refresh(client, tokens["refresh_token"]).json()
    claims = jwt.decode(renewed["access_token"], options={"verify_signature": False})
    assert claims["app_metadata"]["role"] == "vendor"
    assert claims["app_metadata"]["vendor_id"] == "c0000000-0000-4000-8000-000000000001"
    assert claims["app_metadata"]["account_ids"] == ["c0000000-0000-4000-8000-0000000000a1"]
