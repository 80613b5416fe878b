-- brands; products (KicksDB) -> products (duplicates merge by kicksdb_id, then style code);
-- the `variants` JSON -> variants, house offers and opening stock (staged in reorg.w_stock).
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

-- The search document is computed here, set-based, by the function tg_products__search
-- calls (from the same columns and the brand's name), with that trigger off: per row it
-- cost four times as much. `validate` checks every document against the function.
alter table public.products disable trigger tg__audit;
alter table public.products disable trigger tg_products__search;
insert into public.products (id, title, slug, brand_id, model, style_code, release_date,
                             retail_price, kind, status, source, source_id, source_payload,
                             search, created_at, updated_at)
select w.pid, t.title,
       reorg.product_slug(w.title_slug, w.style_code, w.pkey),
       b.id, w.model, w.style_code, w.release_date,
       case when w.retail_price >= 0 and w.retail_price < 1e10 then w.retail_price end,
       'variable', 'active', 'kicksdb', w.kicksdb_id, p.raw,
       private.product_search_document(t.title, b.name, w.model, w.style_code, null, null),
       coalesce(w.created_at, '2000-01-01T00:00:00Z'::timestamptz), coalesce(w.created_at, '2000-01-01T00:00:00Z'::timestamptz)
from reorg.w_products w
join legacy.products p on p.id = w.id
left join reorg.w_brands b on b.slug = w.brand_slug
cross join lateral (
    select coalesce(w.title, nullif(btrim(concat_ws(' ', b.name, w.model)), ''),
                    'Untitled product') as title
) t
where w.rn = 1
order by w.pid
on conflict (id) do nothing;
alter table public.products enable trigger tg_products__search;
alter table public.products enable trigger tg__audit;

-- The sizes inside `variants`: one staged row per JSON element.
drop table if exists reorg.w_json_variants;
create table reorg.w_json_variants as
with elems as (
    select w.id as legacy_id, w.pid, w.pkey, w.rn as dup_rank, e.ord,
           jsonb_typeof(e.elem) as elem_type,
           e.elem ->> 'size' as raw_size, sz.size_us, sz.label, sz.reason as size_reason,
           e.elem ->> 'price' as raw_price, m.amount, m.currency, m.reason as price_reason,
           e.elem ->> 'stock' as raw_stock,
           case when (e.elem ->> 'stock') ~ '^\s*-?[0-9]{1,9}(\.0+)?\s*$'
                then (e.elem ->> 'stock')::numeric::integer end as stock
    from reorg.w_products w
    join legacy.products p on p.id = w.id
    cross join lateral jsonb_array_elements(
        case when jsonb_typeof(p.variants) = 'array' then p.variants else '[]'::jsonb end
    ) with ordinality as e(elem, ord)
    left join reorg.lk_size sz on sz.raw = coalesce(e.elem ->> 'size', '')
    left join reorg.lk_money m on m.raw = coalesce(e.elem ->> 'price', '')
), ided as (
    select e.*, case when e.elem_type = 'object' and e.label is not null
                     then reorg.uid('variant', e.pid || '|' || e.label) end as variant_id
    from elems e
)
select i.*, case when i.variant_id is not null then
           row_number() over (partition by i.variant_id order by i.dup_rank, i.legacy_id, i.ord)
       end as pick
from ided i;

alter table public.product_variants disable trigger tg__audit;
insert into public.product_variants (id, product_id, sku, size_label, size_us, position,
                                     created_at, updated_at)
select j.variant_id, j.pid,
       reorg.variant_sku(reorg.sku_base(pr.style_code, j.pkey), j.size_us, j.label),
       j.label, j.size_us, j.ord::integer, pr.created_at, pr.created_at
from reorg.w_json_variants j
join public.products pr on pr.id = j.pid
where j.pick = 1
order by j.variant_id
on conflict do nothing;
alter table public.product_variants enable trigger tg__audit;

alter table public.offers disable trigger tg__audit;
insert into public.offers (id, vendor_id, variant_id, condition, price, currency,
                           created_at, updated_at)
select reorg.uid('offer', reorg.uid('vendor', '~house') || '|' || j.variant_id || '|new'),
       reorg.uid('vendor', '~house'), j.variant_id, 'new', j.amount, coalesce(j.currency, 'USD'),
       '2000-01-01T00:00:00Z'::timestamptz, '2000-01-01T00:00:00Z'::timestamptz
from reorg.w_json_variants j
where j.pick = 1 and j.amount is not null
order by 1
on conflict do nothing;
alter table public.offers enable trigger tg__audit;

-- Opening stock, applied by the stock step in batches.
drop table if exists reorg.w_stock;
create table reorg.w_stock (
    n bigint generated always as identity primary key,
    src_table text not null,
    src_key text not null,
    vendor_id uuid not null,
    location_id uuid not null,
    variant_id uuid not null,
    qty integer not null check (qty > 0),
    at timestamptz
);
insert into reorg.w_stock (src_table, src_key, vendor_id, location_id, variant_id, qty, at)
select 'products', j.legacy_id::text || '#' || j.ord, reorg.uid('vendor', '~house'),
       reorg.uid('location', reorg.uid('vendor', '~house')::text), j.variant_id, j.stock,
       coalesce(w.created_at, '2000-01-01T00:00:00Z'::timestamptz)
from reorg.w_json_variants j join reorg.w_products w on w.id = j.legacy_id
where j.pick = 1 and j.stock > 0
order by j.legacy_id, j.ord;

insert into reorg.legacy_row_map (legacy_table, legacy_key, target_table, target_id)
select 'products', id::text, 'products', pid::text from reorg.w_products
union all
select distinct 'products', legacy_id::text, 'product_variants', variant_id::text
from reorg.w_json_variants where variant_id is not null
union all
select 'products', legacy_id::text, 'offers',
       reorg.uid('offer', reorg.uid('vendor', '~house') || '|' || variant_id || '|new')::text
from reorg.w_json_variants where pick = 1 and amount is not null
union all
select 'products', split_part(src_key, '#', 1), 'stock_levels', location_id || '/' || variant_id
from reorg.w_stock where src_table = 'products';

insert into reorg.legacy_issues (legacy_table, legacy_key, reason_code, detail)
select 'products', id::text, 'merged_duplicate',
       format('same product as an older row (kicksdb id %s, style code %s): merged into %s',
              coalesce(kicksdb_id, '-'), coalesce(style_code, '-'), pid)
from reorg.w_products where rn > 1
union all
select 'products', id::text, 'unparseable_release_date',
       format('release_date %L not a date: left empty', raw_date)
from reorg.w_products where date_reason = 'unparseable_date'
union all
select 'products', id::text, 'unparseable_style_code',
       format('sku %L is not a style code: the product has none', raw_sku)
from reorg.w_products where style_reason = 'unparseable_style_code'
union all
select 'products', w.id::text, 'no_sizes',
       format('variants %s holds no usable size: the product has no variants from this row',
              left(coalesce(p.variants::text, 'NULL'), 80))
from reorg.w_products w join legacy.products p on p.id = w.id
where not exists (select 1 from reorg.w_json_variants j
                  where j.legacy_id = w.id and j.variant_id is not null)
on conflict do nothing;

insert into reorg.legacy_issues (legacy_table, legacy_key, reason_code, detail)
select 'products', legacy_id::text, reason, string_agg(detail, '; ' order by ord)
from (
    select legacy_id, ord, 'bad_size_entry' as reason,
           format('entry %s (%s) has no usable size: skipped', ord, elem_type) as detail
    from reorg.w_json_variants where variant_id is null
    union all
    select legacy_id, ord, 'unparseable_price',
           format('size %s: price %L not a price, no house offer', label, raw_price)
    from reorg.w_json_variants where pick = 1 and amount is null
    union all
    select legacy_id, ord, 'negative_stock',
           format('size %s: stock %s migrated as 0', label, stock)
    from reorg.w_json_variants where pick = 1 and stock < 0
    union all
    select legacy_id, ord, 'missing_stock',
           format('size %s: stock %L migrated as 0', label, raw_stock)
    from reorg.w_json_variants where pick = 1 and stock is null
    union all
    select legacy_id, ord, 'duplicate_size',
           format('size %s listed again: the first listing''s price and stock are kept', label)
    from reorg.w_json_variants where pick > 1
) d
group by legacy_id, reason
on conflict do nothing;
