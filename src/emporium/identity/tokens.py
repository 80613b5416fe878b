"""JWTs in Supabase's claim layout: minting (standalone mode) and verifying (both modes).

Pure: no I/O except fetching a JWKS document when one is configured.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import jwt

from emporium.errors import AuthError, ConfigError, UpstreamUnavailable

ROLES = ("anon", "authenticated", "service_role")
HMAC_ALGORITHMS = ["HS256"]
JWKS_ALGORITHMS = ["RS256", "ES256", "EdDSA"]
MIN_SECRET_BYTES = 32


def check_secret(secret: str) -> str:
    if len(secret.encode()) < MIN_SECRET_BYTES:
        raise ConfigError(
            f"the JWT secret must be at least {MIN_SECRET_BYTES} bytes long",
            hint="set EMPORIUM_JWT_SECRET to a long random string "
            "(on Supabase: the project's JWT secret)",
        )
    return secret


@dataclass(frozen=True)
class AccessClaims:
    """What we put in an access token we issue."""

    user_id: uuid.UUID
    email: str
    app_role: str
    session_id: uuid.UUID
    vendor_id: uuid.UUID | None = None
    account_ids: tuple[uuid.UUID, ...] = ()


def mint_access_token(
    claims: AccessClaims,
    *,
    secret: str,
    issuer: str,
    audience: str,
    ttl_seconds: int,
    now: float | None = None,
) -> str:
    issued = int(now if now is not None else time.time())
    payload: dict[str, Any] = {
        "iss": issuer,
        "sub": str(claims.user_id),
        "aud": audience,
        "exp": issued + ttl_seconds,
        "iat": issued,
        "role": "authenticated",
        "email": claims.email,
        "session_id": str(claims.session_id),
        "aal": "aal1",
        "app_metadata": {
            "provider": "email",
            "role": claims.app_role,
            "vendor_id": str(claims.vendor_id) if claims.vendor_id else None,
            "account_ids": [str(a) for a in claims.account_ids],
        },
        "user_metadata": {},
    }
    return jwt.encode(payload, check_secret(secret), algorithm="HS256")


class TokenVerifier:
    """Verifies bearer tokens against a shared secret (HS256) and/or a JWKS URL."""

    def __init__(
        self,
        *,
        audience: str,
        secret: str | None = None,
        jwks_url: str | None = None,
        leeway_seconds: int = 5,
    ) -> None:
        if not secret and not jwks_url:
            raise ConfigError(
                "no way to verify tokens: set EMPORIUM_JWT_SECRET or EMPORIUM_JWKS_URL"
            )
        self.audience = audience
        self.secret = check_secret(secret) if secret else None
        self.leeway = leeway_seconds
        self._jwks = jwt.PyJWKClient(jwks_url, cache_keys=True, lifespan=300) if jwks_url else None

    def _key(self, token: str) -> tuple[Any, list[str]]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.DecodeError:
            raise AuthError("the token is not a JWT", code="invalid_token") from None
        alg = header.get("alg")
        if alg in HMAC_ALGORITHMS and self.secret:
            return self.secret, HMAC_ALGORITHMS
        if alg in JWKS_ALGORITHMS and self._jwks is not None:
            try:
                return self._jwks.get_signing_key_from_jwt(token).key, JWKS_ALGORITHMS
            except jwt.PyJWKClientConnectionError as exc:
                raise UpstreamUnavailable(
                    f"the JWKS endpoint did not answer: {exc}", code="jwks_unavailable"
                ) from None
            except jwt.PyJWKClientError as exc:
                raise AuthError(
                    f"no key to verify the token: {exc}", code="invalid_token"
                ) from None
        raise AuthError(f"tokens signed with {alg!r} are not accepted here", code="invalid_token")

    def verify(self, token: str) -> Mapping[str, Any]:
        """The claims of a valid token, or AuthError with a precise code.

        User tokens (role authenticated) must carry `sub` and the expected `aud`. Supabase's
        project API keys (role anon or service_role) carry neither; they are accepted without
        them, and when they do carry an `aud` it must match.
        """
        key, algorithms = self._key(token)
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=algorithms,
                leeway=self.leeway,
                options={"require": ["exp", "iat", "role"], "verify_aud": False},
            )
        except jwt.ExpiredSignatureError:
            raise AuthError("the token has expired", code="token_expired") from None
        except jwt.MissingRequiredClaimError as exc:
            raise AuthError(
                f"the token lacks the claim {exc.claim!r}", code="invalid_token"
            ) from None
        except jwt.InvalidTokenError as exc:
            raise AuthError(f"the token is invalid: {exc}", code="invalid_token") from None
        role = claims.get("role")
        if role not in ROLES:
            raise AuthError(f"the token's role {role!r} is not accepted", code="invalid_token")
        if role == "authenticated":
            for claim in ("sub", "aud"):
                if not claims.get(claim):
                    raise AuthError(f"the token lacks the claim {claim!r}", code="invalid_token")
        if "aud" in claims:
            audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
            if self.audience not in audiences:
                raise AuthError(
                    f"the token is not meant for this service (audience must be {self.audience!r})",
                    code="wrong_audience",
                )
        return claims
