"""The SQLAlchemy MetaData every table is defined on, with a naming convention.

The convention exists before the first migration so every constraint and index has a
predictable name that a later migration can drop.
"""

from __future__ import annotations

from sqlalchemy import MetaData

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s__%(column_0_N_name)s",
    "uq": "uq_%(table_name)s__%(column_0_N_name)s",
    "ck": "ck_%(table_name)s__%(constraint_name)s",
    "fk": "fk_%(table_name)s__%(column_0_N_name)s__%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

# Schemas the migrations own. `private` holds helpers and internal tables and is
# never exposed over an API (not in PostgREST's db-schemas on Supabase).
OWNED_SCHEMAS = ("public", "private")


def load_all_models() -> MetaData:
    """Import every module that defines tables, so `metadata` is complete."""
    import emporium.accounts.models
    import emporium.audit.models
    import emporium.catalog.models
    import emporium.db.internal
    import emporium.identity.models
    import emporium.integrations.models
    import emporium.inventory.models
    import emporium.media.models
    import emporium.orders.models
    import emporium.pricing.models
    import emporium.rfq.models  # noqa: F401

    return metadata
