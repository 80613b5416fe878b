-- batch over legacy.orders.id in (reorg.lo, reorg.hi]: orders (source legacy), their status
-- on emporium's machine, the total as text -> grand_total, and the one history entry saying
-- the order came from legacy: written here for the whole batch, exactly as the history
-- trigger writes it for an inserted order (from_status null, no actor: the migrator has no
-- user), which is off meanwhile (one PL/pgSQL call and one INSERT per order otherwise).
-- A batch commits with its resume point, so no order is inserted twice: no `on conflict`.
alter table public.orders disable trigger tg__audit;
alter table public.orders disable trigger tg_orders__history;

drop table if exists pg_temp.b_orders;
create temp table b_orders on commit drop as
select o.id, o.created_at, o.user_id, o.status as raw_status, o.total as raw_total,
       st.value as status, st.reason as status_reason,
       m.amount, m.currency, m.reason as total_reason,
       a.value as address, a.reason as address_reason,
       u.winner as target_user
from legacy.orders o
join reorg.lk_status st on st.raw = coalesce(o.status, '')
left join reorg.lk_money m on m.raw = coalesce(o.total, '')
left join reorg.lk_address a on a.raw = coalesce(o.shipping_address, '')
left join reorg.w_users u on u.id = o.user_id
where o.id > current_setting('reorg.lo')::bigint and o.id <= current_setting('reorg.hi')::bigint;

with inserted as (
insert into public.orders (id, number, user_id, status, currency, subtotal, grand_total,
                           shipping_address, source, legacy_id, placed_at, created_at, updated_at)
select reorg.uid('order', id::text), 'LG-' || lpad(id::text, 8, '0'), target_user, status,
       coalesce(currency, 'USD'), round(coalesce(amount, 0), 2), round(coalesce(amount, 0), 2),
       address, 'legacy', id, created_at,
       coalesce(created_at, '2000-01-01T00:00:00Z'::timestamptz), coalesce(created_at, '2000-01-01T00:00:00Z'::timestamptz)
from b_orders
order by id
returning id, status
)
insert into public.order_status_history (order_id, from_status, to_status, actor_id, note)
select id, null, status, null, 'migrated from the legacy store' from inserted order by id;
alter table public.orders enable trigger tg_orders__history;
alter table public.orders enable trigger tg__audit;

insert into reorg.legacy_row_map (legacy_table, legacy_key, target_table, target_id)
select 'orders', id::text, 'orders', reorg.uid('order', id::text)::text from b_orders;

insert into reorg.legacy_issues (legacy_table, legacy_key, reason_code, detail)
select 'orders', id::text, 'unknown_user',
       format('user %s does not exist: the order is kept as a guest order', user_id)
from b_orders where user_id is not null and target_user is null
union all
select 'orders', id::text, status_reason, format('status %L read as %s', raw_status, status)
from b_orders where status_reason is not null
union all
select 'orders', id::text, case total_reason when 'missing' then 'missing_total'
                                              else 'unparseable_price' end,
       format('total %L not a price (%s): the order total is 0', raw_total, total_reason)
from b_orders where amount is null
union all
select 'orders', id::text, 'address_as_text',
       'shipping_address is free text: kept as {"text": ...}'
from b_orders where address_reason = 'free_text';
