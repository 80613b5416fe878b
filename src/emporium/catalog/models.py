"""The catalog: brands, categories, products, variants, specifications, images, offers."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKeyConstraint,
    Index,
    Integer,
    Numeric,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR

from emporium.db.columns import (
    created_at,
    currency,
    fk,
    one_of,
    state,
    timestamps,
    unit_price,
    uuid_pk,
)
from emporium.db.metadata import metadata

PRODUCT_STATUSES = ("draft", "active", "archived")
PRODUCT_SOURCES = ("kicksdb", "shopify", "manual", "legacy")
GENDERS = ("men", "women", "unisex", "kids", "toddler", "infant")
CONDITIONS = ("new", "vnds", "used_good", "used_fair", "refurbished")
SPEC_TYPES = ("number", "text", "boolean", "enum")
DOCUMENT_KINDS = ("spec_sheet", "safety_data_sheet", "certificate", "manual", "other")

brands = Table(
    "brands",
    metadata,
    uuid_pk(),
    Column("name", Text, nullable=False),
    Column("slug", Text, nullable=False, unique=True),
    *timestamps(),
    CheckConstraint("slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name="slug_format"),
    Index("uq_brands__name_lower", text("lower(name)"), unique=True),
    comment=(
        "Product brands. Slug unique and name unique case-insensitively; renaming a brand "
        "re-indexes the search documents of its products."
    ),
)

categories = Table(
    "categories",
    metadata,
    uuid_pk(),
    fk("parent_id", "categories.id", ondelete="RESTRICT", nullable=True),
    Column("name", Text, nullable=False),
    Column("slug", Text, nullable=False),
    # Materialized by trigger: the slugs from the root, joined by '/' (e.g. footwear/sneakers).
    Column(
        "path",
        Text,
        nullable=False,
        server_default=text("''"),
        comment="The slugs from the root joined by '/' (footwear/sneakers), kept by trigger.",
    ),
    Column("position", Integer, nullable=False, server_default=text("0")),
    *timestamps(),
    CheckConstraint("slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name="slug_format"),
    CheckConstraint("parent_id <> id", name="not_own_parent"),
    UniqueConstraint("path"),
    Index("ix_categories__path_prefix", "path", postgresql_ops={"path": "text_pattern_ops"}),
    comment=(
        "The category tree: parent_id plus the materialized slug path (footwear/sneakers) kept by "
        "trigger. Path unique; a category can't move under itself."
    ),
)

products = Table(
    "products",
    metadata,
    uuid_pk(),
    Column("title", Text, nullable=False),
    Column("slug", Text, nullable=False, unique=True),
    fk("brand_id", "brands.id", ondelete="RESTRICT", nullable=True, index=False),
    Column("model", Text),
    # The sneaker SKU, e.g. DD1391-100: trimmed and upper-case (CHECK), unique when present.
    Column(
        "style_code",
        Text,
        unique=True,
        comment="The sneaker SKU (DD1391-100): trimmed and upper-case, unique when present.",
    ),
    Column("colorway", Text),
    Column("gender", Text),
    Column("release_date", Date),
    unit_price("retail_price", nullable=True),
    currency(),
    Column("description", Text),
    *state("kind", ("simple", "variable"), "simple"),
    *state("status", PRODUCT_STATUSES, "draft"),
    *state("source", PRODUCT_SOURCES, "manual"),
    Column("source_id", Text),
    Column("source_payload", JSONB, comment="The raw record from the source, as received."),
    # Kept by trigger from title, brand, model, style code, colorway, description.
    Column(
        "search",
        TSVECTOR,
        nullable=False,
        server_default=text("''::tsvector"),
        comment=(
            "The full-text document (brand, title, style code, model, colorway, description), "
            "kept by trigger."
        ),
    ),
    *timestamps(),
    one_of("gender", GENDERS),
    CheckConstraint(
        "style_code = upper(btrim(style_code)) and style_code <> ''", name="style_code_normalized"
    ),
    CheckConstraint("retail_price >= 0", name="retail_price_positive"),
    CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency_iso"),
    CheckConstraint("slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'", name="slug_format"),
    CheckConstraint("btrim(title) <> ''", name="title_present"),
    Index(
        "uq_products__source_source_id",
        "source",
        "source_id",
        unique=True,
        postgresql_where=text("source_id is not null"),
    ),
    Index(None, "brand_id", "status"),
    Index("ix_products__status_release_date", "status", text("release_date desc nulls last")),
    Index("ix_products__status_retail_price", "status", "retail_price"),
    Index("ix_products__search", "search", postgresql_using="gin"),
    comment=(
        "Catalog products with their source record (KicksDB, Shopify, manual, legacy). Slug "
        "unique; style_code upper-case and unique when present; search kept by trigger."
    ),
)

product_categories = Table(
    "product_categories",
    metadata,
    fk("product_id", "products.id", ondelete="CASCADE", index=False),
    fk("category_id", "categories.id", ondelete="CASCADE"),
    PrimaryKeyConstraint("product_id", "category_id"),
    comment=(
        "The categories a product is listed in (many to many). One row per product and category."
    ),
)

product_variants = Table(
    "product_variants",
    metadata,
    uuid_pk(),
    fk("product_id", "products.id", ondelete="CASCADE"),
    Column("sku", Text, nullable=False, unique=True),
    Column("size_label", Text),
    Column("size_us", Numeric(4, 1)),
    # Other option axes: flavour, pack size, handing, door thickness ...
    Column(
        "options",
        JSONB,
        nullable=False,
        server_default=text("'{}'::jsonb"),
        comment="Option axes besides size (flavour, pack size, handing ...) as a JSON object.",
    ),
    Column("gtin", Text),
    Column("weight_grams", Integer),
    *state("status", ("active", "inactive"), "active"),
    Column("position", Integer, nullable=False, server_default=text("0")),
    *timestamps(),
    CheckConstraint("sku = btrim(sku) and sku <> ''", name="sku_present"),
    CheckConstraint("size_us > 0 and size_us < 30", name="size_us_range"),
    CheckConstraint("jsonb_typeof(options) = 'object'", name="options_object"),
    CheckConstraint("gtin ~ '^[0-9]{8,14}$'", name="gtin_digits"),
    CheckConstraint("weight_grams > 0", name="weight_positive"),
    Index(
        "uq_product_variants__product_option",
        "product_id",
        text("coalesce(size_label, '')"),
        "options",
        unique=True,
    ),
    comment=(
        "The sellable units of a product: size and other option axes, GTIN, weight. SKU unique; "
        "one variant per product and option combination."
    ),
)

spec_definitions = Table(
    "spec_definitions",
    metadata,
    uuid_pk(),
    Column("key", Text, nullable=False, unique=True),
    Column("label", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("unit", Text),
    Column("filterable", Boolean, nullable=False, server_default=text("false")),
    Column("enum_values", ARRAY(Text)),
    Column("position", Integer, nullable=False, server_default=text("0")),
    *timestamps(),
    one_of("type", SPEC_TYPES),
    CheckConstraint("key ~ '^[a-z][a-z0-9_]*$'", name="key_format"),
    CheckConstraint("(type = 'enum') = (enum_values is not null)", name="enum_has_values"),
    comment=(
        "Technical specification keys (protein, voltage, certification ...) with type, unit and "
        "allowed values. Key unique; enum specs list their values."
    ),
)

product_specs = Table(
    "product_specs",
    metadata,
    fk("product_id", "products.id", ondelete="CASCADE", index=False),
    fk("spec_id", "spec_definitions.id", ondelete="RESTRICT"),
    Column("value_number", Numeric),
    Column("value_text", Text),
    Column("value_boolean", Boolean),
    PrimaryKeyConstraint("product_id", "spec_id"),
    CheckConstraint("num_nonnulls(value_number, value_text, value_boolean) = 1", name="one_value"),
    # Filters: "protein >= 20 g", "certification = NSF", "vegan = true"
    Index(
        "ix_product_specs__number",
        "spec_id",
        "value_number",
        postgresql_where=text("value_number is not null"),
    ),
    Index(
        "ix_product_specs__text",
        "spec_id",
        "value_text",
        postgresql_where=text("value_text is not null"),
    ),
    Index(
        "ix_product_specs__boolean",
        "spec_id",
        "value_boolean",
        postgresql_where=text("value_boolean is not null"),
    ),
    comment=(
        "A product's specification values, one typed column each. Exactly one value per product "
        "and spec, in the column its definition's type names (trigger)."
    ),
)

product_images = Table(
    "product_images",
    metadata,
    uuid_pk(),
    fk("product_id", "products.id", ondelete="CASCADE", index=False),
    fk("variant_id", "product_variants.id", ondelete="CASCADE", nullable=True),
    fk("media_id", "media_objects.id", ondelete="RESTRICT"),
    Column("position", Integer, nullable=False, server_default=text("0")),
    Column("alt", Text),
    created_at(),
    UniqueConstraint("product_id", "position"),
    CheckConstraint("position >= 0", name="position_positive"),
    comment=(
        "Images of a product (or of one variant), pointing at stored media. One image per product "
        "and position."
    ),
)

product_documents = Table(
    "product_documents",
    metadata,
    uuid_pk(),
    fk("product_id", "products.id", ondelete="CASCADE"),
    fk("media_id", "media_objects.id", ondelete="RESTRICT"),
    Column("kind", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("language", Text, nullable=False, server_default=text("'en'")),
    Column("position", Integer, nullable=False, server_default=text("0")),
    created_at(),
    one_of("kind", DOCUMENT_KINDS),
    comment=(
        "Documents of a product (spec sheets, safety data sheets, certificates, manuals), "
        "pointing at stored media."
    ),
)

offers = Table(
    "offers",
    metadata,
    uuid_pk(),
    fk("vendor_id", "vendors.id", ondelete="RESTRICT", index=False),
    fk("variant_id", "product_variants.id", ondelete="RESTRICT", index=False),
    Column("condition", Text, nullable=False, server_default=text("'new'")),
    unit_price("price"),
    currency(),
    *state("status", ("active", "paused"), "active"),
    Column("min_order_qty", Integer, nullable=False, server_default=text("1")),
    Column("pack_size", Integer, nullable=False, server_default=text("1")),
    *timestamps(),
    one_of("condition", CONDITIONS),
    UniqueConstraint("vendor_id", "variant_id", "condition"),
    UniqueConstraint("id", "vendor_id"),  # target of (offer_id, vendor_id) foreign keys
    CheckConstraint("price >= 0", name="price_positive"),
    CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency_iso"),
    CheckConstraint("min_order_qty >= 1", name="min_order_qty_positive"),
    CheckConstraint("pack_size >= 1", name="pack_size_positive"),
    Index(
        # not partial: it also serves the foreign key to product_variants
        "ix_offers__variant_id_price",
        "variant_id",
        "price",
    ),
    Index(None, "vendor_id", "status"),
    comment=(
        "What a vendor sells: a variant in a condition at a price. One offer per vendor, variant "
        "and condition; stock lives at the vendor's locations, the offer is the price."
    ),
)

__all__ = ["Date", "ForeignKeyConstraint"]
