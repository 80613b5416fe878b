"""docs/security.md: row-level security policies, grants and helper functions, per table."""

from __future__ import annotations

from emporium.ops.docs_catalog import (
    CLIENT_ROLES,
    PERSONA_ROLES,
    PUBLIC_GRANTEE,
    Catalog,
    Function,
    Policy,
    Relation,
    privileges_sorted,
)
from emporium.ops.docs_md import GENERATED_NOTE, cell, code, slug, table

INTRO = """\
# Security: who may read and write what

{note}

The database decides what each caller may see and change, for our API and for any other
client (PostgREST, psql with a token's role): grants say which commands and columns a role
may use at all, and row-level security (RLS) policies say which rows. Everything below is read
from the database's catalog (`pg_policies`, the tables' and columns' ACLs, `pg_proc`) by
`emporium db docs`; the policies themselves are written in `src/emporium/db/sql/*/policies.sql`.

## Personas

A request runs as one of three database roles; the app role inside `authenticated` comes from
the database (`public.users.role`), not from the token, so a demotion takes effect at once.

{personas}

No persona sees another vendor's stock or customers, another account's prices, RFQs or
orders, or another customer's anything.

## How policies know who is calling

Each transaction starts with `set_config('request.jwt.claims', <verified claims>, true)` and
`set_config('role', 'anon' | 'authenticated' | 'service_role', true)`, as PostgREST does.
Policies read the caller through helper functions in schema `private` (listed with their
comments [below](#functions)):

- `private.current_user_id()`: the token's `sub` as a uuid (NULL for anon);
- `private.current_app_role()`: `customer`, `vendor`, `rep` or `admin` from `public.users`;
  `private.is_admin()` tests it;
- `private.current_vendor_id()`: the vendor a vendor-staff user works for;
- `private.member_account_ids()`, `private.buyer_account_ids()`, `private.rep_account_ids()`,
  `private.visible_account_ids()`: the accounts the caller belongs to, may buy for, represents,
  or may read.

They are `SECURITY DEFINER` where they must read across RLS, return facts about the caller
only, and are called as `(SELECT private.fn())` so PostgreSQL evaluates them once per
statement, not once per row. `service_role` has `BYPASSRLS`: its grants are the only limit.
"""

# DOMAIN.md, "Who may see and do what": (persona, database role, reads, writes).
PERSONAS = (
    ("anon", "`anon`", "active catalog, active offers at list price, availability", "nothing"),
    (
        "customer",
        "`authenticated`",
        "the above; own profile, carts, orders, payments, shipments",
        "own profile, carts; orders via functions",
    ),
    (
        "vendor staff",
        "`authenticated`",
        "the above; own vendor, its offers, locations, stock, alerts, counts; its order items "
        "and what it needs to ship them",
        "its offers, locations, stock via functions, shipments",
    ),
    (
        "account member",
        "`authenticated`",
        "the above; own account, its members, its prices, carts, orders, RFQs",
        "carts, RFQs (draft/submit/accept), orders",
    ),
    (
        "rep",
        "`authenticated`",
        "accounts assigned to them and all of the above for those accounts",
        "quotes on their RFQs, account notes",
    ),
    ("admin", "`authenticated`", "everything", "everything"),
    (
        "service",
        "`service_role`",
        "bypasses RLS (integrations, migrations, our auth endpoints)",
        "everything granted",
    ),
)

MATRIX_LEGEND = """\
Per table and command: the grant the role holds (✓ on the whole table, `cols` on some
columns only, — none) and the policies that apply to it (a policy `FOR ALL` applies to every
command). With RLS enabled, a command needs both a grant and a policy that lets the row
through; a grant without a policy reaches no rows. Views have no policies: they filter rows
themselves (`security_barrier`).
"""

COMMANDS = ("SELECT", "INSERT", "UPDATE", "DELETE")


def policy_anchor(rel: Relation) -> str:
    return slug(rel.label)


def _grant_mark(rel: Relation, role: str, command: str) -> str:
    if command in rel.grants.get(role, set()) or command in rel.grants.get(PUBLIC_GRANTEE, set()):
        return "✓"
    if rel.column_grants.get(role, {}).get(command):
        return "`cols`"
    return "—"


def _applies(policy: Policy, role: str, command: str) -> bool:
    return policy.command in (command, "ALL") and (role in policy.roles or "public" in policy.roles)


def matrix_cell(rel: Relation, role: str, command: str) -> str:
    mark = _grant_mark(rel, role, command)
    if not rel.is_table:
        return mark
    names = [p.name for p in rel.policies if _applies(p, role, command)]
    if not rel.rls:
        return f"{mark} (RLS off)"
    return f"{mark} {', '.join(names)}" if names else mark


def _matrix(catalog: Catalog, role: str) -> list[str]:
    rows = []
    for rel in catalog.relations:
        if rel.is_table:
            rls = "on" if rel.rls else "**off**"
            name = f"[{rel.label}](#{policy_anchor(rel)})"
        else:
            rls = "view"
            name = rel.label
        rows.append([name, rls] + [matrix_cell(rel, role, c) for c in COMMANDS])
    return table(["table", "RLS", *COMMANDS], rows)


def _policy_lines(p: Policy) -> list[str]:
    kind = "permissive" if p.permissive else "**restrictive**"
    out = [f"- {code(p.name)}: {p.command} to {', '.join(p.roles)}, {kind}"]
    if p.using is not None:
        out.append(f"  - using {code(p.using)}")
    if p.check is not None:
        out.append(f"  - with check {code(p.check)}")
    return out


def _policies_section(catalog: Catalog) -> list[str]:
    out = ["## Policies by table", ""]
    for rel in catalog.tables:
        n = len(rel.policies)
        out += [f"### {rel.label}", ""]
        state = "RLS enabled" if rel.rls else "RLS **disabled**"
        if rel.rls_forced:
            state += " and forced (also for the owner)"
        if n == 0:
            out += [f"{state}, no policies: no client role reaches a row.", ""]
            continue
        out += [f"{state}, {n} {'policy' if n == 1 else 'policies'}.", ""]
        for p in rel.policies:
            out += _policy_lines(p)
        out.append("")
    return out


def _table_grant_cell(rel: Relation, role: str) -> str:
    parts = privileges_sorted(rel.grants.get(role, set()))
    for privilege in privileges_sorted(rel.column_grants.get(role, {})):
        if privilege not in parts:
            parts.append(f"{privilege} (columns)")
    return ", ".join(parts) or "—"


def _grants_section(catalog: Catalog) -> list[str]:
    roles = [*CLIENT_ROLES]
    if any(
        PUBLIC_GRANTEE in r.grants or PUBLIC_GRANTEE in r.column_grants for r in catalog.relations
    ):
        roles.append(PUBLIC_GRANTEE)
    out = [
        "## Grants",
        "",
        "### Table privileges",
        "",
        "Privileges on whole tables and views, per client role (the owning role, which runs "
        "the migrations, is left out). `(columns)`: granted on some columns only, listed in "
        "the next table.",
        "",
    ]
    rows = [
        [rel.label] + [_table_grant_cell(rel, role) for role in roles] for rel in catalog.relations
    ]
    out += [*table(["table", *roles], rows), ""]
    out += [
        "### Column privileges",
        "",
        "Where a role may insert or update only some columns: everything else (keys, "
        "status, totals, tenant columns) is set by defaults, triggers or functions.",
        "",
    ]
    col_rows = []
    for rel in catalog.relations:
        for role in roles:
            for privilege, columns in sorted(rel.column_grants.get(role, {}).items()):
                if privilege in rel.grants.get(role, set()):
                    continue  # the table-level grant covers every column anyway
                col_rows.append([rel.label, role, privilege, ", ".join(code(c) for c in columns)])
    out += table(["table", "role", "privilege", "columns"], col_rows) if col_rows else ["None."]
    out.append("")
    return out


def _function_rows(functions: list[Function]) -> list[list[str]]:
    return [
        [
            code(f.signature),
            code(f.result),
            "definer" if f.security_definer else "invoker",
            f.volatility,
            ", ".join(f.execute) or "—",
            cell(f.comment or ""),
        ]
        for f in functions
    ]


def _functions_section(catalog: Catalog) -> list[str]:
    headers = ["function", "returns", "security", "volatility", "execute", "comment"]
    private = [f for f in catalog.functions if f.schema == "private"]
    public = [f for f in catalog.functions if f.schema != "private"]
    helpers = [f for f in private if not f.is_trigger]
    triggers = [f for f in private if f.is_trigger]
    out = [
        "## Functions",
        "",
        "`execute`: the client roles that may call the function (PostgreSQL's default grant to "
        "PUBLIC is revoked). `definer`: runs with its owner's rights (SECURITY DEFINER), "
        "so it can read across RLS; each one pins `search_path`.",
        "",
        "### Helpers in schema private",
        "",
    ]
    out += [*table(headers, _function_rows(helpers)), ""]
    out += [
        "### Trigger functions in schema private",
        "",
        "Attached to tables by the triggers listed in [schema.md](schema.md); no role calls "
        "them directly.",
        "",
    ]
    rows = [
        [code(f.signature), "definer" if f.security_definer else "invoker", cell(f.comment or "")]
        for f in triggers
    ]
    out += [*table(["function", "security", "comment"], rows), ""]
    out += ["### Functions in schema public (callable over RPC)", ""]
    out += (table(headers, _function_rows(public)) if public else ["None."]) + [""]
    return out


def security_anchors(catalog: Catalog) -> dict[str, str]:
    """Where each table's policies are in security.md (for links from schema.md)."""
    return {rel.qualname: policy_anchor(rel) for rel in catalog.tables}


def security_text(catalog: Catalog) -> str:
    personas = "\n".join(table(["persona", "database role", "reads", "writes"], PERSONAS))
    out = [INTRO.format(note=GENERATED_NOTE, personas=personas)]
    out += ["## Summary by persona role", "", MATRIX_LEGEND]
    for role in PERSONA_ROLES:
        out += [f"### Role {role}", "", *_matrix(catalog, role), ""]
    out += _policies_section(catalog)
    out += _grants_section(catalog)
    out += _functions_section(catalog)
    return "\n".join(out).rstrip("\n") + "\n"
