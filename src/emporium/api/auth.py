"""Standalone auth endpoints: signup, login, refresh, logout, me.

In Supabase mode Supabase Auth issues tokens; these endpoints (except /auth/me) answer
404 problem+json with the code auth_mode_unsupported.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

from emporium.api.deps import SignedIn, State
from emporium.api.state import AppState
from emporium.db.session import Persona, unit_of_work
from emporium.errors import AuthError, NotFound
from emporium.identity import service
from emporium.identity.tokens import mint_access_token

router = APIRouter(prefix="/auth", tags=["auth"])


class Credentials(BaseModel):
    email: str = Field(min_length=3, max_length=320, examples=["ada@example.com"])
    password: str = Field(min_length=1, max_length=1024)


class RefreshRequest(BaseModel):
    refresh_token: str = Field(min_length=10, max_length=200)


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth token type, not a secret
    expires_in: int
    refresh_token: str
    user_id: uuid.UUID


class SignupResponse(BaseModel):
    user_id: uuid.UUID
    email: str


def _standalone(state: AppState) -> str:
    if state.jwt_secret is None:
        raise NotFound(
            "sign-in is handled by Supabase Auth in this deployment", code="auth_mode_unsupported"
        )
    return state.jwt_secret


def _tokens(state: AppState, session: service.Session) -> TokenResponse:
    secret = _standalone(state)
    ttl = state.settings.access_token_ttl_seconds
    access = mint_access_token(
        session.claims,
        secret=secret,
        issuer=state.settings.jwt_issuer,
        audience=state.settings.jwt_audience,
        ttl_seconds=ttl,
    )
    return TokenResponse(
        access_token=access,
        expires_in=ttl,
        refresh_token=session.refresh_token,
        user_id=session.claims.user_id,
    )


@router.post("/signup", status_code=status.HTTP_201_CREATED, response_model=SignupResponse)
def signup(body: Credentials, state: State) -> SignupResponse:
    _standalone(state)
    with unit_of_work(state.pool, Persona.service()) as conn:
        user_id = service.signup(conn, email=body.email, password=body.password)
    return SignupResponse(user_id=user_id, email=service.normalize_email(body.email))


@router.post("/login", response_model=TokenResponse)
def login(body: Credentials, state: State) -> TokenResponse:
    _standalone(state)
    ttl = timedelta(seconds=state.settings.refresh_token_ttl_seconds)
    with unit_of_work(state.pool, Persona.service()) as conn:
        session = service.login(conn, email=body.email, password=body.password, refresh_ttl=ttl)
    return _tokens(state, session)


@router.post("/refresh", response_model=TokenResponse)
def refresh(body: RefreshRequest, state: State) -> TokenResponse:
    _standalone(state)
    ttl = timedelta(seconds=state.settings.refresh_token_ttl_seconds)
    with unit_of_work(state.pool, Persona.service()) as conn:
        session = service.refresh(conn, refresh_token=body.refresh_token, refresh_ttl=ttl)
    if session is None:  # the revocation above is committed; now refuse
        raise AuthError(
            "this refresh token was already used; the session has been revoked",
            code="refresh_token_reused",
        )
    return _tokens(state, session)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(persona: SignedIn, state: State) -> None:
    """Revoke the session of the presented access token (its refresh tokens stop working;
    the access token itself stays valid until it expires, at most the access TTL)."""
    _standalone(state)
    session_id = persona.claims.get("session_id")
    try:
        sid = uuid.UUID(str(session_id))
    except ValueError:
        raise AuthError("the token has no session to end", code="invalid_token") from None
    with unit_of_work(state.pool, Persona.service()) as conn:
        service.revoke_session(conn, session_id=sid)


@router.get("/me", summary="The verified claims of the caller, and what the database sees")
def me(persona: SignedIn, state: State) -> dict[str, Any]:
    with unit_of_work(state.pool, persona) as conn:
        row = conn.execute(
            "select private.current_user_id(), private.current_app_role(), current_user"
        ).fetchone()
    assert row is not None
    return {
        "user_id": row[0],
        "app_role": row[1],
        "db_role": row[2],
        "claims": dict(persona.claims),
    }
