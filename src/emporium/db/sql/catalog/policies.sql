create or replace function private.vendor_sells_product(p_product_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
    select exists (
        select 1 from public.product_variants v
        join public.offers o on o.variant_id = v.id
        where v.product_id = p_product_id and o.vendor_id = private.current_vendor_id())
$$;
revoke all on function private.vendor_sells_product(uuid) from public;
grant execute on function private.vendor_sells_product(uuid) to authenticated, service_role;

-- Is the variant listed (active, of an active product)? For the offers policy: a policy on
-- offers that read product_variants, whose policy reads offers, would recurse.
create or replace function private.variant_is_listed(p_variant_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
    select exists (
        select 1 from public.product_variants v
        join public.products p on p.id = v.product_id
        where v.id = p_variant_id and v.status = 'active' and p.status = 'active')
$$;
revoke all on function private.variant_is_listed(uuid) from public;
grant execute on function private.variant_is_listed(uuid) to anon, authenticated, service_role;

-- The search document is computed by private.tg_products__search, which runs as the
-- writer (admins, service work): they must be able to call its helpers.
grant execute on function private.style_code_terms(text),
    private.product_search_document(text, text, text, text, text, text)
    to authenticated, service_role;

-- The catalog: anyone reads what is active; admins write it. Vendor staff also see the
-- products and variants they sell (any status), and manage their own offers and media.

alter table public.brands enable row level security;
create policy select_all on public.brands for select to anon, authenticated using (true);
create policy all_admin on public.brands for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.brands to anon, authenticated;
grant insert (id, name, slug), update (name, slug), delete on public.brands to authenticated;

alter table public.categories enable row level security;
create policy select_all on public.categories for select to anon, authenticated using (true);
create policy all_admin on public.categories for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.categories to anon, authenticated;
grant insert (id, parent_id, name, slug, position), update (parent_id, name, slug, position), delete
    on public.categories to authenticated;
-- private.tg_categories__move_subtree rewrites the descendants' path as the writer (an
-- admin: only all_admin lets anyone update categories) when a slug or parent changes.
grant update (path) on public.categories to authenticated;

alter table public.spec_definitions enable row level security;
create policy select_all on public.spec_definitions for select to anon, authenticated using (true);
create policy all_admin on public.spec_definitions for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.spec_definitions to anon, authenticated;
grant insert (id, key, label, type, unit, filterable, enum_values, position),
      update (label, type, unit, filterable, enum_values, position), delete
    on public.spec_definitions to authenticated;

alter table public.products enable row level security;
create policy select_active on public.products for select to anon, authenticated
    using (status = 'active');
-- (through a definer function: a policy on products that read product_variants, whose
-- policy reads products, would recurse)
create policy select_vendor_staff on public.products for select to authenticated
    using (case when (select private.current_vendor_id()) is null then false
                else private.vendor_sells_product(id) end);
create policy all_admin on public.products for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.products to anon, authenticated;
grant insert (id, title, slug, brand_id, model, style_code, colorway, gender, release_date,
              retail_price, currency, description, kind, status, source, source_id,
              source_payload) on public.products to authenticated;
grant update (title, slug, brand_id, model, style_code, colorway, gender, release_date,
              retail_price, currency, description, kind, status, source, source_id,
              source_payload) on public.products to authenticated;
grant delete on public.products to authenticated;

alter table public.product_categories enable row level security;
create policy select_visible_product on public.product_categories for select to anon, authenticated
    using (exists (select 1 from public.products p where p.id = product_id));
create policy all_admin on public.product_categories for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.product_categories to anon, authenticated;
grant insert (product_id, category_id), delete on public.product_categories to authenticated;

alter table public.product_variants enable row level security;
create policy select_active on public.product_variants for select to anon, authenticated
    using (status = 'active'
           and exists (select 1 from public.products p where p.id = product_id and p.status = 'active'));
create policy select_vendor_staff on public.product_variants for select to authenticated
    using (exists (select 1 from public.offers o where o.variant_id = product_variants.id
                     and o.vendor_id = (select private.current_vendor_id())));
create policy all_admin on public.product_variants for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.product_variants to anon, authenticated;
grant insert (id, product_id, sku, size_label, size_us, options, gtin, weight_grams, status, position)
    on public.product_variants to authenticated;
grant update (sku, size_label, size_us, options, gtin, weight_grams, status, position)
    on public.product_variants to authenticated;
grant delete on public.product_variants to authenticated;

alter table public.product_specs enable row level security;
create policy select_visible_product on public.product_specs for select to anon, authenticated
    using (exists (select 1 from public.products p where p.id = product_id));
create policy all_admin on public.product_specs for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.product_specs to anon, authenticated;
grant insert (product_id, spec_id, value_number, value_text, value_boolean),
      update (value_number, value_text, value_boolean), delete
    on public.product_specs to authenticated;

alter table public.product_images enable row level security;
create policy select_visible_product on public.product_images for select to anon, authenticated
    using (exists (select 1 from public.products p where p.id = product_id));
create policy all_admin on public.product_images for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.product_images to anon, authenticated;
grant insert (id, product_id, variant_id, media_id, position, alt),
      update (variant_id, media_id, position, alt), delete on public.product_images to authenticated;

alter table public.product_documents enable row level security;
create policy select_visible_product on public.product_documents for select to anon, authenticated
    using (exists (select 1 from public.products p where p.id = product_id));
create policy all_admin on public.product_documents for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.product_documents to anon, authenticated;
grant insert (id, product_id, media_id, kind, title, language, position),
      update (media_id, kind, title, language, position), delete
    on public.product_documents to authenticated;

-- offers: active offers of active vendors on listed variants (active, of an active product)
-- are public: an unreleased product's offers and prices are not; a vendor's staff manage
-- its own.
alter table public.offers enable row level security;
create policy select_active on public.offers for select to anon, authenticated
    using (status = 'active'
           and exists (select 1 from public.vendors v where v.id = vendor_id and v.status = 'active')
           and private.variant_is_listed(variant_id));
create policy select_vendor_staff on public.offers for select to authenticated
    using (vendor_id = (select private.current_vendor_id()));
create policy insert_vendor_staff on public.offers for insert to authenticated
    with check (vendor_id = (select private.current_vendor_id()));
create policy update_vendor_staff on public.offers for update to authenticated
    using (vendor_id = (select private.current_vendor_id()))
    with check (vendor_id = (select private.current_vendor_id()));
create policy delete_vendor_staff on public.offers for delete to authenticated
    using (vendor_id = (select private.current_vendor_id()));
create policy all_admin on public.offers for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.offers to anon, authenticated;
grant insert (id, vendor_id, variant_id, condition, price, currency, status, min_order_qty, pack_size)
    on public.offers to authenticated;
grant update (condition, price, currency, status, min_order_qty, pack_size) on public.offers to authenticated;
grant delete on public.offers to authenticated;

-- media_objects: the store's files are public; a vendor's uploads are its staff's.
alter table public.media_objects enable row level security;
create policy select_store_media on public.media_objects for select to anon, authenticated
    using (vendor_id is null);
create policy select_vendor_staff on public.media_objects for select to authenticated
    using (vendor_id = (select private.current_vendor_id()));
create policy insert_vendor_staff on public.media_objects for insert to authenticated
    with check (vendor_id = (select private.current_vendor_id()));
create policy update_vendor_staff on public.media_objects for update to authenticated
    using (vendor_id = (select private.current_vendor_id()))
    with check (vendor_id = (select private.current_vendor_id()));
create policy delete_vendor_staff on public.media_objects for delete to authenticated
    using (vendor_id = (select private.current_vendor_id()));
create policy all_admin on public.media_objects for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.media_objects to anon, authenticated;
grant insert (id, bucket, key, content_type, bytes, sha256, width, height, placeholder, source_url,
              kind, vendor_id) on public.media_objects to authenticated;
grant update (content_type, width, height, placeholder) on public.media_objects to authenticated;
grant delete on public.media_objects to authenticated;

-- What anyone may know about stock: how many units of a variant are available across the
-- active offers of active vendors, never per location or per vendor.
create or replace view public.variant_availability
with (security_barrier = true) as
select l.variant_id, sum(l.available)::bigint as available
from public.stock_levels l
join public.stock_locations sl on sl.id = l.location_id and sl.active
join public.vendors v on v.id = l.vendor_id and v.status = 'active'
where exists (select 1 from public.offers o where o.vendor_id = l.vendor_id
                and o.variant_id = l.variant_id and o.status = 'active')
group by l.variant_id;
comment on view public.variant_availability is
    'Units available per variant across active offers (no per-location or per-vendor detail).';
-- (a view gets Supabase's default privileges, ALL, when it is created: take them back)
revoke all on public.variant_availability from public, anon, authenticated;
grant select on public.variant_availability to anon, authenticated;
