"""`emporium legacy report`: what the reorganization did, for a person to review.

Built from the migration's own tables: the accounting per legacy table, every quarantined
row and every decision (``legacy_issues``) grouped by reason with examples, the last
validation, and the list of decisions a person should look at. Written as markdown and as
JSON with the same content.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg

from emporium.legacy import parsers, state
from emporium.legacy.state import LEGACY_TABLES
from emporium.legacy.validate import LEGACY_KEYS

EXAMPLES = 5
# Reasons where the migrator chose between defensible answers: a person should look.
REVIEW = {
    "merged_duplicate": "duplicates were merged; check the survivor is the right one",
    "discount_not_applied": "dealer discounts have no direct equivalent: set tiers or contracts",
    "unknown_rep": "dealers lost their rep (unknown email)",
    "rep_not_a_rep": "dealers' rep is not a rep user",
    "seller_not_vendor": "listings of non-vendor sellers went to the house vendor",
    "unknown_seller": "listings of deleted sellers went to the house vendor",
    "vendor_without_store": "vendor users without a store became customers",
    "variant_created": "sizes only seen in orders became inactive variants",
    "price_from_offer": "order lines without a price took the offer's price",
    "unparseable_price": "prices that did not parse (no offer / total 0)",
    "new_product": "listings that matched no product created products of their own",
    "duplicate_shopify_customer_id": "a Shopify customer id was claimed by two dealers",
}
REASONS = {
    **parsers.REASONS,
    "merged_duplicate": "merged into an older row that is the same thing",
    "orphan_order_item": "the order it belongs to does not exist",
    "unknown_product_ref": "product_ref matches no product or sneaker",
    "invalid_quantity": "an order line needs a quantity of at least 1",
    "orphan_dealer_price": "the dealer it belongs to does not exist",
    "unknown_sku": "the sku matches no product",
    "dead_placeholder_image": "image on a dead placeholder service: not copied",
    "relative_image_url": "relative image path with no host: not copied",
    "invalid_image_url": "not an image URL: not copied",
    "negative_stock": "negative stock migrated as 0",
    "missing_stock": "no stock given: migrated as 0",
    "no_sizes": "no usable sizes in the variants JSON",
    "bad_size_entry": "an entry of the variants JSON without a usable size",
    "duplicate_size": "a size listed twice in the variants JSON",
    "unknown_user": "the order's user does not exist: kept as a guest order",
    "address_as_text": "shipping address kept as text",
    "missing_total": "order without a total: total 0",
    "product_source_inferred": "product_source missing or wrong: found by the ref's form",
    "missing_company_name": "dealer without a company name",
    "contact_not_a_user": "dealer contact email is no user",
    "invalid_min_qty": "volume break below 1 read as 1",
    "store_name_ignored": "store_name on a user who is not vendor staff",
    "role_from_duplicate": "a merged user keeps the vendor staff role of its duplicate",
    "missing_email": "no usable email: a placeholder address",
    "missing_size": "no size: one 'one size' variant",
    "size_converted": "an EU, UK, women's or paired size is the variant of its US size",
    "missing_seller": "listing without a seller: house vendor",
    "unparseable_release_date": "release date not a date",
    "unparseable_style_code": "sku is not a style code",
    **{k: v for k, v in REVIEW.items() if k not in parsers.REASONS},
}


def collect(conn: psycopg.Connection[Any]) -> dict[str, Any]:
    """Everything the report shows, as JSON-ready data."""
    tables = []
    for t in LEGACY_TABLES:
        row = conn.execute(
            f"select (select count(*) from legacy.{t}),"
            " (select count(distinct legacy_key) from reorg.legacy_row_map"
            "   where legacy_table = %(t)s),"
            " (select count(*) from reorg.legacy_quarantine where legacy_table = %(t)s),"
            " (select count(distinct legacy_key) from reorg.legacy_issues"
            "   where legacy_table = %(t)s),"
            " (select count(*) from reorg.legacy_issues where legacy_table = %(t)s)",
            {"t": t},
        ).fetchone()
        assert row is not None
        rows, mapped, quarantined, rows_with_issues, issues = (int(x) for x in row)
        targets = dict(
            conn.execute(
                "select target_table, count(distinct target_id) from reorg.legacy_row_map"
                " where legacy_table = %s group by 1 order by 1",
                [t],
            ).fetchall()
        )
        tables.append(
            {
                "table": t,
                "key": LEGACY_KEYS[t].split("::")[0],
                "rows": rows,
                "mapped": mapped,
                "quarantined": quarantined,
                "balanced": rows == mapped + quarantined,
                "rows_with_issues": rows_with_issues,
                "issues": issues,
                "targets": {k: int(v) for k, v in targets.items()},
            }
        )
    return {
        "format": 1,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": conn.info.dbname,
        "tables": tables,
        "quarantine": _grouped(conn, "legacy_quarantine"),
        "issues": _grouped(conn, "legacy_issues"),
        "review": _review(conn),
        "phases": {
            p: {
                "status": s.status,
                "finished_at": s.finished_at.isoformat() if s.finished_at else None,
                "rows": s.rows,
                "seconds": s.detail.get("seconds"),
                "error": s.error,
            }
            for p, s in state.phase_states(conn).items()
        },
        "validation": state.phase_states(conn)["validate"].detail.get("checks", []),
        "backup": state.phase_states(conn)["backup"].detail.get("archive"),
        "audit": state.phase_states(conn)["audit"].detail.get("report"),
    }


def _grouped(conn: psycopg.Connection[Any], table: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        f"select legacy_table, reason_code, count(*),"
        f" (array_agg(legacy_key || ': ' || detail order by legacy_key))[1:{EXAMPLES}]"
        f" from reorg.{table} group by 1, 2 order by 3 desc, 1, 2"
    ).fetchall()
    return [
        {
            "legacy_table": t,
            "reason": r,
            "meaning": REASONS.get(r, ""),
            "count": int(n),
            "examples": list(ex or []),
        }
        for t, r, n, ex in rows
    ]


def _review(conn: psycopg.Connection[Any]) -> list[dict[str, Any]]:
    rows = conn.execute(
        "select reason_code, count(*) from reorg.legacy_issues where reason_code = any(%s)"
        " group by 1 order by 2 desc, 1",
        [list(REVIEW)],
    ).fetchall()
    return [{"reason": r, "count": int(n), "why": REVIEW[r]} for r, n in rows]


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(data: dict[str, Any]) -> str:
    out = [
        f"# Legacy reorganization report: {data['database']}",
        "",
        f"Generated {data['generated_at']}.",
        "",
    ]
    total = sum(t["rows"] for t in data["tables"])
    mapped = sum(t["mapped"] for t in data["tables"])
    quarantined = sum(t["quarantined"] for t in data["tables"])
    balanced = all(t["balanced"] for t in data["tables"])
    failed = [c for c in data["validation"] if not c.get("ok")]
    out += [
        "## Summary",
        "",
        f"- **{total:,} legacy rows**: {mapped:,} migrated, {quarantined:,} quarantined"
        + (
            " — every row accounted for." if balanced else " — **the accounting does not balance**."
        ),
        f"- **{sum(g['count'] for g in data['issues']):,} decisions** recorded on migrated rows, "
        f"in {len(data['issues'])} kinds; {sum(r['count'] for r in data['review']):,} of them "
        "deserve a person's review (below).",
        "- Validation: "
        + (
            "not run yet."
            if not data["validation"]
            else ("all checks pass." if not failed else f"**{len(failed)} check(s) fail**.")
        ),
    ]
    out += [
        "",
        "```mermaid",
        "pie showData title Legacy rows by outcome",
        f'    "migrated" : {mapped}',
        f'    "quarantined" : {quarantined}',
        "```",
    ]
    top = sorted(data["issues"], key=lambda g: -g["count"])[:8]
    if top:
        out += ["", "```mermaid", "pie showData title Decisions on migrated rows (top reasons)"]
        out += [f'    "{g["legacy_table"]} {g["reason"]}" : {g["count"]}' for g in top]
        out.append("```")
    out.append("")
    if data.get("backup"):
        out.append(f"- Verified backup taken before anything moved: `{data['backup']}`.")
    if data.get("audit"):
        out.append(f"- Audit of the legacy database: `{data['audit']}`.")
    out += [
        "",
        "## Phases",
        "",
        "| phase | status | finished | seconds | note |",
        "|---|---|---|---|---|",
    ]
    for p, s in data["phases"].items():
        out.append(
            f"| {p} | {s['status']} | {s['finished_at'] or ''} | {s['seconds'] or ''} | "
            f"{_cell(s['error'] or '')} |"
        )
    out += [
        "",
        "## Every legacy row, accounted for",
        "",
        "| legacy table | rows | migrated | quarantined | balanced | rows with decisions "
        "| became |",
        "|---|---:|---:|---:|---|---:|---|",
    ]
    for t in data["tables"]:
        became = ", ".join(f"{k} {v:,}" for k, v in t["targets"].items())
        out.append(
            f"| {t['table']} | {t['rows']:,} | {t['mapped']:,} | {t['quarantined']:,} | "
            f"{'yes' if t['balanced'] else '**NO**'} | {t['rows_with_issues']:,} | {became} |"
        )
    if data["validation"]:
        out += ["", "## Validation", "", "| check | result | detail |", "|---|---|---|"]
        for c in data["validation"]:
            out.append(
                f"| {c['name']} | {'pass' if c['ok'] else '**FAIL**'} | {_cell(c['detail'])} |"
            )
    out += ["", "## Decisions to review", ""]
    if not data["review"]:
        out.append("None.")
    for r in data["review"]:
        out.append(f"- **{r['reason']}** ({r['count']:,}): {r['why']}.")
    for title, groups in (
        ("Quarantined rows (not migrated), by reason", data["quarantine"]),
        ("Decisions on migrated rows, by reason", data["issues"]),
    ):
        out += ["", f"## {title}", ""]
        if not groups:
            out.append("None.")
        for g in groups:
            out += [
                f"### {g['legacy_table']} · `{g['reason']}` — {g['count']:,}",
                "",
                (g["meaning"] and f"{g['meaning']}.") or "",
                "",
            ]
            out += [f"- `{_cell(e)}`" for e in g["examples"]]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def write(
    conn: psycopg.Connection[Any],
    out_dir: Path,
    *,
    backup: str | None = None,
    database: str | None = None,
) -> tuple[Path, Path, dict[str, Any]]:
    """Write the report. A rehearsal names what it is about: ``database`` (the store, not
    the copy it was rehearsed on) and ``backup`` (the store's verified backup the copy was
    restored from, not the copy's own, whose directory is gone with the copy)."""
    data = collect(conn)
    if backup is not None:
        data["backup"] = backup
    if database is not None:
        data["database"] = database
    out_dir.mkdir(parents=True, exist_ok=True)
    md, js = out_dir / "legacy-report.md", out_dir / "legacy-report.json"
    md.write_text(render_markdown(data))
    js.write_text(json.dumps(data, indent=2, default=str) + "\n")
    return md, js, data
