-- sneakers (planned in reorg.w_sneakers) -> new products, variants, the sellers' offers and
-- opening stock (staged in reorg.w_stock).
-- The search document is computed here, set-based, from the same columns and the brand's
-- name by reorg.search_document (the body of the function tg_products__search calls), with
-- that trigger off: per row it cost four times as much. `validate` checks every document
-- against the function itself.
alter table public.products disable trigger tg__audit;
alter table public.products disable trigger tg_products__search;
insert into public.products (id, title, slug, brand_id, style_code, kind, status, source,
                             search, created_at, updated_at)
select s.pid, t.title,
       reorg.product_slug(s.name_slug, s.style_code, s.pkey),
       b.id, s.style_code, 'variable', 'active', 'legacy',
       reorg.search_document(t.title, b.name, null, s.style_code, null, null),
       coalesce(s.created_at, '2000-01-01T00:00:00Z'::timestamptz), coalesce(s.created_at, '2000-01-01T00:00:00Z'::timestamptz)
-- (the first listing of each new product picked before the document is computed: a product
-- is listed by two or three sneakers, and the document is most of this statement's work)
from (select distinct on (pid) pid, name, name_slug, style_code, pkey, brand_slug, created_at
      from reorg.w_sneakers where match = 'new' order by pid, id) s
cross join lateral (select coalesce(s.name, 'Untitled product') as title) t
left join reorg.w_brands b on b.slug = s.brand_slug
order by s.pid
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
