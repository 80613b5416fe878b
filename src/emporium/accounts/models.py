"""People and organisations: users, vendors, B2B accounts, their members and addresses."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKeyConstraint,
    Index,
    Integer,
    Numeric,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    func,
    text,
)
from sqlalchemy.types import CHAR

from emporium.db.columns import created_at, currency, fk, one_of, state, timestamps, uuid_pk
from emporium.db.metadata import metadata

USER_ROLES = ("customer", "vendor", "rep", "admin")
VENDOR_ROLES = ("owner", "manager", "staff")
VENDOR_STATUSES = ("pending", "active", "suspended")
ACCOUNT_TYPES = ("dealer", "pro", "retail", "distributor")
ACCOUNT_STATUSES = ("pending", "active", "on_hold", "closed")
TIERS = ("bronze", "silver", "gold", "platinum")
MEMBER_ROLES = ("owner", "buyer", "viewer")

vendors = Table(
    "vendors",
    metadata,
    uuid_pk(),
    Column("name", Text, nullable=False),
    Column("slug", Text, nullable=False, unique=True),
    *state("status", VENDOR_STATUSES, "pending"),
    Column("commission_rate", Numeric(5, 4), nullable=False, server_default=text("0.1000")),
    Column("is_house", Boolean, nullable=False, server_default=text("false")),
    Column("contact_email", Text),
    Column("contact_phone", Text),
    Column("country", CHAR(2)),
    Column("default_currency", CHAR(3), nullable=False, server_default=text("'USD'")),
    Column("ships_within_days", Integer, nullable=False, server_default=text("2")),
    Column("accepts_returns", Boolean, nullable=False, server_default=text("true")),
    *timestamps(),
    CheckConstraint("slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name="slug_format"),
    CheckConstraint("commission_rate >= 0 and commission_rate <= 1", name="commission_rate_range"),
    CheckConstraint("country ~ '^[A-Z]{2}$'", name="country_iso"),
    CheckConstraint("default_currency ~ '^[A-Z]{3}$'", name="currency_iso"),
    CheckConstraint("ships_within_days between 0 and 90", name="ships_within_days_range"),
    CheckConstraint("btrim(name) <> ''", name="name_present"),
    # One house vendor at most: the store itself, which also sells.
    Index("uq_vendors__one_house", text("(true)"), unique=True, postgresql_where=text("is_house")),
    comment=(
        "Sellers on the marketplace, the store itself included (is_house). Slug unique, at most "
        "one house vendor; status, commission rate and slug are changed only by admins."
    ),
)

users = Table(
    "users",
    metadata,
    # The auth user's id (Supabase auth.users.id, or private.credentials.user_id standalone).
    Column(
        "id",
        Uuid,
        primary_key=True,
        comment=(
            "The auth user's id: Supabase auth.users.id, or private.credentials.user_id standalone."
        ),
    ),
    Column("email", Text, nullable=False),
    Column("full_name", Text),
    *state("role", USER_ROLES, "customer"),
    fk("vendor_id", "vendors.id", ondelete="RESTRICT", nullable=True),
    Column("vendor_role", Text),
    Column("phone", Text),
    *timestamps(),
    one_of("vendor_role", VENDOR_ROLES),
    CheckConstraint(
        "(role = 'vendor') = (vendor_id is not null)"
        " and (vendor_id is null) = (vendor_role is null)",
        name="vendor_staff_has_vendor",
    ),
    CheckConstraint(
        "email = btrim(email) and email ~ '^[^@[:space:]]+@[^@[:space:]]+$'", name="email_format"
    ),
    Index("uq_users__email_lower", func.lower(text("email")), unique=True),
    comment=(
        "One row per auth user (id = the auth user's id): profile and app role. Email unique "
        "case-insensitively; vendor staff, and only they, have a vendor_id and a vendor_role."
    ),
)

accounts = Table(
    "accounts",
    metadata,
    uuid_pk(),
    Column("name", Text, nullable=False),
    Column("type", Text, nullable=False),
    *state("status", ACCOUNT_STATUSES, "active"),
    *state("tier", TIERS, "bronze"),
    Column("credit_limit", Numeric(14, 2), nullable=False, server_default=text("0")),
    currency(),
    Column("payment_terms_days", Integer, nullable=False, server_default=text("0")),
    fk("rep_id", "users.id", ondelete="SET NULL", nullable=True),
    Column("shopify_customer_id", Text, unique=True),
    Column("legacy_dealer_id", Integer, unique=True),
    Column("tax_id", Text),
    *timestamps(),
    one_of("type", ACCOUNT_TYPES),
    CheckConstraint("credit_limit >= 0", name="credit_limit_positive"),
    CheckConstraint("payment_terms_days between 0 and 365", name="payment_terms_range"),
    CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency_iso"),
    CheckConstraint("btrim(name) <> ''", name="name_present"),
    Index(None, "status", "tier"),
    comment=(
        "B2B customers (dealers, pros, retailers, distributors) with tier, credit terms and an "
        "assigned rep. rep_id must be a user with role rep (trigger); external ids are unique."
    ),
)

account_members = Table(
    "account_members",
    metadata,
    fk("account_id", "accounts.id", ondelete="CASCADE", index=False),
    fk("user_id", "users.id", ondelete="CASCADE"),
    Column("role", Text, nullable=False, server_default=text("'buyer'")),
    created_at(),
    PrimaryKeyConstraint("account_id", "user_id"),
    one_of("role", MEMBER_ROLES),
    comment=(
        "Who belongs to a B2B account and as what: owner, buyer or viewer. One row per account "
        "and user; owners and buyers buy for the account, viewers only read."
    ),
)

account_notes = Table(
    "account_notes",
    metadata,
    uuid_pk(),
    fk("account_id", "accounts.id", ondelete="CASCADE"),
    fk("author_id", "users.id", ondelete="RESTRICT"),
    Column("body", Text, nullable=False),
    *timestamps(),
    CheckConstraint("btrim(body) <> ''", name="body_present"),
    comment=(
        "Notes on a B2B account written by its rep or an admin. Never empty; deleted with the "
        "account."
    ),
)

addresses = Table(
    "addresses",
    metadata,
    uuid_pk(),
    fk("user_id", "users.id", ondelete="CASCADE", nullable=True),
    fk("account_id", "accounts.id", ondelete="CASCADE", nullable=True),
    Column("label", Text),
    Column("recipient", Text, nullable=False),
    Column("company", Text),
    Column("line1", Text, nullable=False),
    Column("line2", Text),
    Column("city", Text, nullable=False),
    Column("region", Text),
    Column("postal_code", Text),
    Column("country", CHAR(2), nullable=False),
    Column("phone", Text),
    Column("is_default_shipping", Boolean, nullable=False, server_default=text("false")),
    Column("is_default_billing", Boolean, nullable=False, server_default=text("false")),
    *timestamps(),
    CheckConstraint("num_nonnulls(user_id, account_id) = 1", name="one_owner"),
    CheckConstraint("country ~ '^[A-Z]{2}$'", name="country_iso"),
    Index(
        "uq_addresses__default_shipping",
        text("coalesce(user_id, account_id)"),
        unique=True,
        postgresql_where=text("is_default_shipping"),
    ),
    Index(
        "uq_addresses__default_billing",
        text("coalesce(user_id, account_id)"),
        unique=True,
        postgresql_where=text("is_default_billing"),
    ),
    comment=(
        "Postal addresses owned by exactly one user or one account. At most one default shipping "
        "and one default billing address per owner."
    ),
)

__all__ = [
    "ForeignKeyConstraint",
    "UniqueConstraint",
    "account_members",
    "account_notes",
    "accounts",
    "addresses",
    "users",
    "vendors",
]
