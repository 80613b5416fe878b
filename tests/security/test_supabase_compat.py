"""Our migrations on a database prepared the way Supabase prepares one.

Supabase creates the roles, an ``auth`` schema with ``auth.users`` and ``auth.uid()``, and
default privileges that hand ALL on every new table, view, function and sequence in
``public`` to anon, authenticated and service_role. Our migrations must still end with
exactly our grants, the same access matrix, and nothing of ours in ``auth``; and they must
go back down to base there too.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

import psycopg
import pytest

from emporium.db import migrate
from emporium.db.connect import Database
from emporium.db.session import transaction_as
from emporium.errors import PermissionDenied
from tests.conftest import PERSONAS, Server
from tests.security.test_rls_matrix import (
    CROSS_TENANT_WRITES,
    DENIED,
    OPS,
    PERSONA_NAMES,
    VISIBLE,
    WRITES,
    attempt,
    select_mismatches,
)
from tests.world import seed_world

SUPABASE_PREPARATION: Final = """
do $do$
begin
    if not exists (select from pg_roles where rolname = 'anon') then
        create role anon nologin noinherit;
    end if;
    if not exists (select from pg_roles where rolname = 'authenticated') then
        create role authenticated nologin noinherit;
    end if;
    if not exists (select from pg_roles where rolname = 'service_role') then
        create role service_role nologin noinherit bypassrls;
    end if;
    if not exists (select from pg_roles where rolname = 'authenticator') then
        create role authenticator login noinherit;
    end if;
end
$do$;
create schema auth;
create table auth.users (id uuid primary key, email text);
create function auth.uid() returns uuid language sql stable
    as $$ select nullif(current_setting('request.jwt.claim.sub', true), '')::uuid $$;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public
    grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public
    grant all on sequences to anon, authenticated, service_role;
grant usage on schema public to anon, authenticated, service_role;
"""

# Everything in (or pointing into) schema auth, with its privileges and definition.
AUTH_OBJECTS: Final = """
select 'schema', n.nspname, coalesce(n.nspacl::text, '')
from pg_namespace n where n.nspname = 'auth'
union all
select 'relation', c.relname || ':' || c.relkind::text, coalesce(c.relacl::text, '')
from pg_class c where c.relnamespace = 'auth'::regnamespace
union all
select 'column', c.relname || '.' || a.attname,
       format_type(a.atttypid, a.atttypmod) || coalesce(a.attacl::text, '')
from pg_attribute a join pg_class c on c.oid = a.attrelid
where c.relnamespace = 'auth'::regnamespace and a.attnum > 0 and not a.attisdropped
union all
select 'function', p.oid::regprocedure::text, coalesce(p.proacl::text, '') || md5(p.prosrc)
from pg_proc p where p.pronamespace = 'auth'::regnamespace
union all
select 'type', t.typname, '' from pg_type t where t.typnamespace = 'auth'::regnamespace
union all
select 'constraint', c.conname, pg_get_constraintdef(c.oid)
from pg_constraint c where c.connamespace = 'auth'::regnamespace
union all
select 'foreign key into auth', c.conname, c.conrelid::regclass::text
from pg_constraint c join pg_class t on t.oid = c.confrelid
where t.relnamespace = 'auth'::regnamespace
union all
select 'trigger', tg.tgname, tg.tgrelid::regclass::text
from pg_trigger tg join pg_class c on c.oid = tg.tgrelid
where c.relnamespace = 'auth'::regnamespace
union all
select 'policy', p.polname, p.polrelid::regclass::text
from pg_policy p join pg_class c on c.oid = p.polrelid
where c.relnamespace = 'auth'::regnamespace
union all
select 'default privileges', d.defaclobjtype::text, d.defaclacl::text
from pg_default_acl d where d.defaclnamespace = 'auth'::regnamespace
"""

# Every privilege anon, authenticated or PUBLIC hold on our schemas' objects.
CLIENT_PRIVILEGES: Final = """
with grantee(oid, name) as (
    select oid, rolname::text from pg_roles where rolname in ('anon', 'authenticated')
    union all select 0, 'PUBLIC'
)
select 'schema', n.nspname::text, g.name, a.privilege_type
from pg_namespace n,
     aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a
     join grantee g on g.oid = a.grantee
where n.nspname in ('public', 'private')
union all
select 'relation', n.nspname || '.' || c.relname, g.name, a.privilege_type
from pg_class c join pg_namespace n on n.oid = c.relnamespace,
     aclexplode(coalesce(c.relacl, acldefault(
         (case c.relkind when 'S' then 's' else 'r' end)::"char", c.relowner))) a
     join grantee g on g.oid = a.grantee
where n.nspname in ('public', 'private') and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
union all
select 'column', n.nspname || '.' || c.relname || '.' || att.attname, g.name, a.privilege_type
from pg_attribute att join pg_class c on c.oid = att.attrelid
     join pg_namespace n on n.oid = c.relnamespace,
     aclexplode(att.attacl) a join grantee g on g.oid = a.grantee
where n.nspname in ('public', 'private') and att.attnum > 0 and not att.attisdropped
union all
select 'function', p.oid::regprocedure::text, g.name, a.privilege_type
from pg_proc p join pg_namespace n on n.oid = p.pronamespace,
     aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
     join grantee g on g.oid = a.grantee
where n.nspname in ('public', 'private')
"""


def _fetch(dsn: str, query: str) -> set[tuple[Any, ...]]:
    with psycopg.connect(dsn) as c:
        return {tuple(r) for r in c.execute(query).fetchall()}


@dataclass(frozen=True)
class SupabaseDb:
    dsn: str
    auth_before: set[tuple[Any, ...]]


def _prepared(server: Server) -> Iterator[SupabaseDb]:
    name = f"emporium_supa_{uuid.uuid4().hex[:12]}"
    dsn = server.create_database(name)
    try:
        with psycopg.connect(dsn, autocommit=True) as c:
            c.execute(SUPABASE_PREPARATION)
        yield SupabaseDb(dsn, _fetch(dsn, AUTH_OBJECTS))
    finally:
        server.drop_database(name)


def _migrate_and_seed(db: SupabaseDb) -> None:
    assert migrate.upgrade(db.dsn) == migrate.head_revision()
    with psycopg.connect(db.dsn) as c:
        seed_world(c)
        c.commit()


@pytest.fixture(scope="module")
def supabase_db(server: Server) -> Iterator[SupabaseDb]:
    """A Supabase-prepared database, migrated to head and seeded with the world."""
    for db in _prepared(server):
        _migrate_and_seed(db)
        yield db


@pytest.fixture(scope="module")
def supabase_conn(supabase_db: SupabaseDb) -> Iterator[psycopg.Connection[Any]]:
    with psycopg.connect(supabase_db.dsn, autocommit=True) as c:
        yield c


def test_the_preparation_is_supabases_default_privileges(supabase_db: SupabaseDb) -> None:
    # (the premise) a table created now in public hands ALL to the client roles
    with psycopg.connect(supabase_db.dsn) as c:
        c.execute("create table public.t_probe (id int)")
        row = c.execute(
            "select has_table_privilege('anon', 'public.t_probe', 'INSERT'),"
            " has_table_privilege('authenticated', 'public.t_probe', 'TRUNCATE')"
        ).fetchone()
        c.rollback()
    assert row == (True, True)


def test_clients_hold_exactly_our_grants_despite_supabases_default_privileges(
    supabase_db: SupabaseDb, shared_db: Database
) -> None:
    ours = _fetch(shared_db.admin_dsn, CLIENT_PRIVILEGES)
    on_supabase = _fetch(supabase_db.dsn, CLIENT_PRIVILEGES)
    assert ours, "no client privileges at all on the plain database?"
    assert sorted(on_supabase - ours) == [], "privileges Supabase's defaults added"
    assert sorted(ours - on_supabase) == [], "privileges missing on Supabase"


@pytest.mark.parametrize(
    ("role", "relation", "privilege"),
    [
        ("anon", "public.vendors", "INSERT"),
        ("anon", "public.offers", "UPDATE"),
        ("anon", "public.products", "TRUNCATE"),
        ("authenticated", "public.stock_levels", "INSERT"),
        ("authenticated", "public.stock_movements", "UPDATE"),
        ("authenticated", "public.orders", "INSERT"),
        ("authenticated", "public.orders", "UPDATE"),
        ("authenticated", "public.order_status_history", "INSERT"),
        ("authenticated", "public.audit_log", "DELETE"),
        ("authenticated", "public.vendor_orders", "UPDATE"),
        ("authenticated", "public.vendor_orders", "DELETE"),
        ("authenticated", "public.vendor_orders", "INSERT"),
        ("anon", "public.variant_availability", "INSERT"),
        ("authenticated", "public.users", "TRUNCATE"),
        ("authenticated", "public.accounts", "REFERENCES"),
        ("authenticated", "public.carts", "TRIGGER"),
    ],
)
def test_a_client_role_lacks_a_privilege_the_defaults_would_give(
    supabase_conn: psycopg.Connection[Any], role: str, relation: str, privilege: str
) -> None:
    row = supabase_conn.execute(
        "select has_table_privilege(%s, %s, %s)", [role, relation, privilege]
    ).fetchone()
    assert row == (False,), f"{role} holds {privilege} on {relation}"
    if privilege in ("INSERT", "UPDATE", "REFERENCES"):
        row = supabase_conn.execute(
            "select has_any_column_privilege(%s, %s, %s)", [role, relation, privilege]
        ).fetchone()
        assert row == (False,), f"{role} holds {privilege} on a column of {relation}"


def test_the_select_matrix_holds_on_supabase(supabase_conn: psycopg.Connection[Any]) -> None:
    assert select_mismatches(supabase_conn) == []
    assert len(VISIBLE) * len(PERSONA_NAMES) > 400


# a slice of the write matrix: the tenant-owned tables and the function-owned ones
WRITE_SLICE: Final = (
    "offers",
    "stock_locations",
    "stock_levels",
    "orders",
    "carts",
    "rfqs",
    "rfq_items",
    "account_notes",
    "audit_log",
)


def test_the_write_matrix_holds_on_supabase(supabase_conn: psycopg.Connection[Any]) -> None:
    wrong = []
    for table in WRITE_SLICE:
        for op in OPS:
            a = WRITES[table][op]
            for persona in PERSONA_NAMES:
                got = attempt(supabase_conn, persona, a)
                if got != a.expected(persona):
                    wrong.append(f"{op} {table} as {persona}: {got}, not {a.expected(persona)}")
    for persona, what, a in CROSS_TENANT_WRITES:
        if (got := attempt(supabase_conn, persona, a)) != DENIED:
            wrong.append(f"{persona} {what}: {got}")
    assert wrong == []


@pytest.mark.parametrize(
    "statement",
    [
        "update public.vendor_orders set status = 'cancelled'",
        "delete from public.vendor_orders",
        "insert into public.vendor_orders (number) values ('FORGED-1')",
    ],
)
def test_vendors_cannot_write_orders_through_the_views_on_supabase(
    supabase_conn: psycopg.Connection[Any], statement: str
) -> None:
    # The views read as their owner: a write through them would bypass the orders' RLS.
    with (
        supabase_conn.transaction(force_rollback=True),
        pytest.raises(PermissionDenied),
        transaction_as(supabase_conn, PERSONAS["vendor_a_staff"]),
    ):
        supabase_conn.execute(statement)
    row = supabase_conn.execute("select count(*) from public.orders where status = 'pending'")
    assert row.fetchone() == (4,)


def test_our_migrations_create_nothing_in_auth(supabase_db: SupabaseDb) -> None:
    assert supabase_db.auth_before, "the auth snapshot is empty: preparation failed?"
    assert ("relation", "users:r", "") in supabase_db.auth_before
    assert _fetch(supabase_db.dsn, AUTH_OBJECTS) == supabase_db.auth_before


def test_downgrade_to_base_works_on_supabase_and_leaves_auth_alone(server: Server) -> None:
    for db in _prepared(server):
        _migrate_and_seed(db)

        assert migrate.downgrade(db.dsn, "base") == "base"

        left = _fetch(
            db.dsn,
            "select 'relation', relname::text from pg_class"
            " where relnamespace = 'public'::regnamespace"
            " union all select 'function', proname::text from pg_proc"
            " where pronamespace = 'public'::regnamespace"
            " union all select 'private relation', relname::text from pg_class"
            " where relnamespace = 'private'::regnamespace"
            " and relname not like 'alembic_version%'",
        )
        assert left == set()
        assert _fetch(db.dsn, AUTH_OBJECTS) == db.auth_before
        # and up again, to the same grants as on any database
        assert migrate.upgrade(db.dsn) == migrate.head_revision()
        assert _fetch(db.dsn, AUTH_OBJECTS) == db.auth_before
