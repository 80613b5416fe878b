-- Compatibility views: the legacy names and columns over the new data, so legacy readers
-- keep working during the phased rollout. Where emporium now owns the name (users,
-- products, orders, order_items) the view is <name>_legacy. Reads see current data; writes
-- are refused with a message that says where to write now. The views are for the legacy
-- backend's service connection (service_role and the owner), not for API clients: they
-- read the migration's own schema for legacy ids, which clients can't see.

create or replace function reorg.tg_compat__read_only()
returns trigger
language plpgsql
as $$
begin
    raise exception 'legacy_view_read_only'
        using errcode = 'P0001',
              detail = json_build_object(
                  'view', tg_table_schema || '.' || tg_table_name,
                  'write_to', tg_argv[0],
                  'message', format('%s.%s is a read-only view of the legacy shape since the '
                                    'reorganization; write to %s instead',
                                    tg_table_schema, tg_table_name, tg_argv[0]))::text;
end
$$;

create or replace view public.sneakers as
select (select min(m.legacy_key::integer) from reorg.legacy_row_map m
        where m.target_table = 'offers' and m.target_id = o.id::text
          and m.legacy_table = 'sneakers') as id,
       p.title as name,
       b.name as brand,
       p.style_code,
       v.size_label as size,
       to_char(o.price, 'FM999999999990.00') as price,
       coalesce((select sum(l.on_hand - l.reserved)::integer from public.stock_levels l
                 where l.vendor_id = o.vendor_id and l.variant_id = o.variant_id), 0) as quantity,
       o.condition,
       (select m.source_url from public.product_images i join public.media_objects m
          on m.id = i.media_id
        where i.product_id = p.id and m.source_url is not null
        order by i.position limit 1) as image_url,
       (select u.id from public.users u where u.vendor_id = o.vendor_id
        order by u.vendor_role = 'owner' desc, u.created_at, u.id limit 1) as seller_id,
       o.created_at::timestamp as created_at,
       o.updated_at::timestamp as updated_at
from public.offers o
join public.product_variants v on v.id = o.variant_id
join public.products p on p.id = v.product_id
left join public.brands b on b.id = p.brand_id
where exists (select 1 from reorg.legacy_row_map m
              where m.target_table = 'offers' and m.target_id = o.id::text
                and m.legacy_table = 'sneakers');

create or replace view public.users_legacy as
select u.id, u.email, u.full_name, u.role,
       (select vd.name from public.vendors vd where vd.id = u.vendor_id) as store_name,
       u.phone, u.created_at
from public.users u;

create or replace view public.products_legacy as
select p.id, p.source_id as kicksdb_id, p.title, b.name as brand, p.model,
       p.style_code as sku, p.slug, p.retail_price::numeric as retail_price,
       to_char(p.release_date, 'YYYY-MM-DD') as release_date,
       (select m.source_url from public.product_images i join public.media_objects m
          on m.id = i.media_id
        where i.product_id = p.id and m.source_url is not null
        order by i.position limit 1) as image,
       (select jsonb_agg(m.source_url order by i.position) from public.product_images i
          join public.media_objects m on m.id = i.media_id
        where i.product_id = p.id and m.source_url is not null) as gallery,
       (select jsonb_agg(jsonb_build_object(
                   'size', coalesce(v.size_label, ''),
                   'price', (select o.price from public.offers o join public.vendors h
                               on h.id = o.vendor_id and h.is_house
                             where o.variant_id = v.id order by o.condition limit 1),
                   'stock', (select coalesce(sum(l.on_hand - l.reserved), 0) from public.stock_levels l
                             join public.vendors h on h.id = l.vendor_id and h.is_house
                             where l.variant_id = v.id))
                   order by v.size_us nulls last, v.size_label)
        from public.product_variants v where v.product_id = p.id and v.status = 'active')
           as variants,
       p.source_payload as raw,
       p.created_at
from public.products p
left join public.brands b on b.id = p.brand_id;

create or replace view public.orders_legacy as
select o.legacy_id as id, o.user_id, o.status,
       to_char(o.grand_total, 'FM999999999990.00') as total,
       case when o.shipping_address ? 'text' and (select count(*) from jsonb_object_keys(o.shipping_address)) = 1
            then o.shipping_address ->> 'text' else o.shipping_address::text end as shipping_address,
       o.placed_at as created_at,
       o.id as order_id
from public.orders o;

create or replace view public.order_items_legacy as
select (select min(m.legacy_key::integer) from reorg.legacy_row_map m
        where m.target_table = 'order_items' and m.target_id = i.id::text
          and m.legacy_table = 'order_items') as id,
       o.legacy_id as order_id,
       v.product_id::text as product_ref,
       'products'::text as product_source,
       v.size_label as size,
       i.quantity,
       to_char(i.unit_price, 'FM999999999990.00') as unit_price,
       i.id as order_item_id,
       i.order_id as new_order_id
from public.order_items i
join public.orders o on o.id = i.order_id
join public.product_variants v on v.id = i.variant_id;

create or replace view public.dealers as
select a.legacy_dealer_id as id, a.name as company_name,
       (select u.email from public.account_members am join public.users u on u.id = am.user_id
        where am.account_id = a.id order by am.role = 'owner' desc, am.created_at limit 1)
           as contact_email,
       a.tier,
       null::numeric as discount_pct,
       (select u.email from public.users u where u.id = a.rep_id) as rep_email,
       a.shopify_customer_id,
       a.created_at,
       a.id as account_id
from public.accounts a
where a.type = 'dealer';

create or replace view public.dealer_prices as
select a.legacy_dealer_id as dealer_id,
       coalesce(p.style_code, v.sku) as sku,
       to_char(e.price, 'FM999999999990.00') as price,
       e.min_quantity as min_qty,
       e.id as entry_id
from public.account_price_lists apl
join public.accounts a on a.id = apl.account_id and a.type = 'dealer'
join public.price_list_entries e on e.price_list_id = apl.price_list_id and e.price is not null
left join public.products p on p.id = e.product_id
left join public.product_variants v on v.id = e.variant_id;

do $do$
declare
    v record;
begin
    for v in select * from (values
        ('sneakers', 'public.offers (listings), public.product_variants (sizes) and stock_receive/stock_adjust (quantities)'),
        ('users_legacy', 'public.users'),
        ('products_legacy', 'public.products and public.product_variants'),
        ('orders_legacy', 'public.orders'),
        ('order_items_legacy', 'public.order_items'),
        ('dealers', 'public.accounts (type dealer)'),
        ('dealer_prices', 'public.price_list_entries of the dealer''s contract price list'))
        as t(name, write_to)
    loop
        execute format('drop trigger if exists tg_compat__read_only on public.%I', v.name);
        execute format('create trigger tg_compat__read_only instead of insert or update or delete'
                       ' on public.%I for each row execute function reorg.tg_compat__read_only(%L)',
                       v.name, v.write_to);
        execute format('revoke all on public.%I from public', v.name);
        if exists (select from pg_roles where rolname = 'anon') then
            execute format('revoke all on public.%I from anon, authenticated', v.name);
        end if;
        if exists (select from pg_roles where rolname = 'service_role') then
            execute format('revoke all on public.%I from service_role', v.name);
            execute format('grant select on public.%I to service_role', v.name);
        end if;
        execute format('comment on view public.%I is %L', v.name,
                       'Legacy compatibility view (read-only) from the reorganization; write to '
                       || v.write_to || '. Dropped by `emporium legacy rollback`.');
    end loop;
end
$do$;
