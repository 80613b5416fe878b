-- brands; the plan of the KicksDB products (reorg.w_products: duplicates merge by kicksdb_id,
-- then style code) and the names and SKUs every product step shares. The sneakers are
-- planned from it (30_sneakers_plan.sql) while 21_products.sql writes the products.
drop table if exists reorg.w_brands;
create table reorg.w_brands as
with spellings as (
    select brand as raw from legacy.products where brand is not null
    union all
    select brand from legacy.sneakers where brand is not null
), keyed as (
    select t.slug, s.raw from spellings s join reorg.lk_text t on t.raw = s.raw
    where t.slug is not null
), named as (
    select slug, mode() within group (order by raw) as raw_name from keyed group by slug
)
select n.slug, reorg.uid('brand', n.slug) as id, t.display as name
from named n join reorg.lk_text t on t.raw = n.raw_name;

alter table public.brands disable trigger tg_brands__reindex_products;
insert into public.brands (id, name, slug, created_at, updated_at)
select id, name, slug, '2000-01-01T00:00:00Z'::timestamptz, '2000-01-01T00:00:00Z'::timestamptz from reorg.w_brands
order by slug
on conflict do nothing;
alter table public.brands enable trigger tg_brands__reindex_products;

drop table if exists reorg.w_products;
create table reorg.w_products as
with base as (
    select p.id, p.created_at, nullif(btrim(p.kicksdb_id), '') as kicksdb_id,
           st.key as style_key, st.code as style_code, st.reason as style_reason, p.sku as raw_sku,
           tt.key as title_key, tt.display as title, tt.slug as title_slug,
           b.slug as brand_slug, md.display as model,
           d.value as release_date, d.reason as date_reason, p.release_date as raw_date,
           p.retail_price
    from legacy.products p
    left join reorg.lk_style st on st.raw = coalesce(p.sku, '')
    left join reorg.lk_text tt on tt.raw = coalesce(p.title, '')
    left join reorg.lk_text bt on bt.raw = coalesce(p.brand, '')
    left join reorg.w_brands b on b.slug = bt.slug
    left join reorg.lk_text md on md.raw = coalesce(p.model, '')
    left join reorg.lk_date d on d.raw = coalesce(p.release_date, '')
), grouped as (
    select b.*,
           coalesce(min(style_key) over (partition by coalesce(kicksdb_id, id::text)),
                    'k:' || kicksdb_id, 'p:' || id::text) as pkey
    from base b
)
-- A product keeps the id of its oldest legacy row (products.id was already a uuid), so
-- legacy references to it (order_items.product_ref, readers of products_legacy) still hold.
select g.*,
       first_value(g.id) over (partition by g.pkey order by g.created_at nulls last, g.id) as pid,
       row_number() over (partition by g.pkey order by g.created_at nulls last, g.id) as rn
from grouped g;
create unique index on reorg.w_products (id);

-- What a product is called in URLs and SKUs; shared with the products made from sneakers.
create or replace function reorg.product_slug(p_title_slug text, p_style_code text, p_pkey text)
returns text language sql immutable parallel safe as $$
    select coalesce(p_title_slug, 'product') || '-' || coalesce(
        nullif(trim(both '-' from lower(regexp_replace(p_style_code, '[^A-Za-z0-9]+', '-', 'g'))), ''),
        left(md5(p_pkey), 8))
$$;
create or replace function reorg.sku_base(p_style_code text, p_pkey text)
returns text language sql immutable parallel safe as $$
    select coalesce(p_style_code, 'LEG-' || upper(left(md5(p_pkey), 8)))
$$;
create or replace function reorg.variant_sku(p_base text, p_size_us numeric, p_label text)
returns text language sql immutable parallel safe as $$
    select p_base || '-' || case
        when p_label is null then 'OS'
        when p_size_us is not null then replace(p_label, ' ', '')
        else 'X' || upper(left(md5(p_label), 6)) end
$$;
