"""What the schema docs print, read from the live catalog (pg_catalog) of one database.

Everything here comes from the database as migrated, never from the models: tables, columns,
constraints, indexes, triggers, policies, grants and functions, with their comments
(COMMENT ON ...). Only the grouping of tables into domains comes from the code: the models
module that defines each table.

Expressions are printed by PostgreSQL itself (pg_get_expr, pg_get_constraintdef,
pg_get_indexdef, pg_get_triggerdef) under a fixed search_path, so the text is the same for
every server and caller; PostgreSQL 15 and 16 print them identically. (View definitions
differ between them, so a view is described by what it reads and calls instead.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import psycopg

from emporium.db.connect import connect
from emporium.db.metadata import OWNED_SCHEMAS
from emporium.ops import docs_queries as q
from emporium.ops.docs_domains import OTHER_DOMAIN, table_domains

# The client roles whose rights the docs show (docs/database.md, "Roles"). The owner (the
# migrating role) has every right and differs between servers, so it is left out.
CLIENT_ROLES = ("anon", "authenticated", "service_role", "authenticator")
PERSONA_ROLES = ("anon", "authenticated")
PUBLIC_GRANTEE = "PUBLIC"

ON_DELETE = {
    "a": "NO ACTION",
    "r": "RESTRICT",
    "c": "CASCADE",
    "n": "SET NULL",
    "d": "SET DEFAULT",
}
CONSTRAINT_KINDS = {
    "p": "primary key",
    "u": "unique",
    "c": "check",
    "f": "foreign key",
    "x": "exclusion",
}
PRIVILEGE_ORDER = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    not_null: bool
    default: str | None
    generated: str | None  # the expression of a stored generated column
    identity: str | None  # "always" or "by default"
    comment: str | None


@dataclass(frozen=True)
class Constraint:
    name: str
    kind: str  # p, u, c, f, x
    definition: str
    columns: tuple[str, ...]
    comment: str | None = None
    ref_schema: str | None = None
    ref_table: str | None = None
    ref_columns: tuple[str, ...] = ()
    on_delete: str | None = None
    on_update: str | None = None


@dataclass(frozen=True)
class Index:
    name: str
    definition: str
    comment: str | None
    unique: bool
    primary: bool
    predicate: str | None  # WHERE of a partial index
    columns: tuple[str | None, ...]  # None for an expression
    constraint: str | None  # the primary key / unique constraint it implements


@dataclass(frozen=True)
class Trigger:
    name: str
    definition: str
    function: str
    function_comment: str | None


@dataclass(frozen=True)
class Policy:
    name: str
    command: str
    permissive: bool
    roles: tuple[str, ...]
    using: str | None
    check: str | None


@dataclass
class Relation:
    schema: str
    name: str
    kind: str  # r (table), v (view), m, p
    comment: str | None
    rls: bool
    rls_forced: bool
    options: tuple[str, ...]
    domain: str = OTHER_DOMAIN
    view_uses: list[str] = field(default_factory=list)  # tables and functions a view uses
    columns: list[Column] = field(default_factory=list)
    constraints: list[Constraint] = field(default_factory=list)
    indexes: list[Index] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    policies: list[Policy] = field(default_factory=list)
    # role -> privileges on the whole table; role -> privilege -> columns
    grants: dict[str, set[str]] = field(default_factory=dict)
    column_grants: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @property
    def qualname(self) -> str:
        return f"{self.schema}.{self.name}"

    @property
    def label(self) -> str:
        """How the docs name it: public tables by name, others schema-qualified."""
        return self.name if self.schema == "public" else self.qualname

    @property
    def is_table(self) -> bool:
        return self.kind in ("r", "p")

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def primary_key(self) -> Constraint | None:
        return next((c for c in self.constraints if c.kind == "p"), None)

    @property
    def foreign_keys(self) -> list[Constraint]:
        return [c for c in self.constraints if c.kind == "f"]


@dataclass(frozen=True)
class Function:
    schema: str
    name: str
    arguments: str
    result: str
    language: str
    security_definer: bool
    volatility: str
    comment: str | None
    execute: tuple[str, ...]  # client roles (and PUBLIC) that may call it

    @property
    def signature(self) -> str:
        return f"{self.schema}.{self.name}({self.arguments})"

    @property
    def is_trigger(self) -> bool:
        return self.result == "trigger"


@dataclass
class Catalog:
    relations: list[Relation]
    functions: list[Function]
    server_major: int

    @property
    def tables(self) -> list[Relation]:
        return [r for r in self.relations if r.is_table]

    @property
    def views(self) -> list[Relation]:
        return [r for r in self.relations if not r.is_table]

    def relation(self, schema: str, name: str) -> Relation:
        return next(r for r in self.relations if r.schema == schema and r.name == name)

    def in_schema(self, schema: str) -> list[Relation]:
        return [r for r in self.tables if r.schema == schema]


def relation_sort_key(schema: str, name: str) -> tuple[int, str, str]:
    return (0 if schema == "public" else 1, schema, name)


VOLATILITY = {"i": "immutable", "s": "stable", "v": "volatile"}


def _rows(conn: psycopg.Connection[Any], query: str, **params: Any) -> list[tuple[Any, ...]]:
    return list(conn.execute(query, params).fetchall())


def _client(roles: Iterable[str]) -> tuple[str, ...]:
    keep = (*CLIENT_ROLES, PUBLIC_GRANTEE)
    return tuple(sorted({r for r in roles if r in keep}, key=keep.index))


def read_catalog(dsn: str, schemas: tuple[str, ...] = OWNED_SCHEMAS) -> Catalog:
    """Everything the docs print about `schemas`, sorted, from the database at `dsn`."""
    with connect(dsn) as conn:
        # Expressions print names relative to the search_path: fix it, so the text doesn't
        # depend on the caller's settings (Supabase adds "$user" and extensions).
        conn.execute("set search_path to public")
        major = int(_rows(conn, "show server_version_num")[0][0]) // 10000
        return _read(conn, list(schemas), major)


def _read(conn: psycopg.Connection[Any], schemas: list[str], major: int) -> Catalog:
    domains = table_domains()
    by_oid: dict[int, Relation] = {}
    for oid, schema, name, kind, comment, rls, forced, options in _rows(
        conn, q.RELATIONS, schemas=schemas
    ):
        rank_domain = domains.get((schema, name))
        by_oid[oid] = Relation(
            schema=schema,
            name=name,
            kind=kind,
            comment=comment,
            rls=rls,
            rls_forced=forced,
            options=tuple(sorted(options)),
            domain=rank_domain[1] if rank_domain else OTHER_DOMAIN,
        )
    oids = list(by_oid)
    for rel, name, type_, not_null, default, generated, identity, comment in _rows(
        conn, q.COLUMNS, oids=oids
    ):
        by_oid[rel].columns.append(
            Column(
                name=name,
                type=type_,
                not_null=not_null,
                default=None if generated == "s" else default,
                generated=default if generated == "s" else None,
                identity={"a": "always", "d": "by default"}.get(identity),
                comment=comment,
            )
        )
    for row in _rows(conn, q.CONSTRAINTS, oids=oids):
        rel, name, kind, definition, cols, comment, rschema, rtable, rcols, deltype, updtype = row
        by_oid[rel].constraints.append(
            Constraint(
                name=name,
                kind=kind,
                definition=definition,
                columns=tuple(cols),
                comment=comment,
                ref_schema=rschema,
                ref_table=rtable,
                ref_columns=tuple(rcols or ()),
                on_delete=ON_DELETE.get(deltype) if kind == "f" else None,
                on_update=ON_DELETE.get(updtype) if kind == "f" else None,
            )
        )
    for rel, name, definition, comment, unique, primary, predicate, cols, conname in _rows(
        conn, q.INDEXES, oids=oids
    ):
        by_oid[rel].indexes.append(
            Index(
                name=name,
                definition=definition,
                comment=comment,
                unique=unique,
                primary=primary,
                predicate=predicate,
                columns=tuple(cols),
                constraint=conname,
            )
        )
    for rel, name, definition, function, fcomment in _rows(conn, q.TRIGGERS, oids=oids):
        by_oid[rel].triggers.append(Trigger(name, definition, function, fcomment))
    for rel, used in _rows(conn, q.VIEW_USES, oids=oids):
        by_oid[rel].view_uses.append(used)
    by_name = {(r.schema, r.name): r for r in by_oid.values()}
    for schema, table, name, cmd, permissive, roles, using, check in _rows(
        conn, q.POLICIES, schemas=schemas
    ):
        by_name[(schema, table)].policies.append(
            Policy(name, cmd, permissive, tuple(sorted(roles)), using, check)
        )
    for rel, role, privilege in _rows(conn, q.TABLE_GRANTS, oids=oids):
        if role in (*CLIENT_ROLES, PUBLIC_GRANTEE):
            by_oid[rel].grants.setdefault(role, set()).add(privilege)
    for rel, role, privilege, column in _rows(conn, q.COLUMN_GRANTS, oids=oids):
        if role in (*CLIENT_ROLES, PUBLIC_GRANTEE):
            by_oid[rel].column_grants.setdefault(role, {}).setdefault(privilege, []).append(column)
    for r in by_oid.values():
        r.constraints.sort(key=lambda c: ("pucfx".index(c.kind), c.name))
        r.indexes.sort(key=lambda i: (not i.primary, i.name))
        r.triggers.sort(key=lambda t: t.name)
        r.policies.sort(key=lambda p: p.name)
        r.view_uses.sort()
    functions = sorted(
        (
            Function(
                schema=schema,
                name=name,
                arguments=args,
                result=result,
                language=language,
                security_definer=secdef,
                volatility=VOLATILITY.get(volatility, volatility),
                comment=comment,
                execute=_client(execute),
            )
            for schema, name, args, result, language, secdef, volatility, comment, execute in _rows(
                conn, q.FUNCTIONS, schemas=schemas
            )
        ),
        key=lambda f: (*relation_sort_key(f.schema, f.name), f.arguments),
    )
    relations = sorted(by_oid.values(), key=lambda r: relation_sort_key(r.schema, r.name))
    return Catalog(relations=relations, functions=functions, server_major=major)


def privileges_sorted(privileges: Iterable[str]) -> list[str]:
    return sorted(
        privileges, key=lambda p: PRIVILEGE_ORDER.index(p) if p in PRIVILEGE_ORDER else 99
    )
