"""Cycle counts and integration bookkeeping (runs, sync log, webhook receipts)."""

from __future__ import annotations

import json
from datetime import timedelta
from random import Random
from typing import Any

from emporium.seed.base import BASE_TIME, Ids, Loader, ago, later
from emporium.seed.catalog import Catalog
from emporium.seed.people import People

COUNT_COLUMNS = (
    "id vendor_id location_id status note opened_by posted_by posted_at created_at updated_at"
)
LINE_COLUMNS = "count_id variant_id vendor_id expected counted counted_by counted_at"
RUN_COLUMNS = (
    "id source kind status counts cursor error started_by started_at finished_at created_at"
    " updated_at"
)
HOOK_TOPICS = ("orders/create", "products/update", "customers/create", "orders/paid")


def seed_counts(ld: Loader, rng: Random, ids: Ids, people: People, cat: Catalog) -> None:
    """Per vendor, at its first location: a posted count whose lines matched the books (so
    no count_correction movements are owed) and, for the house and some others, an open
    count in progress."""
    counts: list[tuple[Any, ...]] = []
    lines: list[tuple[Any, ...]] = []
    for v in people.vendors:
        loc = v.locations[0]
        samples = cat.level_samples.get(loc, [])
        if not samples:
            continue
        owner = v.staff[0]
        opened = ago(rng, 60, 20)
        posted = later(rng, opened, 8, 1)
        cid = ids("stock_count", f"{v.slug}:posted")
        counts.append(
            (
                cid,
                v.id,
                loc,
                "posted",
                "Quarterly cycle count",
                owner,
                owner,
                posted,
                opened,
                posted,
            )
        )
        lines.extend(
            (cid, variant, v.id, on_hand, on_hand, owner, later(rng, opened, 6))
            for variant, on_hand in samples[:8]
        )
        if v.is_house or rng.random() < 0.5:
            opened = ago(rng, 3, 0.1)
            cid = ids("stock_count", f"{v.slug}:open")
            counts.append((cid, v.id, loc, "open", "Spot check", owner, None, None, opened, opened))
            for i, (variant, on_hand) in enumerate(samples[:6]):
                done = i % 2 == 0
                lines.append(
                    (
                        cid,
                        variant,
                        v.id,
                        on_hand,
                        on_hand if done else None,
                        owner if done else None,
                        later(rng, opened, 2) if done else None,
                    )
                )
    ld.copy("stock_counts", COUNT_COLUMNS, counts)
    ld.copy("stock_count_lines", LINE_COLUMNS, lines)


def seed_integrations(
    ld: Loader, rng: Random, ids: Ids, people: People, cat: Catalog, created: dict[str, int]
) -> None:
    """The import runs that 'brought' the catalog in, a failed customer sync, their sync
    log, and a few webhook deliveries."""
    start = BASE_TIME - timedelta(days=30)
    error = "HTTP 429 Too Many Requests from Shopify after 5 attempts (Retry-After: 2)"
    runs = (
        ("kicksdb", "catalog_import", "succeeded", created.get("kicksdb", 0), None, start),
        (
            "shopify",
            "products",
            "succeeded",
            created.get("shopify", 0),
            None,
            start + timedelta(hours=3),
        ),
        ("shopify", "customers", "failed", 0, error, start + timedelta(days=1)),
    )
    rows: list[tuple[Any, ...]] = []
    log: list[tuple[Any, ...]] = []
    for n, (source, kind, status, made, failure, at) in enumerate(runs):
        rid = ids("integration_run", n)
        finished = later(rng, at, 2, 0.1)
        tally = json.dumps({"created": made, "updated": 0, "failed": 1 if failure else 0})
        cursor = json.dumps({"page_info": f"seed-cursor-{n}"}) if failure else None
        rows.append(
            (
                rid,
                source,
                kind,
                status,
                tally,
                cursor,
                failure,
                people.admins[0],
                at,
                finished,
                at,
                finished,
            )
        )
        for i, external_id in enumerate([] if failure else cat.external_ids.get(source, [])):
            skipped = i % 25 == 24
            log.append(
                (
                    rid,
                    "products",
                    external_id,
                    "skip" if skipped else "create",
                    "skipped" if skipped else "ok",
                    "unchanged since the last run" if skipped else None,
                    later(rng, at, 1),
                )
            )
        if failure:
            log.append((rid, "customers", "8211113", "create", "error", failure, finished))
    ld.copy("integration_runs", RUN_COLUMNS, rows)
    ld.copy("sync_log", "run_id entity external_id action outcome message created_at", log)
    hooks = []
    for n, topic in enumerate((*HOOK_TOPICS, "products/update")):
        at = ago(rng, 20, 1)
        failed = topic == "customers/create"
        payload = json.dumps({"id": 5_500_000_000 + n, "topic": topic})
        hooks.append(
            (
                "shopify",
                f"evt_{ids('webhook', n).hex[:20]}",
                topic,
                payload,
                "failed" if failed else "processed",
                "customer email missing" if failed else None,
                at,
                None if failed else later(rng, at, 0.01),
            )
        )
    ld.copy(
        "webhook_receipts",
        "source event_id topic payload status error created_at processed_at",
        hooks,
    )
