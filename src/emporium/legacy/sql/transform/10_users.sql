-- users -> users (duplicates by email merge, the oldest id wins), store_name -> vendors
-- (one per distinct store, with a default location), plus the house vendor.
drop table if exists reorg.w_users;
create table reorg.w_users as
select l.id,
       l.created_at,
       l.phone,
       e.value  as email,
       e.reason as email_reason,
       l.email  as raw_email,
       r.value  as role,
       r.reason as role_reason,
       l.role   as raw_role,
       s.key    as store_key,
       l.store_name as raw_store,
       n.display as full_name,
       first_value(l.id) over w as winner,
       row_number() over w as rn
from legacy.users l
left join reorg.lk_email e on e.raw = coalesce(l.email, '')
join reorg.lk_role r on r.raw = coalesce(l.role, '')
left join reorg.lk_text s on s.raw = coalesce(l.store_name, '')
left join reorg.lk_text n on n.raw = coalesce(l.full_name, '')
window w as (partition by coalesce(e.value, l.id::text) order by l.created_at nulls last, l.id);
create unique index on reorg.w_users (id);

-- A merged user keeps the vendor staff role of any of its rows (the oldest such row's
-- store): merging two sign-ups of one person must not cost them their store.
alter table reorg.w_users add column role_from uuid;
update reorg.w_users w set role = b.role, role_reason = b.role_reason, raw_role = b.raw_role,
       store_key = b.store_key, raw_store = b.raw_store, role_from = b.id
from (select distinct on (winner) winner, id, role, role_reason, raw_role, store_key, raw_store
      from reorg.w_users
      where role = 'vendor' and store_key is not null
      order by winner, rn) b
where w.id = w.winner and b.winner = w.id and b.id <> w.id
  and not (w.role = 'vendor' and w.store_key is not null);

-- One vendor per distinct store among the (surviving) vendor staff.
drop table if exists reorg.w_vendors;
create table reorg.w_vendors as
with staff as (
    select store_key, raw_store, created_at from reorg.w_users
    where rn = 1 and role = 'vendor' and store_key is not null
), named as (
    select store_key,
           mode() within group (order by raw_store) as raw_name,
           min(created_at) as created_at
    from staff group by store_key
)
select reorg.uid('vendor', n.store_key) as id, n.store_key, t.display as name,
       coalesce(t.slug, 'store') as base_slug, n.created_at
from named n join reorg.lk_text t on t.raw = n.raw_name;
alter table reorg.w_vendors add column slug text;
update reorg.w_vendors v set slug = case
    when v.base_slug = 'house' or c.n > 1 then v.base_slug || '-' || left(md5(v.store_key), 6)
    else v.base_slug end
from (select base_slug, count(*) as n from reorg.w_vendors group by base_slug) c
where c.base_slug = v.base_slug;

alter table public.vendors disable trigger tg__audit;
alter table public.stock_locations disable trigger tg__audit;
alter table public.users disable trigger tg__audit;

insert into public.vendors (id, name, slug, status, is_house, created_at, updated_at)
values (reorg.uid('vendor', '~house'), 'House', 'house', 'active', true,
        '2000-01-01T00:00:00Z'::timestamptz, '2000-01-01T00:00:00Z'::timestamptz)
on conflict (id) do nothing;
insert into public.vendors (id, name, slug, status, created_at, updated_at)
select id, name, slug, 'active', coalesce(created_at, '2000-01-01T00:00:00Z'::timestamptz),
       coalesce(created_at, '2000-01-01T00:00:00Z'::timestamptz)
from reorg.w_vendors
order by id
on conflict (id) do nothing;
insert into public.stock_locations (id, vendor_id, name, code, priority, created_at, updated_at)
select reorg.uid('location', v.id::text), v.id, 'Main', 'MAIN', 100, v.created_at, v.created_at
from public.vendors v
where v.id = reorg.uid('vendor', '~house') or v.id in (select id from reorg.w_vendors)
on conflict (id) do nothing;

insert into public.users (id, email, full_name, role, vendor_id, vendor_role, phone,
                          created_at, updated_at)
select u.id,
       coalesce(u.email, 'legacy-' || u.id || '@users.invalid'),
       u.full_name,
       case when u.role = 'vendor' and v.id is null then 'customer' else u.role end,
       v.id,
       case when v.id is null then null
            when row_number() over (partition by v.id order by u.created_at nulls last, u.id) = 1
            then 'owner' else 'staff' end,
       nullif(btrim(u.phone), ''),
       coalesce(u.created_at, '2000-01-01T00:00:00Z'::timestamptz),
       coalesce(u.created_at, '2000-01-01T00:00:00Z'::timestamptz)
from reorg.w_users u
left join reorg.w_vendors v on u.role = 'vendor' and v.store_key = u.store_key
where u.rn = 1
order by u.id
on conflict (id) do nothing;

alter table public.vendors enable trigger tg__audit;
alter table public.stock_locations enable trigger tg__audit;
alter table public.users enable trigger tg__audit;

insert into reorg.legacy_row_map (legacy_table, legacy_key, target_table, target_id)
select 'users', u.id::text, 'users', u.winner::text from reorg.w_users u
union all
select 'users', u.id::text, 'vendors', v.id::text
from reorg.w_users u join reorg.w_users w on w.id = u.winner
join reorg.w_vendors v on w.role = 'vendor' and v.store_key = w.store_key;

insert into reorg.legacy_issues (legacy_table, legacy_key, reason_code, detail)
select 'users', id::text, 'merged_duplicate',
       format('same email as %s (%s): merged into that user, the oldest', winner, email)
from reorg.w_users where rn > 1
union all
select 'users', id::text, 'role_from_duplicate',
       format('vendor staff of %L through the merged duplicate %s', raw_store, role_from)
from reorg.w_users where role_from is not null
union all
select 'users', id::text, case email_reason when 'missing' then 'missing_email' else email_reason end,
       format('email %L unusable: the user got the placeholder legacy-%s@users.invalid',
              raw_email, id)
from reorg.w_users where rn = 1 and email is null
union all
select 'users', id::text, role_reason,
       format('role %L read as %s', raw_role, role)
from reorg.w_users where rn = 1 and role_reason is not null
union all
select 'users', id::text, 'vendor_without_store',
       format('role %L but no store_name: migrated as a customer', raw_role)
from reorg.w_users where rn = 1 and role = 'vendor' and store_key is null
union all
select 'users', id::text, 'store_name_ignored',
       format('store_name %L on a %s: not vendor staff, the store name is not kept', raw_store, role)
from reorg.w_users where rn = 1 and role <> 'vendor' and store_key is not null
on conflict do nothing;
