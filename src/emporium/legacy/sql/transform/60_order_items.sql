-- batch over legacy.order_items.id in (reorg.lo, reorg.hi]: product_ref resolved through
-- product_source, or by its form when the source is missing or wrong; the size picks the
-- variant (created, inactive, when the product never listed it); no price -> the offer's.
drop table if exists pg_temp.b_items;
create temp table b_items on commit drop as
select i.id, i.order_id, i.product_ref, i.product_source, i.quantity, i.size as raw_size,
       i.unit_price as raw_price,
       lower(btrim(i.product_source)) as source,
       r.int_ref, r.uuid_ref,
       sz.size_us, sz.label,
       m.amount, m.currency, m.reason as price_reason,
       o.id as target_order,
       wp.pid as p_pid, wp.pkey as p_pkey,
       ws.id as sneaker_id,
       x.path, x.vendor_id, x.variant_id,
       off.id as offer_id,
       coalesce(m.amount, off.price)::numeric(14,4) as price,
       case when o.id is null then 'orphan_order_item'
            when x.path is null then 'unknown_product_ref'
            when i.quantity is null or i.quantity <= 0 then 'invalid_quantity'
            when coalesce(m.amount, off.price) is null then 'unparseable_price' end as quarantine
from legacy.order_items i
left join reorg.lk_ref r on r.raw = coalesce(i.product_ref, '')
left join reorg.lk_size sz on sz.raw = coalesce(i.size, '')
left join reorg.lk_money m on m.raw = coalesce(i.unit_price, '')
left join public.orders o on o.id = reorg.uid('order', i.order_id::text)
left join reorg.w_products wp on wp.id = r.uuid_ref
left join reorg.w_sneakers ws on ws.id = r.int_ref
-- a KicksDB product sells as the house's; a sneaker as its seller's offer
cross join lateral (
    select case when wp.pid is not null then 'products'
                when ws.id is not null then 'sneakers' end as path,
           case when wp.pid is not null then reorg.uid('vendor', '~house')
                when ws.id is not null then ws.vendor_id end as vendor_id,
           case when wp.pid is not null then reorg.uid('variant', wp.pid || '|' || coalesce(sz.label, ''))
                when ws.id is not null then ws.variant_id end as variant_id
) x
-- (one primary-key lookup per line, never a hash of every offer)
left join lateral (
    select o.id, o.price from public.offers o
    where o.id = coalesce(ws.offer_id, reorg.uid('offer', x.vendor_id || '|' || x.variant_id || '|new'))
      and o.vendor_id = x.vendor_id and o.variant_id = x.variant_id
    offset 0
) off on true
where i.id > current_setting('reorg.lo')::bigint and i.id <= current_setting('reorg.hi')::bigint;

-- Sizes a product was sold in but never listed: an inactive variant, so the line keeps it.
alter table public.product_variants disable trigger tg__audit;
insert into public.product_variants (id, product_id, sku, size_label, size_us, status, position,
                                     created_at, updated_at)
select distinct on (b.variant_id) b.variant_id, b.p_pid,
       reorg.variant_sku(reorg.sku_base(p.style_code, b.p_pkey), b.size_us, b.label),
       b.label, b.size_us, 'inactive', 2000, p.created_at, p.created_at
from b_items b join public.products p on p.id = b.p_pid
where b.path = 'products' and b.quarantine is null
  and not exists (select 1 from public.product_variants v where v.id = b.variant_id)
order by b.variant_id, b.id
on conflict do nothing;
alter table public.product_variants enable trigger tg__audit;

insert into public.order_items (id, order_id, vendor_id, offer_id, variant_id, sku, title,
                                quantity, unit_price, price_source, currency, created_at)
select reorg.uid('order_item', b.id::text), b.target_order, b.vendor_id, b.offer_id, b.variant_id,
       v.sku, p.title, b.quantity, b.price, 'legacy', coalesce(b.currency, o.currency),
       o.created_at
-- (no `on conflict`: one line per legacy line, its batch committed with its resume point;
-- lateral lookups by primary key, kept apart by "offset 0": a batch reads its own lines'
-- variants, products and orders, not a hash of every one of them)
from b_items b
cross join lateral (select v.sku, v.product_id from public.product_variants v
                    where v.id = b.variant_id offset 0) v
cross join lateral (select p.title from public.products p where p.id = v.product_id offset 0) p
cross join lateral (select o.currency, o.created_at from public.orders o
                    where o.id = b.target_order offset 0) o
where b.quarantine is null
order by b.id;

insert into reorg.legacy_row_map (legacy_table, legacy_key, target_table, target_id)
select 'order_items', id::text, 'order_items', reorg.uid('order_item', id::text)::text
from b_items where quarantine is null;

insert into reorg.legacy_quarantine (legacy_table, legacy_key, reason_code, detail, "row")
select 'order_items', b.id::text, b.quarantine,
       case b.quarantine
           when 'orphan_order_item' then format('order %s does not exist', b.order_id)
           when 'unknown_product_ref' then format('product_ref %L (source %L) matches no product '
                                                 'or sneaker', b.product_ref, b.product_source)
           when 'invalid_quantity' then format('quantity %s: an order line needs at least 1',
                                               coalesce(b.quantity::text, 'NULL'))
           else format('unit_price %L not a price and no offer to take it from', b.raw_price) end,
       i.row
-- (a primary-key lookup per quarantined line, not a hash of the whole legacy table)
from b_items b
cross join lateral (select to_jsonb(i) as row from legacy.order_items i where i.id = b.id
                    offset 0) i
where b.quarantine is not null;

insert into reorg.legacy_issues (legacy_table, legacy_key, reason_code, detail)
select 'order_items', id::text, 'product_source_inferred',
       format('product_source %s; the ref %L is a %s id', coalesce(quote_literal(product_source), 'NULL'),
              product_ref, path)
from b_items where quarantine is null and source is distinct from path
union all
select 'order_items', id::text, 'price_from_offer',
       format('unit_price %L not a price: the offer''s %s used', raw_price, price)
from b_items where quarantine is null and amount is null
union all
select 'order_items', b.id::text, 'variant_created',
       format('size %L never listed for the product: an inactive variant %s', b.raw_size, b.variant_id)
from b_items b join public.product_variants v on v.id = b.variant_id
where b.quarantine is null and b.path = 'products' and v.status = 'inactive';
