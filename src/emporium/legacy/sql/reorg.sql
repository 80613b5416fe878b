-- The reorganization's own schema: its state, its accounting and its lookups.
-- Created by the first phase, dropped by rollback (nothing of it stays behind).
-- Idempotent: every phase runs it again before it starts.

create schema if not exists reorg;
comment on schema reorg is
    'The legacy reorganization''s own state: runs, steps, the accounting of every legacy row, '
    'lookup tables of parsed values. Removed by `emporium legacy rollback`.';
revoke all on schema reorg from public;

-- One row per phase attempt: `emporium legacy status` reads it.
create table if not exists reorg.runs (
    id          bigint generated always as identity primary key,
    phase       text not null,
    status      text not null check (status in ('running', 'done', 'failed')),
    started_at  timestamptz not null default clock_timestamp(),
    finished_at timestamptz,
    rows        bigint,
    detail      jsonb not null default '{}',
    error       text
);

-- Foreign keys and secondary indexes of the tables the transform fills (and the row map's
-- primary key), dropped before the load and built again after it (legacy/deferred.py): their exact definitions, recorded in
-- the transaction that drops them, so nothing is lost wherever a run stops.
create table if not exists reorg.deferred_ddl (
    seq        bigint generated always as identity primary key,
    kind       text not null check (kind in ('primary_key', 'unique', 'index', 'foreign_key')),
    table_name text not null,
    name       text not null,
    ddl        text not null,
    comment    text,
    index_comment text,  -- a primary key's or unique constraint's index has its own comment
    done       boolean not null default false,
    unique (kind, table_name, name)
);

-- Transform steps and their resume point: committed with each batch.
create table if not exists reorg.steps (
    step       text primary key,
    last_key   text,
    rows       bigint not null default 0,
    done       boolean not null default false,
    seconds    double precision not null default 0,
    updated_at timestamptz not null default clock_timestamp()
);

-- The legacy tables' row counts and checksums before anything moved: rollback proves
-- it restored exactly these.
create table if not exists reorg.baseline (
    table_name text primary key,
    rows       bigint not null,
    checksum   text not null
);

-- What the database looked like before (e.g. which schemas existed): rollback removes
-- only what the reorganization added.
create table if not exists reorg.facts (
    key   text primary key,
    value jsonb not null
);
insert into reorg.facts (key, value)
select 'schemas_before', coalesce(jsonb_agg(nspname order by nspname), '[]')
from pg_namespace
where nspname not like 'pg\_%' and nspname not in ('information_schema', 'reorg')
on conflict (key) do nothing;
insert into reorg.facts (key, value)
select 'schema_acls', coalesce(jsonb_object_agg(nspname, nspacl::text), '{}')
from pg_namespace
where nspname not like 'pg\_%' and nspname not in ('information_schema', 'reorg')
on conflict (key) do nothing;

-- Every legacy row ends in exactly one of legacy_row_map / legacy_quarantine.
-- Collation "C": the key's four text columns are compared byte by byte (identifiers, not
-- words), which builds its 2.9M-row primary key at 1M legacy rows in half the time. The key
-- starts with legacy_key, not legacy_table: the sort that builds it then tells rows apart by
-- their first bytes (a handful of table names would tie on every comparison), which takes
-- another third off; lookups name both columns, so either order serves them.
create table if not exists reorg.legacy_row_map (
    legacy_table text collate "C" not null,
    legacy_key   text collate "C" not null,
    target_table text collate "C" not null,
    target_id    text collate "C" not null,
    primary key (legacy_key, legacy_table, target_table, target_id)
);
-- Looked up by target too (the compatibility views, the report): that index is built once
-- after the transform (phases._transform), not maintained row by row during it.

create table if not exists reorg.legacy_quarantine (
    legacy_table text not null,
    legacy_key   text not null,
    reason_code  text not null,
    detail       text not null,
    "row"        jsonb not null,
    primary key (legacy_table, legacy_key)
);

-- One row per decision taken on a migrated row (the report is built from these).
create table if not exists reorg.legacy_issues (
    legacy_table text not null,
    legacy_key   text not null,
    reason_code  text not null,
    detail       text not null,
    primary key (legacy_table, legacy_key, reason_code)
);

-- Deterministic ids: the same legacy key gives the same target id in every run, so a
-- resumed run and an uninterrupted one write identical rows.
create or replace function reorg.uid(p_kind text, p_key text)
returns uuid
language sql
immutable
parallel safe
as $$ select md5(p_kind || ':' || p_key)::uuid $$;

-- private.product_search_document (what tg_products__search stores), spelled out for the
-- load. That function pins its search_path, so PostgreSQL calls it row by row (three
-- quarters of its cost at 80k products); this copy, with the same body and the style-code
-- and colorway helpers written in, is inlined into the inserts. `validate` recomputes every
-- product's document with the function itself ("search documents current").
create or replace function reorg.search_document(
    p_title text, p_brand text, p_model text, p_style_code text, p_colorway text,
    p_description text)
returns tsvector
language sql
immutable
parallel safe
as $$
    select setweight(pg_catalog.to_tsvector('pg_catalog.english', coalesce(p_brand, '')), 'A')
        || setweight(pg_catalog.to_tsvector('pg_catalog.english', coalesce(p_title, '')), 'A')
        || setweight(pg_catalog.to_tsvector('pg_catalog.english',
               case when p_style_code is null then ''
                    else pg_catalog.regexp_replace(p_style_code, '[^[:alnum:]]+', ' ', 'g') || ' '
                         || pg_catalog.regexp_replace(p_style_code, '[^[:alnum:]]+', '', 'g')
               end), 'A')
        || setweight(pg_catalog.to_tsvector('pg_catalog.english',
                                            coalesce(p_model, '') || ' '
                                            || coalesce(pg_catalog.replace(p_colorway, '/', ' '), '')),
                     'B')
        || setweight(pg_catalog.to_tsvector('pg_catalog.english', coalesce(p_description, '')), 'C')
$$;

-- Lookups: each distinct raw spelling, parsed once in Python (emporium.legacy.parsers).
-- Keyed by coalesce(raw, ''): NULL and '' parse alike (missing).
create table if not exists reorg.lk_money (
    raw text primary key, amount numeric(14,4), currency char(3), reason text);
create table if not exists reorg.lk_size (
    raw text primary key, size_us numeric(4,1), label text, reason text, original text);
create table if not exists reorg.lk_date (raw text primary key, value date, reason text);
create table if not exists reorg.lk_role (raw text primary key, value text not null, reason text);
create table if not exists reorg.lk_status (raw text primary key, value text not null, reason text);
create table if not exists reorg.lk_tier (raw text primary key, value text not null, reason text);
create table if not exists reorg.lk_condition (
    raw text primary key, value text not null, reason text);
create table if not exists reorg.lk_style (
    raw text primary key, code text, key text, reason text);
create table if not exists reorg.lk_email (raw text primary key, value text, reason text);
create table if not exists reorg.lk_text (
    raw text primary key, key text, display text, slug text);
create table if not exists reorg.lk_image (raw text primary key, kind text not null, url text);
create table if not exists reorg.lk_ref (raw text primary key, int_ref integer, uuid_ref uuid);
create table if not exists reorg.lk_address (raw text primary key, value jsonb, reason text);

-- Nothing here is for API clients: no schema usage (above), and row-level security with no
-- policy on every table, so even a grant by mistake shows no row. Run again after the
-- transform for the working tables it creates.
do $do$
declare
    t record;
begin
    for t in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = 'reorg' and c.relkind = 'r' and not c.relrowsecurity
    loop
        execute format('alter table reorg.%I enable row level security', t.relname);
    end loop;
end
$do$;
