"""Stored files: images, spec sheets. Renditions are generated on demand and cached."""

from __future__ import annotations

from sqlalchemy import BigInteger, CheckConstraint, Column, Integer, Table, Text, UniqueConstraint

from emporium.db.columns import fk, state, timestamps, uuid_pk
from emporium.db.metadata import metadata

media_objects = Table(
    "media_objects",
    metadata,
    uuid_pk(),
    Column("bucket", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("content_type", Text, nullable=False),
    Column("bytes", BigInteger, nullable=False),
    Column("sha256", Text, nullable=False),
    Column("width", Integer),
    Column("height", Integer),
    # A tiny inline preview (data URI) shown while the real image loads, or instead of a
    # missing one: generated placeholders replace dead third-party placeholder URLs.
    Column(
        "placeholder",
        Text,
        comment=(
            "A tiny inline preview (data URI) shown while the image loads, or instead of a "
            "missing one."
        ),
    ),
    Column("source_url", Text),
    *state("kind", ("upload", "import", "generated_placeholder"), "upload"),
    # NULL: the store's own file; else the vendor that uploaded it.
    fk(
        "vendor_id",
        "vendors.id",
        ondelete="RESTRICT",
        nullable=True,
        comment="The vendor that uploaded the file; NULL for the store's own files.",
    ),
    *timestamps(),
    UniqueConstraint("bucket", "key"),
    CheckConstraint("bytes >= 0", name="bytes_positive"),
    # (not ~ '^[0-9a-f]{64}$': a counted repetition costs the regex engine 64 states a row)
    CheckConstraint("octet_length(sha256) = 64 and sha256 !~ '[^0-9a-f]'", name="sha256_hex"),
    CheckConstraint(
        "(width is null or width > 0) and (height is null or height > 0)",
        name="dimensions_positive",
    ),
    CheckConstraint("content_type ~ '^[a-z]+/[a-z0-9.+-]+$'", name="content_type_format"),
    comment=(
        "Stored files (images, PDFs) by bucket and key, with size, sha256, dimensions and a "
        "placeholder. Bucket and key unique; the hash is lower-case hex."
    ),
)
