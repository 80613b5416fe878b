"""The audit's headline findings, and how a report names things and values.

Shared by the markdown report and the terminal summary: the same sentences in both, and in
the JSON (``headlines``), so a person reads the same words wherever they look.
"""

from __future__ import annotations

from typing import Any

PER_KIND = 6  # headlines of one kind before "…and N more"
MOSTLY_UNIQUE = 0.5  # distinct values / rows above which repeats are worth a headline


def ref(d: dict[str, Any], column: str | None = None) -> str:
    """table.column as people read it: bare in public, schema-qualified elsewhere."""
    table = d["table"] if "table" in d else d["name"]
    name = table if d["schema"] == "public" else f"{d['schema']}.{table}"
    col = column if column is not None else d.get("column")
    return f"{name}.{col}" if col else name


def pct(x: float | None) -> str:
    """A share as a percentage; small ones keep two decimals so they don't read as 0%."""
    if x is None:
        return "n/a"
    return f"{100 * x:.0f}%" if x >= 0.01 or x == 0 else f"{100 * x:.2f}%"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def quoted(v: Any) -> str:
    """A data value as text in a report: quoted, so '' and ' x ' stay visible."""
    text = "NULL" if v is None else str(v)
    if len(text) > 40:
        text = text[:37] + "..."
    return "'" + text.replace("\n", "\\n") + "'"


def examples(items: list[dict[str, Any]], key: str = "value") -> str:
    """Example values with their row counts: 'N/A' (3), '' (1)."""
    return ", ".join(f"{quoted(e[key])} ({e['rows']})" for e in items)


def _capped(lines: list[str], what: str) -> list[str]:
    if len(lines) <= PER_KIND:
        return lines
    return [*lines[: PER_KIND - 1], f"…and {len(lines) - PER_KIND + 1} more {what} (see below)"]


def _worth_a_headline(d: dict[str, Any]) -> bool:
    """Duplicates that look like a mistake: emails, spelling variants, or repeats in a column
    that is otherwise mostly unique (an order line's SKU repeats by nature)."""
    if not d["groups"]:
        return False
    keyed = d["distinct_values"] + d["rows"] - d["groups"]  # rows with a non-blank key
    mostly_unique = d["distinct_values"] >= MOSTLY_UNIQUE * keyed
    return bool(d["rule"] == "email" or d["groups_with_different_spellings"] > 0 or mostly_unique)


def headlines(result: dict[str, Any]) -> list[str]:
    """The findings to read first, most important first, as plain sentences."""
    rel = result["relationships"]
    groups = sorted(
        rel["by_child"], key=lambda g: (-len(g["parents"]), -(g.get("orphan_rows") or 0))
    )
    refs = []
    for g in groups:
        parents = " and ".join(f"{ref(p)} ({pct(p['match_rate'])})" for p in g["parents"])
        orphans = g.get("orphan_rows")
        tail = (
            ""
            if orphans is None
            else f"; {plural(orphans, 'orphan row')} of {g['child_rows']:,}"
            + (" (matching none)" if len(g["parents"]) > 1 else "")
        )
        refs.append(f"{ref(g['child'])} matches {parents} with no foreign key declared{tail}")
    dups = []
    rules = ("email", "code", "exact")
    for d in sorted(result["duplicates"], key=lambda d: (rules.index(d["rule"]), -d["rows"])):
        if _worth_a_headline(d):
            example = max(d["examples"], key=lambda e: len(e["values"]))
            how = {
                "email": "ignoring case and spaces",
                "code": "ignoring case and punctuation",
                "exact": "exactly equal",
            }[d["rule"]]
            spellings = " = ".join(quoted(v) for v in example["values"])
            dups.append(
                f"{ref(d)}: {plural(d['groups'], 'group')} of duplicates {how} "
                f"({plural(d['rows'], 'row')}), e.g. {spellings}"
            )
    texts = [
        f"{ref(t)} holds {t['kind']} as text: {t['unparseable_rows']:,} of "
        f"{t['non_null_rows']:,} values don't parse (e.g. {examples(t['examples'][:3])})"
        for t in sorted(result["text_values"], key=lambda t: -t["unparseable_rows"])
        if t["unparseable_rows"]
    ]
    out = [
        *_capped(refs, "relationships"),
        *_capped(dups, "columns with duplicates"),
        *_capped(texts, "text columns with values that don't parse"),
    ]
    h = result["health"]
    for s in h.get("sequences", []):
        if s["near_overflow"]:
            col = f" feeding {ref(s['column'])} ({s['column']['type']})" if s["column"] else ""
            used = f"{s['percent_used']}%"
            out.append(f"sequence {s['schema']}.{s['name']}{col} has used {used} of its range")
    fks = h.get("foreign_keys_without_index", [])
    if fks:
        first = fks[0]
        out.append(
            f"{plural(len(fks), 'foreign key')} without an index on the referencing columns, "
            f"e.g. {ref(first, ', '.join(first['columns']))}"
        )
    dups = h.get("duplicate_indexes", [])
    if dups:
        out.append(
            f"{plural(len(dups), 'set')} of duplicate indexes, e.g. {', '.join(dups[0]['indexes'])}"
        )
    nopk = h.get("tables_without_primary_key", [])
    if nopk:
        names = ", ".join(ref(t) for t in nopk[:5])
        out.append(f"{plural(len(nopk), 'table')} without a primary key: {names}")
    cache = h.get("cache_hit", {})
    if cache.get("ratio") is not None and cache["ratio"] < 0.9 and cache["blocks_read"] > 1000:
        out.append(f"cache hit rate is {pct(cache['ratio'])} (below 90%)")
    if result["warnings"]:
        out.append(f"{plural(len(result['warnings']), 'check')} could not run (see Warnings)")
    return out
