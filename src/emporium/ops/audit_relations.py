"""Relationships found in the data where no foreign key declares them, and their orphans.

A grown database references rows without saying so: ``order_items.product_ref`` holds a
``sneakers.id`` or a ``products.id`` as text. Every column that looks like a reference
(named ``*_id``/``*_ref``/``*_key``/``ref``, or of type uuid; ``*_email`` against columns
named email) and isn't part of a declared foreign key is a *child*; every one-column
primary or unique key of a compatible type is a *parent* it may point at. For each child,
one statement looks a sample of its distinct values up in all its parents
(:mod:`emporium.ops.audit_lookup` says how values compare), so a 50-table database takes
seconds.

The match rate is matched distinct values / distinct values sampled. A candidate is
*found* at rate >= FOUND_RATE or with at least FOUND_MATCHES matches. Small integers
overlap by chance (order 7 and sneaker 7), so an integer key needs, besides its matches,
to be *named* for the column — named like it (``order_id`` -> ``orders``), or named by a
sibling column's values (``product_source`` = 'sneakers' for ``product_ref``) — or a rate
of INTEGER_RATE; and among integer keys only the named ones are kept when there are any,
else the best-matching ones, flagged ambiguous when several tie. Every candidate with a
match stays in the JSON with its rate and why it was or wasn't kept, so a column matching
two tables shows both. Orphans are then counted over the whole table, per parent and for
the rows that match none of the child's parents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import Any

import psycopg

from emporium.ops.audit_catalog import Step, Table
from emporium.ops.audit_lookup import Ref, discriminator_values, orphans, sample_matches

FOUND_RATE = 0.5
FOUND_MATCHES = 3
INTEGER_RATE = 0.2  # an integer key not named for the column needs this rate with its matches

_REF_NAME = re.compile(r"^(ref|.+_(id|ref|key|uuid))$")
_REF_SUFFIX = re.compile(r"(^|_)(id|ref|key|uuid|email)$")
_DISCRIMINATOR = re.compile(r"^(.+)_(source|type|table|kind|model|entity)$")
# Which key families a child of each family can hold values of.
_COMPATIBLE = {
    "integer": ("integer", "text"),
    "uuid": ("uuid", "text"),
    "text": ("integer", "uuid", "text"),
}


@dataclass
class Candidate:
    child: Ref
    parent: Ref
    compare: str  # "value" or "email"
    sampled: int
    matched: int
    name_match: bool
    discriminator: str | None = None  # the sibling column whose values name the parent
    found: bool = False
    note: str | None = None

    @property
    def rate(self) -> float:
        return self.matched / self.sampled if self.sampled else 0.0

    @property
    def named(self) -> bool:
        return self.name_match or self.discriminator is not None

    @property
    def kind(self) -> str:
        return "email" if self.compare == "email" else self.parent.column.family

    def json(self) -> dict[str, Any]:
        return {
            "child": self.child.json(),
            "parent": self.parent.json(),
            "compare": self.compare,
            "sampled_values": self.sampled,
            "matched_values": self.matched,
            "match_rate": round(self.rate, 4),
            "name_match": self.name_match,
            "discriminator": self.discriminator,
            "found": self.found,
            "note": self.note,
        }


def _singulars(name: str) -> set[str]:
    forms = {name}
    if name.endswith("ies"):
        forms.add(name[:-3] + "y")
    if name.endswith("es"):
        forms.add(name[:-2])
    if name.endswith("s"):
        forms.add(name[:-1])
    return forms


def _stem(column: str) -> str:
    return _REF_SUFFIX.sub("", column.lower())


def name_match(child_column: str, parent_table: str) -> bool:
    """Whether the column is named after the table: order_id -> orders, parent_category_id."""
    stem = _stem(child_column)
    return bool(stem) and any(
        stem == s or stem.endswith("_" + s) for s in _singulars(parent_table.lower())
    )


def children(tables: list[Table]) -> list[tuple[Ref, str]]:
    """Columns that may hold references no foreign key declares, with how to compare them."""
    out: list[tuple[Ref, str]] = []
    for t in tables:
        if not t.readable or t.is_partition or t.exact_rows == 0:
            continue
        covered = t.fk_columns()
        own_key = t.primary_key if t.primary_key and len(t.primary_key) == 1 else ()
        for c in t.columns:
            if not c.readable or c.name in covered or c.family == "other":
                continue
            name = c.name.lower()
            if c.name in own_key and (name == "id" or c.family == "integer"):
                continue  # the table's own identity, not a reference
            if c.family == "text" and name.endswith("_email"):
                out.append((Ref(t, c), "email"))
            elif _REF_NAME.match(name) or c.family == "uuid":
                out.append((Ref(t, c), "value"))
    return out


def parents(tables: list[Table]) -> tuple[list[Ref], list[Ref]]:
    """Key columns a reference may point at, and the columns an email may point at."""
    keys: list[Ref] = []
    emails: list[Ref] = []
    for t in tables:
        if not t.readable or t.is_partition or t.exact_rows == 0:
            continue
        single = set(t.single_keys())
        for c in t.columns:
            if not c.readable or c.family not in ("integer", "uuid", "text"):
                continue
            if c.name in single:
                keys.append(Ref(t, c))
            if c.family == "text" and (
                c.name.lower() == "email" or ("email" in c.name.lower() and c.name in single)
            ):
                emails.append(Ref(t, c))
    return keys, emails


def _strong(c: Candidate) -> bool:
    if c.rate >= FOUND_RATE:
        return True
    if c.kind != "integer":
        return c.matched >= FOUND_MATCHES
    return c.matched >= FOUND_MATCHES and (c.named or c.rate >= INTEGER_RATE)


def decide(candidates: list[Candidate]) -> None:
    """Mark which candidates of one child column are found relationships (see module doc)."""
    strong = [c for c in candidates if _strong(c)]
    integers = [c for c in strong if c.kind == "integer"]
    named = [c for c in integers if c.named]
    best = max((c.rate for c in integers), default=0.0)
    keep = named or [c for c in integers if c.rate == best]
    for c in candidates:
        if c not in strong:
            c.note = "below the bar: too few matches for this kind of key"
        elif c.kind != "integer" or c in keep:
            c.found = True
            if c.kind == "integer" and len(keep) > 1 and not named:
                c.note = "ambiguous: several integer keys match equally well"
        elif named:
            c.note = "integer values overlap by chance; a key named for the column matches"
        else:
            c.note = "integer values overlap by chance; another integer key matches more"


def _discriminators(conn: psycopg.Connection[Any], child: Ref, step: Step) -> dict[str, set[str]]:
    """Sibling columns named like the child (product_source for product_ref) and their values."""
    stem = _stem(child.column.name)
    out: dict[str, set[str]] = {}
    for c in child.table.columns:
        m = _DISCRIMINATOR.match(c.name.lower())
        if m and m.group(1) == stem and c.family == "text" and c.readable:
            values = step(
                f"relationships: values of {child.table.label}.{c.name}",
                partial(discriminator_values, conn, child.table, c.name),
            )
            out[c.name] = values or set()
    return out


def _test(
    conn: psycopg.Connection[Any],
    child: Ref,
    compare: str,
    targets: list[Ref],
    sample: int,
    step: Step,
) -> list[Candidate]:
    got = step(
        f"relationships: {child.label} against {len(targets)} keys",
        partial(sample_matches, conn, child, compare, targets, sample),
    )
    if got is None:
        return []
    sampled, counts = got
    hints = _discriminators(conn, child, step) if compare == "value" else {}
    cands = []
    for p, m in zip(targets, counts, strict=True):
        if m == 0:
            continue
        names = _singulars(p.table.name.lower())
        disc = next((col for col, vals in sorted(hints.items()) if names & vals), None)
        cands.append(
            Candidate(
                child, p, compare, sampled, m, name_match(child.column.name, p.table.name), disc
            )
        )
    cands.sort(key=lambda c: (-c.rate, c.parent.label))
    decide(cands)
    return cands


def discover(
    conn: psycopg.Connection[Any], tables: list[Table], *, sample: int, step: Step
) -> dict[str, Any]:
    """Declared foreign keys, relationships found in the data, their candidates and orphans."""
    keys, emails = parents(tables)
    candidates: list[Candidate] = []
    found: list[dict[str, Any]] = []
    by_child: list[dict[str, Any]] = []
    pairs = 0
    refs = children(tables)
    for child, compare in refs:
        allowed = _COMPATIBLE[child.column.family]
        targets = [
            p
            for p in (emails if compare == "email" else keys)
            if (p.table.oid, p.column.name) != (child.table.oid, child.column.name)
            if compare == "email" or p.column.family in allowed
        ]
        if not targets:
            continue
        pairs += len(targets)
        cands = _test(conn, child, compare, targets, sample, step)
        candidates += cands
        hits = [c for c in cands if c.found]
        if not hits:
            continue
        counted = step(
            f"orphans: {child.label}",
            partial(orphans, conn, child, compare, [h.parent for h in hits]),
        )
        rows, each, none = counted if counted else (None, [{}] * len(hits), {})
        for h, o in zip(hits, each, strict=True):
            share = None if not rows else round(1 - o["orphan_rows"] / rows, 4)
            found.append({**h.json(), "child_rows": rows, **o, "row_match_rate": share})
        by_child.append(
            {
                "child": child.json(),
                "parents": [{**h.parent.json(), "match_rate": round(h.rate, 4)} for h in hits],
                "child_rows": rows,
                "orphan_rows": none.get("orphan_rows"),
                "orphan_values": none.get("orphan_values"),
                "orphan_examples": none.get("orphan_examples"),
            }
        )
    return {
        "declared": [
            {
                "name": fk.name,
                "child": {"schema": t.schema, "table": t.name, "columns": list(fk.columns)},
                "parent": {
                    "schema": fk.ref_schema,
                    "table": fk.ref_table,
                    "columns": list(fk.ref_columns),
                },
                "validated": fk.validated,
            }
            for t in tables
            for fk in t.foreign_keys
        ],
        "found": found,
        "by_child": by_child,
        "candidates": [c.json() for c in candidates],
        "tested": {"child_columns": len(refs), "pairs": pairs},
    }
