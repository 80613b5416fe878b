-- sneakers -> the product with the same style code, else the same brand + name, else a new
-- product (source legacy); the size -> a variant; the price -> the seller's offer; the
-- quantity -> opening stock at the seller's location (staged in reorg.w_stock).
drop table if exists reorg.w_sneakers;
create table reorg.w_sneakers as
with base as (
    select s.id, s.created_at, s.updated_at,
           st.key as style_key, st.code as style_code, s.style_code as raw_style,
           b.slug as brand_slug, nm.key as name_key, nm.display as name, nm.slug as name_slug,
           sz.size_us, sz.label, sz.reason as size_reason, s.size as raw_size,
           sz.original as size_original,
           m.amount, m.currency, m.reason as price_reason, s.price as raw_price,
           c.value as condition, c.reason as condition_reason, s.condition as raw_condition,
           s.quantity, s.seller_id,
           coalesce(sv.id, reorg.uid('vendor', '~house')) as vendor_id,
           case when s.seller_id is null then 'missing_seller'
                when su.id is null then 'unknown_seller'
                when sv.id is null then 'seller_not_vendor' end as seller_reason
    from legacy.sneakers s
    left join reorg.lk_style st on st.raw = coalesce(s.style_code, '')
    left join reorg.lk_text bt on bt.raw = coalesce(s.brand, '')
    left join reorg.w_brands b on b.slug = bt.slug
    left join reorg.lk_text nm on nm.raw = coalesce(s.name, '')
    left join reorg.lk_size sz on sz.raw = coalesce(s.size, '')
    left join reorg.lk_money m on m.raw = coalesce(s.price, '')
    left join reorg.lk_condition c on c.raw = coalesce(s.condition, '')
    left join reorg.w_users su on su.id = s.seller_id
    left join reorg.w_users sw on sw.id = su.winner
    left join reorg.w_vendors sv on sw.role = 'vendor' and sv.store_key = sw.store_key
), by_style as (  -- 1. the same style code as a KicksDB product
    select distinct on (style_key) style_key, pkey, pid from reorg.w_products
    where style_key is not null order by style_key, rn, id
), by_name as (   -- 2. the same brand and name as a KicksDB product
    select distinct on (coalesce(brand_slug, ''), title_key)
           coalesce(brand_slug, '') as brand_slug, title_key, pkey, pid
    from reorg.w_products where rn = 1 and title_key is not null
    order by coalesce(brand_slug, ''), title_key, pid
), matched as (   -- 3. else a product of its own (sneakers alike share it)
    select b.*,
           case when bs.pid is not null then 'style_code'
                when bn.pid is not null then 'brand_name' else 'new' end as match,
           coalesce(bs.pkey, bn.pkey, b.style_key,
                    'n:' || coalesce(b.brand_slug, '') || '|' || coalesce(b.name_key, '')) as pkey,
           coalesce(bs.pid, bn.pid) as matched_pid
    from base b
    left join by_style bs on bs.style_key = b.style_key
    left join by_name bn on b.style_key is null and bn.title_key = b.name_key
                        and bn.brand_slug = coalesce(b.brand_slug, '')
), ids as (
    select m.*, coalesce(m.matched_pid, reorg.uid('product', m.pkey)) as pid,
           reorg.uid('variant', coalesce(m.matched_pid, reorg.uid('product', m.pkey)) || '|'
                                || coalesce(m.label, '')) as variant_id
    from matched m
), offers as (
    select i.*, reorg.uid('offer', i.vendor_id || '|' || i.variant_id || '|' || i.condition)
               as offer_id
    from ids i
)
select o.*, row_number() over (partition by o.offer_id order by (o.amount is null), o.id)
           as offer_rank,
       first_value(o.id) over (partition by o.offer_id order by (o.amount is null), o.id)
           as offer_first
from offers o;
create unique index on reorg.w_sneakers (id);

-- Which product a style code names (dealer prices find their product by it).
drop table if exists reorg.w_style_products;
create table reorg.w_style_products as
select distinct on (style_key) style_key, pid
from (select style_key, pid from reorg.w_products where style_key is not null
      union all
      select style_key, pid from reorg.w_sneakers where style_key is not null) s
order by style_key, pid;

-- The search document is computed here, set-based, by the function tg_products__search
-- calls (from the same columns and the brand's name), with that trigger off: per row it
-- cost four times as much. `validate` checks every document against the function.
alter table public.products disable trigger tg__audit;
alter table public.products disable trigger tg_products__search;
insert into public.products (id, title, slug, brand_id, style_code, kind, status, source,
                             search, created_at, updated_at)
select distinct on (s.pid) s.pid, t.title,
       reorg.product_slug(s.name_slug, s.style_code, s.pkey),
       b.id, s.style_code, 'variable', 'active', 'legacy',
       private.product_search_document(t.title, b.name, null, s.style_code, null, null),
       coalesce(s.created_at, '2000-01-01T00:00:00Z'::timestamptz), coalesce(s.created_at, '2000-01-01T00:00:00Z'::timestamptz)
from reorg.w_sneakers s
cross join lateral (select coalesce(s.name, 'Untitled product') as title) t
left join reorg.w_brands b on b.slug = s.brand_slug
where s.match = 'new'
order by s.pid, s.id
on conflict (id) do nothing;
alter table public.products enable trigger tg_products__search;
alter table public.products enable trigger tg__audit;

alter table public.product_variants disable trigger tg__audit;
insert into public.product_variants (id, product_id, sku, size_label, size_us, position,
                                     created_at, updated_at)
select distinct on (s.variant_id) s.variant_id, s.pid,
       reorg.variant_sku(reorg.sku_base(p.style_code, s.pkey), s.size_us, s.label),
       s.label, s.size_us, 1000, p.created_at, p.created_at
from reorg.w_sneakers s join public.products p on p.id = s.pid
order by s.variant_id, s.id
on conflict do nothing;
alter table public.product_variants enable trigger tg__audit;

alter table public.offers disable trigger tg__audit;
insert into public.offers (id, vendor_id, variant_id, condition, price, currency,
                           created_at, updated_at)
select offer_id, vendor_id, variant_id, condition, amount, coalesce(currency, 'USD'),
       coalesce(created_at, '2000-01-01T00:00:00Z'::timestamptz),
       coalesce(updated_at, created_at, '2000-01-01T00:00:00Z'::timestamptz)
from reorg.w_sneakers
where offer_rank = 1 and amount is not null
order by offer_id
on conflict do nothing;
alter table public.offers enable trigger tg__audit;

insert into reorg.w_stock (src_table, src_key, vendor_id, location_id, variant_id, qty, at)
select 'sneakers', id::text, vendor_id, reorg.uid('location', vendor_id::text), variant_id,
       quantity, coalesce(created_at, '2000-01-01T00:00:00Z'::timestamptz)
from reorg.w_sneakers where quantity > 0
order by id;

insert into reorg.legacy_row_map (legacy_table, legacy_key, target_table, target_id)
select 'sneakers', id::text, 'products', pid::text from reorg.w_sneakers
union all
select 'sneakers', id::text, 'product_variants', variant_id::text from reorg.w_sneakers
union all
select 'sneakers', s.id::text, 'offers', s.offer_id::text from reorg.w_sneakers s
where s.offer_id in (select offer_id from reorg.w_sneakers where offer_rank = 1 and amount is not null)
union all
select 'sneakers', src_key, 'stock_levels', location_id || '/' || variant_id
from reorg.w_stock where src_table = 'sneakers';

insert into reorg.legacy_issues (legacy_table, legacy_key, reason_code, detail)
select 'sneakers', id::text, 'unparseable_price',
       format('price %L not a price: no offer from this listing', raw_price)
from reorg.w_sneakers where amount is null
union all
select 'sneakers', id::text, 'merged_duplicate',
       format('same seller, size and condition as listing %s: one offer (its price); stock adds up',
              offer_first)
from reorg.w_sneakers where offer_rank > 1
union all
select 'sneakers', id::text, 'negative_stock', format('quantity %s migrated as 0', quantity)
from reorg.w_sneakers where quantity < 0
union all
select 'sneakers', id::text, 'missing_stock', 'quantity NULL migrated as 0'
from reorg.w_sneakers where quantity is null
union all
select 'sneakers', id::text, seller_reason,
       format('seller %s is %s: the listing goes to the house vendor', coalesce(seller_id::text, 'NULL'),
              case seller_reason when 'missing_seller' then 'not given'
                   when 'unknown_seller' then 'not a user' else 'not vendor staff' end)
from reorg.w_sneakers where seller_reason is not null
union all
select 'sneakers', id::text, case size_reason when 'missing' then 'missing_size' else size_reason end,
       format('size %L: %s', raw_size, case when label is null then 'no size (one size)'
                                           else 'kept as the label ' || label end)
from reorg.w_sneakers where size_reason is not null
union all
select 'sneakers', id::text, 'size_converted',
       format('size %L is %s on the US chart: the same variant as every spelling of it',
              raw_size, label)
from reorg.w_sneakers where size_original is not null
union all
select 'sneakers', id::text, condition_reason,
       format('condition %L read as %s', raw_condition, condition)
from reorg.w_sneakers where condition_reason is not null
union all
select 'sneakers', id::text, 'new_product',
       format('no product with style code %s or this brand and name: a new product %s',
              coalesce(style_code, '-'), pid)
from reorg.w_sneakers where match = 'new' and style_key is null
on conflict do nothing;
