"""Which domain each table belongs to: the models module that defines it.

The one thing the schema docs take from the code rather than the catalog (docs_catalog).
"""

from __future__ import annotations

import importlib

from sqlalchemy import Table

from emporium.db.metadata import load_all_models

# The models module that defines a table says which domain it belongs to.
DOMAIN_MODULES = (
    ("emporium.accounts.models", "People and organisations"),
    ("emporium.catalog.models", "Catalog"),
    ("emporium.media.models", "Media"),
    ("emporium.inventory.models", "Inventory"),
    ("emporium.orders.models", "Selling"),
    ("emporium.pricing.models", "B2B pricing"),
    ("emporium.rfq.models", "Requests for quote"),
    ("emporium.integrations.models", "Integrations"),
    ("emporium.audit.models", "Audit"),
    ("emporium.identity.models", "Identity (standalone auth)"),
    ("emporium.db.internal", "Internal"),
)
OTHER_DOMAIN = "Not in the models"


def table_domains() -> dict[tuple[str, str], tuple[int, str]]:
    """(schema, table) -> (rank, domain title), from the models module defining each table."""
    load_all_models()
    found: dict[tuple[str, str], tuple[int, str]] = {}
    for rank, (module_name, title) in enumerate(DOMAIN_MODULES):
        module = importlib.import_module(module_name)
        for obj in vars(module).values():
            if isinstance(obj, Table):
                # First definer wins: a module importing another's table doesn't take it.
                found.setdefault((obj.schema or "public", obj.name), (rank, title))
    return found


def domain_intro(title: str) -> str | None:
    """The first paragraph of the docstring of the models module behind a domain."""
    for module_name, t in DOMAIN_MODULES:
        if t == title:
            doc = importlib.import_module(module_name).__doc__ or ""
            return " ".join(doc.strip().split("\n\n")[0].split()) or None
    return None


def domain_order() -> list[str]:
    return [title for _, title in DOMAIN_MODULES] + [OTHER_DOMAIN]
