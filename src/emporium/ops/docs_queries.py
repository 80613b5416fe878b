"""The catalog queries behind the schema docs (pg_catalog, plus the pg_policies view).

Each takes `oids` (the relations documented) or `schemas`. Grants are read from the ACLs
(aclexplode of pg_class.relacl, pg_attribute.attacl and pg_proc.proacl) rather than from
information_schema.role_table_grants / role_column_grants: the same facts, but independent of
the roles the reading user happens to be a member of, and column grants without the table
grants those views repeat for every column.
"""

from __future__ import annotations

RELATIONS = """
select c.oid, n.nspname, c.relname, c.relkind, obj_description(c.oid, 'pg_class'),
       c.relrowsecurity, c.relforcerowsecurity, coalesce(c.reloptions, '{}')
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where n.nspname = any(%(schemas)s) and c.relkind in ('r', 'p', 'v', 'm')
"""

# What a view reads and calls (its rewrite rule's dependencies). The definition itself isn't
# printed: PostgreSQL 16 prints single-table column references unqualified, 15 qualified.
VIEW_USES = """
select distinct rw.ev_class, dn.nspname || '.' || coalesce(dc.relname, dp.proname || '()')
from pg_rewrite rw
join pg_depend d on d.classid = 'pg_rewrite'::regclass and d.objid = rw.oid
left join pg_class dc on d.refclassid = 'pg_class'::regclass and dc.oid = d.refobjid
left join pg_proc dp on d.refclassid = 'pg_proc'::regclass and dp.oid = d.refobjid
join pg_namespace dn on dn.oid = coalesce(dc.relnamespace, dp.pronamespace)
where rw.ev_class = any(%(oids)s) and d.refobjid <> rw.ev_class
"""

COLUMNS = """
select a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid), a.attgenerated, a.attidentity,
       col_description(a.attrelid, a.attnum)
from pg_attribute a
left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
where a.attrelid = any(%(oids)s) and a.attnum > 0 and not a.attisdropped
order by a.attrelid, a.attnum
"""

CONSTRAINTS = """
select con.conrelid, con.conname, con.contype, pg_get_constraintdef(con.oid),
       array(select a.attname from unnest(con.conkey) with ordinality k(num, ord)
             join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num
             order by k.ord),
       obj_description(con.oid, 'pg_constraint'),
       rn.nspname, rc.relname,
       array(select a.attname from unnest(con.confkey) with ordinality k(num, ord)
             join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.num
             order by k.ord),
       con.confdeltype, con.confupdtype
from pg_constraint con
left join pg_class rc on rc.oid = con.confrelid
left join pg_namespace rn on rn.oid = rc.relnamespace
where con.conrelid = any(%(oids)s)
"""

INDEXES = """
select i.indrelid, ic.relname, pg_get_indexdef(i.indexrelid),
       obj_description(i.indexrelid, 'pg_class'), i.indisunique, i.indisprimary,
       pg_get_expr(i.indpred, i.indrelid),
       array(select a.attname from unnest(i.indkey) with ordinality k(num, ord)
             left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.num
             where k.ord <= i.indnkeyatts
             order by k.ord),
       con.conname
from pg_index i
join pg_class ic on ic.oid = i.indexrelid
left join pg_constraint con
  on con.conindid = i.indexrelid and con.conrelid = i.indrelid and con.contype in ('p', 'u', 'x')
where i.indrelid = any(%(oids)s)
"""

TRIGGERS = """
select t.tgrelid, t.tgname, pg_get_triggerdef(t.oid), pn.nspname || '.' || p.proname,
       obj_description(p.oid, 'pg_proc')
from pg_trigger t
join pg_proc p on p.oid = t.tgfoid
join pg_namespace pn on pn.oid = p.pronamespace
where t.tgrelid = any(%(oids)s) and not t.tgisinternal
"""

POLICIES = """
select schemaname, tablename, policyname, cmd, permissive = 'PERMISSIVE', roles::text[],
       qual, with_check
from pg_policies
where schemaname = any(%(schemas)s)
"""

TABLE_GRANTS = """
select c.oid, coalesce(r.rolname, 'PUBLIC'), g.privilege_type
from pg_class c
cross join lateral aclexplode(c.relacl) g
left join pg_roles r on r.oid = g.grantee
where c.oid = any(%(oids)s)
"""

COLUMN_GRANTS = """
select a.attrelid, coalesce(r.rolname, 'PUBLIC'), g.privilege_type, a.attname
from pg_attribute a
cross join lateral aclexplode(a.attacl) g
left join pg_roles r on r.oid = g.grantee
where a.attrelid = any(%(oids)s) and a.attnum > 0 and not a.attisdropped
order by a.attnum
"""

FUNCTIONS = """
select n.nspname, p.proname, pg_get_function_identity_arguments(p.oid),
       pg_get_function_result(p.oid), l.lanname, p.prosecdef, p.provolatile,
       obj_description(p.oid, 'pg_proc'),
       array(select coalesce(r.rolname, 'PUBLIC')
             from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) g
             left join pg_roles r on r.oid = g.grantee
             where g.privilege_type = 'EXECUTE')
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_language l on l.oid = p.prolang
where n.nspname = any(%(schemas)s) and p.prokind in ('f', 'p')
  and not exists (select 1 from pg_depend d
                  where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
"""
