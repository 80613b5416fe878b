-- sneakers -> the product with the same style code, else the same brand + name, else a new
-- product (source legacy); the size -> a variant; the price -> the seller's offer; the
-- quantity -> opening stock at the seller's location. Planned here (reorg.w_sneakers) from
-- the products' plan alone, beside 21_products.sql; written by 31_sneakers.sql.
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
