-- KicksDB products (planned in reorg.w_products) -> products; the `variants` JSON ->
-- variants, house offers and opening stock (staged in reorg.w_stock).
-- No `on conflict` here: this is the first step to write these tables and every row is
-- distinct by construction (one product per plan group, one variant per product and size,
-- one house offer per variant). A duplicate would be a bug, stopped by the primary key,
-- never skipped; and the step commits as a whole with its resume point, so no run writes
-- it twice. (Checking for a conflict costs an index probe per row: ~15% of an insert.)
-- The search document is computed here, set-based, from the same columns and the brand's
-- name by reorg.search_document (the body of the function tg_products__search calls), with
-- that trigger off: per row it cost four times as much. `validate` checks every document
-- against the function itself.
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
       reorg.search_document(t.title, b.name, w.model, w.style_code, null, null),
       coalesce(w.created_at, '2000-01-01T00:00:00Z'::timestamptz), coalesce(w.created_at, '2000-01-01T00:00:00Z'::timestamptz)
from reorg.w_products w
join legacy.products p on p.id = w.id
left join reorg.w_brands b on b.slug = w.brand_slug
cross join lateral (
    select coalesce(w.title, nullif(btrim(concat_ws(' ', b.name, w.model)), ''),
                    'Untitled product') as title
) t
where w.rn = 1
order by w.pid;
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
order by j.variant_id;
alter table public.product_variants enable trigger tg__audit;

alter table public.offers disable trigger tg__audit;
insert into public.offers (id, vendor_id, variant_id, condition, price, currency,
                           created_at, updated_at)
select reorg.uid('offer', reorg.uid('vendor', '~house') || '|' || j.variant_id || '|new'),
       reorg.uid('vendor', '~house'), j.variant_id, 'new', j.amount, coalesce(j.currency, 'USD'),
       '2000-01-01T00:00:00Z'::timestamptz, '2000-01-01T00:00:00Z'::timestamptz
from reorg.w_json_variants j
where j.pick = 1 and j.amount is not null
order by 1;
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
