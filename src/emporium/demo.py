"""Demo data for `emporium demo`: whatever the model has so far, added once.

Grows with each domain. Idempotent: running it again adds nothing.
"""

from __future__ import annotations

from emporium.db.connect import Database
from emporium.db.session import Persona, transaction_as
from emporium.identity import service

DEMO_PASSWORD = "emporium-demo"  # noqa: S105 - printed on purpose: demo accounts only
DEMO_USERS = (
    ("admin@demo.emporium.test", "admin"),
    ("rep@demo.emporium.test", "rep"),
    ("vendor@demo.emporium.test", "vendor"),
    ("customer@demo.emporium.test", "customer"),
)


def load_demo_data(db: Database) -> str:
    created = 0
    with db.connect() as conn, transaction_as(conn, Persona.service()):
        for email, role in DEMO_USERS:
            exists = conn.execute(
                "select 1 from private.credentials where email = %s", [email]
            ).fetchone()
            if not exists:
                service.signup(conn, email=email, password=DEMO_PASSWORD, app_role=role)
                created += 1
    return (
        f"{len(DEMO_USERS)} sign-ins ({created} new): "
        + ", ".join(e for e, _ in DEMO_USERS)
        + f"; password {DEMO_PASSWORD!r}"
    )
