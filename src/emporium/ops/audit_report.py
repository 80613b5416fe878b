"""The audit as people read it (markdown with a Mermaid diagram) and as tools read it (JSON).

Both files are written from the same result dict (:func:`emporium.ops.audit.run_audit`),
so they never disagree: the JSON is the result itself, the markdown a rendering of it with
the headline findings first, then one section per concern.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from emporium.ops.audit_erd import erd
from emporium.ops.audit_headlines import examples, pct, plural, quoted, ref

MAX_ROWS = 100  # per markdown table; the JSON always has everything


def _cell(v: Any) -> str:
    return re.sub(r"\s+", " ", str(v)).replace("|", "\\|")


def _table(head: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(_cell(c) for c in r) + " |" for r in rows[:MAX_ROWS]]
    if len(rows) > MAX_ROWS:
        out.append(f"\n…and {len(rows) - MAX_ROWS} more rows in the JSON.")
    return [*out, ""]


def _summary(result: dict[str, Any]) -> list[str]:
    rel, h, tables = result["relationships"], result["health"], result["tables"]
    orphans = sum(g.get("orphan_rows") or 0 for g in rel["by_child"])
    rows: list[list[Any]] = [
        ["tables", f"{len(tables)} ({sum(t['rows'] for t in tables):,} rows)"],
        ["declared foreign keys", len(rel["declared"])],
        ["relationships found in the data", len(rel["found"])],
        ["orphan rows in found relationships", f"{orphans:,}"],
        ["duplicate groups on natural keys", sum(d["groups"] for d in result["duplicates"])],
        [
            "text columns with unparseable values",
            sum(1 for t in result["text_values"] if t["unparseable_rows"]),
        ],
        ["unused indexes", len(h.get("unused_indexes", []))],
        ["duplicate index sets", len(h.get("duplicate_indexes", []))],
        ["foreign keys without an index", len(h.get("foreign_keys_without_index", []))],
        ["sequences over half used", sum(1 for s in h.get("sequences", []) if s["near_overflow"])],
        ["cache hit rate", pct(h.get("cache_hit", {}).get("ratio"))],
    ]
    return _table(["", ""], rows)


def _relationships(result: dict[str, Any]) -> list[str]:
    rel = result["relationships"]
    out = ["## Relationships", "", "### Found in the data (no foreign key declared)", ""]
    if rel["found"]:
        out += _table(
            [
                "column",
                "matches",
                "match rate (distinct values)",
                "matched / sampled",
                "rows matching",
                "orphan rows",
                "orphans e.g.",
            ],
            [
                [
                    ref(r["child"]),
                    ref(r["parent"]),
                    pct(r["match_rate"]),
                    f"{r['matched_values']:,} / {r['sampled_values']:,}",
                    pct(r.get("row_match_rate")),
                    f"{r.get('orphan_rows', 'n/a')} of {r.get('child_rows', 'n/a')}",
                    examples(r.get("orphan_examples") or []),
                ]
                for r in rel["found"]
            ],
        )
    else:
        out += ["None.", ""]
    multi = [g for g in rel["by_child"] if len(g["parents"]) > 1]
    if multi:
        out += ["Columns pointing at several tables (orphans match none of them):", ""]
        out += _table(
            ["column", "tables", "orphan rows", "orphans e.g."],
            [
                [
                    ref(g["child"]),
                    ", ".join(f"{ref(p)} {pct(p['match_rate'])}" for p in g["parents"]),
                    f"{g['orphan_rows']} of {g['child_rows']}",
                    examples(g["orphan_examples"] or []),
                ]
                for g in multi
            ],
        )
    other = [c for c in rel["candidates"] if not c["found"]]
    if other:
        out += ["### Other candidates (set aside)", ""]
        out += _table(
            ["column", "key", "match rate", "why not"],
            [[ref(c["child"]), ref(c["parent"]), pct(c["match_rate"]), c["note"]] for c in other],
        )
    out += ["### Declared foreign keys", ""]
    if rel["declared"]:
        out += _table(
            ["table", "columns", "references", "validated"],
            [
                [
                    ref(r["child"], ""),
                    ", ".join(r["child"]["columns"]),
                    ref(r["parent"], "") + " (" + ", ".join(r["parent"]["columns"]) + ")",
                    "yes" if r["validated"] else "NOT VALID",
                ]
                for r in rel["declared"]
            ],
        )
    else:
        out += ["None.", ""]
    tested = rel["tested"]
    out += [
        f"{plural(tested['child_columns'], 'column')} that look like references tested against "
        f"{plural(tested['pairs'], 'key')} in all.",
        "",
    ]
    return out


def _diagram(result: dict[str, Any]) -> list[str]:
    lines, left_out = erd(result)
    out = [
        "## Entity-relationship diagram",
        "",
        "Key columns only. Solid lines: declared foreign keys (parent `||--o{` child). "
        "Dotted lines: relationships found in the data (child `}o..o|` parent), "
        "labelled with the column and its match rate.",
        "",
    ]
    if left_out:
        out += [
            f"The diagram shows {len(result['tables']) - len(left_out)} of "
            f"{len(result['tables'])} tables; left out: {', '.join(left_out)}.",
            "",
        ]
    return [*out, "```mermaid", *lines, "```", ""]


def _values(result: dict[str, Any]) -> list[str]:
    out = [
        "## Duplicates on natural keys",
        "",
        "Rules: *email* equal after lower-casing and trimming; *code* equal after "
        "upper-casing and keeping letters and digits; *exact* identical values in a column "
        "that looks like an identifier and has no unique key.",
        "",
    ]
    dups = [d for d in result["duplicates"] if d["groups"]]
    out += (
        _table(
            ["column", "rule", "groups", "rows involved", "groups spelled differently", "examples"],
            [
                [
                    ref(d),
                    d["rule"],
                    d["groups"],
                    d["rows"],
                    d["groups_with_different_spellings"],
                    "; ".join(
                        f"{' = '.join(quoted(v) for v in e['values'])} ({e['rows']} rows)"
                        for e in d["examples"][:3]
                    ),
                ]
                for d in dups
            ],
        )
        if dups
        else ["None found.", ""]
    )
    checked = ", ".join(ref(d) for d in result["duplicates"]) or "none"
    out += [
        f"Columns checked: {checked}.",
        "",
        "## Text columns holding numbers, dates or sizes",
        "",
    ]
    texts = result["text_values"]
    out += (
        _table(
            ["column", "holds", "non-null rows", "don't parse", "examples that don't parse"],
            [
                [
                    ref(t),
                    t["kind"],
                    t["non_null_rows"],
                    t["unparseable_rows"],
                    examples(t["examples"]),
                ]
                for t in texts
            ],
        )
        if texts
        else ["None.", ""]
    )
    return out


def _health(result: dict[str, Any]) -> list[str]:
    h = result["health"]
    if not h:
        return ["## Health", "", "Not available (see Warnings).", ""]
    cache = h["cache_hit"]
    out = [
        "## Health",
        "",
        f"Statistics since {h['stats_reset'] or 'the server started'}.",
        "",
        f"Cache hit rate: {pct(cache['ratio'])} of {cache['blocks_hit'] + cache['blocks_read']:,}"
        f" block reads (indexes: {pct(cache['index_ratio'])}).",
        "",
    ]
    sections: list[tuple[str, list[str], list[list[Any]]]] = [
        (
            "Sequences over half used",
            ["sequence", "feeds", "last value", "limit", "used"],
            [
                [
                    f"{s['schema']}.{s['name']}",
                    ref(s["column"]) if s["column"] else "",
                    s["last_value"],
                    s["limit"],
                    f"{s['percent_used']}%",
                ]
                for s in h["sequences"]
                if s["near_overflow"]
            ],
        ),
        (
            "Duplicate indexes",
            ["table", "keep", "drop", "definition"],
            [
                [ref(d, ""), d["keep"], ", ".join(d["drop"]), d["definitions"][0]]
                for d in h["duplicate_indexes"]
            ],
        ),
        (
            "Foreign keys without an index",
            ["table", "constraint", "columns", "references"],
            [
                [ref(f, ""), f["constraint"], ", ".join(f["columns"]), f["references"]]
                for f in h["foreign_keys_without_index"]
            ],
        ),
        (
            "Unused indexes (never scanned, not unique)",
            ["table", "index", "size"],
            [[ref(i, ""), i["index"], i["size"]] for i in h["unused_indexes"]],
        ),
        (
            "Tables never scanned",
            ["table", "size", "live rows"],
            [[ref(t, ""), t["size"], t["live_rows"]] for t in h["never_scanned_tables"]],
        ),
        (
            "Tables without a primary key",
            ["table", "rows"],
            [[ref(t, ""), t["rows"]] for t in h["tables_without_primary_key"]],
        ),
    ]
    for title, head, rows in sections:
        out += [f"### {title}", ""] + (_table(head, rows) if rows else ["None.", ""])
    slow = h["slow_statements"]
    out += ["### Slowest statements (pg_stat_statements)", ""]
    if slow["status"] == "ok":
        out += (
            _table(
                ["mean ms", "calls", "total ms", "query"],
                [
                    [s["mean_ms"], s["calls"], s["total_ms"], s["query"][:200]]
                    for s in slow["statements"]
                ],
            )
            if slow["statements"]
            else ["None recorded.", ""]
        )
    else:
        label = "not installed" if slow["status"] == "not_installed" else "not available"
        out += [f"{label}: {slow['reason']}", ""]
    return out


def _tables(result: dict[str, Any]) -> list[str]:
    out = ["## Tables", ""]
    out += _table(
        ["table", "size", "rows", "columns", "primary key", "foreign keys", "RLS (policies)"],
        [
            [
                ref(t, ""),
                t["size"],
                f"{t['rows']:,}" + ("" if t["row_count"] is not None else " (est.)"),
                len(t["columns"]),
                ", ".join(t["primary_key"] or []) or "none",
                len(t["foreign_keys"]),
                f"{'on' if t['rls_enabled'] else 'off'} ({t['policies']})",
            ]
            for t in result["tables"]
        ],
    )
    for t in result["tables"]:
        out += [f"### {ref(t, '')}", ""]
        uniques = "; ".join(", ".join(u) for u in t["unique"]) or "none"
        out += [
            f"Primary key: {', '.join(t['primary_key'] or []) or 'none'}. Unique: {uniques}.",
            "",
        ]
        out += _table(
            ["column", "type", "null", "default"],
            [
                [c["name"], c["type"], "yes" if c["nullable"] else "no", c["default"] or ""]
                for c in t["columns"]
            ],
        )
    return out


def render_markdown(result: dict[str, Any]) -> str:
    """The report for people: headline findings, then every section, then the tables."""
    db = result["database"]
    out = [
        f"# Database audit: {db['name']}",
        "",
        f"PostgreSQL {db['server_version']}, audited {result['generated_at']} as `{db['user']}` "
        f"in {result['duration_seconds']:.1f} s (read-only); schemas: "
        f"{', '.join(result['options']['schemas']) or 'none'}; database size {db['size']}; "
        f"sample of {result['options']['sample']:,} values per column.",
        "",
    ]
    if not db["bypass_rls"]:
        out += [
            "Note: this role is subject to row-level security; counts cover only the rows "
            "it may read.",
            "",
        ]
    out += ["## Summary", ""]
    out += [f"- {h}" for h in result["headlines"]] or ["- Nothing stands out."]
    out += [
        "",
        *_summary(result),
        *_relationships(result),
        *_diagram(result),
        *_values(result),
        *_health(result),
        *_tables(result),
    ]
    if result["warnings"]:
        out += ["## Warnings", "", "These checks could not run; the rest of the report stands.", ""]
        out += [f"- {w['step']}: {w['error']}" for w in result["warnings"]]
        out.append("")
    return "\n".join(out)


def render_json(result: dict[str, Any]) -> str:
    return json.dumps(result, indent=2, ensure_ascii=False) + "\n"


def write_report(
    result: dict[str, Any], out_dir: Path, *, stem: str | None = None
) -> tuple[Path, Path]:
    """Write STEM.md and STEM.json into OUT_DIR (created); default stem audit-<db>-<time>."""
    if stem is None:
        when = re.sub(r"[^0-9T]", "", result["generated_at"].split("+")[0])
        stem = f"audit-{re.sub(r'[^A-Za-z0-9_.-]', '_', result['database']['name'])}-{when}"
    out_dir.mkdir(parents=True, exist_ok=True)
    md, js = out_dir / f"{stem}.md", out_dir / f"{stem}.json"
    md.write_text(render_markdown(result), encoding="utf-8")
    js.write_text(render_json(result), encoding="utf-8")
    return md, js
