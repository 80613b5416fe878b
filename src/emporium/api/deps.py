"""Who is calling: bearer token -> verified claims -> Persona. Nothing else reaches the database."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from emporium.api.state import AppState
from emporium.db.session import Persona
from emporium.errors import AuthError

_bearer = HTTPBearer(auto_error=False, description="A JWT in Supabase's claim layout")


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.emporium
    return state


def optional_persona(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Persona:
    """anon without a token; the token's persona with a valid one; 401 with a bad one."""
    if credentials is None:
        if request.headers.get("authorization"):
            raise AuthError(
                "the Authorization header must be 'Bearer <token>'", code="invalid_token"
            )
        return Persona.anon()
    claims = app_state(request).verifier.verify(credentials.credentials)
    return Persona.from_claims(claims)


def required_persona(persona: Annotated[Persona, Depends(optional_persona)]) -> Persona:
    if persona.role == "anon":
        raise AuthError(
            "this needs a signed-in user: send Authorization: Bearer <token>", code="missing_token"
        )
    return persona


State = Annotated[AppState, Depends(app_state)]
AnyPersona = Annotated[Persona, Depends(optional_persona)]
SignedIn = Annotated[Persona, Depends(required_persona)]
