-- Selling. A buyer sees their own carts and orders, and their accounts' (members read,
-- owners and buyers write carts; the account's rep reads). A vendor sees the order items
-- of its offers and, through public.vendor_orders, what it needs to ship them; never the
-- rest of the order. Orders, payments and refunds change only through functions.

create or replace function private.can_edit_cart(p_cart_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
    select exists (
        select 1 from public.carts c
        where c.id = p_cart_id
          and ((c.account_id is null and c.user_id = private.current_user_id())
               or c.account_id = any (private.buyer_account_ids())))
$$;
revoke all on function private.can_edit_cart(uuid) from public;
grant execute on function private.can_edit_cart(uuid) to authenticated, service_role;

create or replace function private.can_see_order(p_order_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
    select exists (
        select 1 from public.orders o
        where o.id = p_order_id
          and (o.user_id = private.current_user_id()
               or o.account_id = any (private.visible_account_ids())))
$$;
revoke all on function private.can_see_order(uuid) from public;
grant execute on function private.can_see_order(uuid) to authenticated, service_role;

-- private.tg_orders__before runs as the writer: service work (integrations importing
-- orders) numbers new orders and moves their status through these.
grant execute on function private.next_document_number(text, timestamptz),
    private.order_transition_allowed(text, text) to service_role;

alter table public.carts enable row level security;
create policy select_owner on public.carts for select to authenticated
    using ((account_id is null and user_id = (select private.current_user_id()))
           or account_id = any ((select private.visible_account_ids())::uuid[]));
create policy insert_owner on public.carts for insert to authenticated
    with check (user_id = (select private.current_user_id())
                and (account_id is null or account_id = any ((select private.buyer_account_ids())::uuid[])));
create policy update_owner on public.carts for update to authenticated
    using ((account_id is null and user_id = (select private.current_user_id()))
           or account_id = any ((select private.buyer_account_ids())::uuid[]))
    with check ((account_id is null and user_id = (select private.current_user_id()))
                or account_id = any ((select private.buyer_account_ids())::uuid[]));
create policy delete_owner on public.carts for delete to authenticated
    using ((account_id is null and user_id = (select private.current_user_id()))
           or account_id = any ((select private.buyer_account_ids())::uuid[]));
create policy all_admin on public.carts for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.carts to authenticated;
grant insert (id, user_id, account_id, status, name, currency) on public.carts to authenticated;
grant update (status, name, currency) on public.carts to authenticated;
grant delete on public.carts to authenticated;

alter table public.cart_items enable row level security;
create policy select_cart_visible on public.cart_items for select to authenticated
    using (exists (select 1 from public.carts c where c.id = cart_id));
create policy insert_cart_editor on public.cart_items for insert to authenticated
    with check ((select private.can_edit_cart(cart_id)));
create policy update_cart_editor on public.cart_items for update to authenticated
    using ((select private.can_edit_cart(cart_id))) with check ((select private.can_edit_cart(cart_id)));
create policy delete_cart_editor on public.cart_items for delete to authenticated
    using ((select private.can_edit_cart(cart_id)));
create policy all_admin on public.cart_items for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.cart_items to authenticated;
grant insert (id, cart_id, offer_id, quantity, note) on public.cart_items to authenticated;
grant update (quantity, note) on public.cart_items to authenticated;
grant delete on public.cart_items to authenticated;

alter table public.orders enable row level security;
create policy select_buyer on public.orders for select to authenticated
    using (user_id = (select private.current_user_id())
           or account_id = any ((select private.visible_account_ids())::uuid[]));
create policy select_admin on public.orders for select to authenticated
    using ((select private.is_admin()));
grant select on public.orders to authenticated;

alter table public.order_items enable row level security;
create policy select_buyer on public.order_items for select to authenticated
    using ((select private.can_see_order(order_id)));
create policy select_vendor_staff on public.order_items for select to authenticated
    using (vendor_id = (select private.current_vendor_id()));
create policy select_admin on public.order_items for select to authenticated
    using ((select private.is_admin()));
grant select on public.order_items to authenticated;

alter table public.order_status_history enable row level security;
create policy select_buyer on public.order_status_history for select to authenticated
    using ((select private.can_see_order(order_id)));
create policy select_admin on public.order_status_history for select to authenticated
    using ((select private.is_admin()));
grant select on public.order_status_history to authenticated;

alter table public.payments enable row level security;
create policy select_buyer on public.payments for select to authenticated
    using ((select private.can_see_order(order_id)));
create policy select_admin on public.payments for select to authenticated
    using ((select private.is_admin()));
grant select on public.payments to authenticated;

alter table public.refunds enable row level security;
create policy select_buyer on public.refunds for select to authenticated
    using ((select private.can_see_order(order_id)));
create policy select_admin on public.refunds for select to authenticated
    using ((select private.is_admin()));
grant select on public.refunds to authenticated;

-- shipments: the shipping vendor's staff create and update them; the buyer reads them.
alter table public.shipments enable row level security;
create policy select_vendor_staff on public.shipments for select to authenticated
    using (vendor_id = (select private.current_vendor_id()));
create policy select_buyer on public.shipments for select to authenticated
    using ((select private.can_see_order(order_id)));
create policy insert_vendor_staff on public.shipments for insert to authenticated
    with check (vendor_id = (select private.current_vendor_id())
                and exists (select 1 from public.order_items oi
                            where oi.order_id = shipments.order_id and oi.vendor_id = shipments.vendor_id));
create policy update_vendor_staff on public.shipments for update to authenticated
    using (vendor_id = (select private.current_vendor_id()))
    with check (vendor_id = (select private.current_vendor_id()));
create policy all_admin on public.shipments for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.shipments to authenticated;
grant insert (id, order_id, vendor_id, location_id, carrier, service, tracking_number, status,
              shipped_at, delivered_at) on public.shipments to authenticated;
grant update (carrier, service, tracking_number, status, shipped_at, delivered_at)
    on public.shipments to authenticated;

alter table public.shipment_items enable row level security;
create policy select_vendor_staff on public.shipment_items for select to authenticated
    using (vendor_id = (select private.current_vendor_id()));
create policy select_buyer on public.shipment_items for select to authenticated
    using (exists (select 1 from public.shipments s where s.id = shipment_id));
create policy insert_vendor_staff on public.shipment_items for insert to authenticated
    with check (vendor_id = (select private.current_vendor_id()));
create policy update_vendor_staff on public.shipment_items for update to authenticated
    using (vendor_id = (select private.current_vendor_id()))
    with check (vendor_id = (select private.current_vendor_id()));
create policy delete_vendor_staff on public.shipment_items for delete to authenticated
    using (vendor_id = (select private.current_vendor_id()));
create policy all_admin on public.shipment_items for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.shipment_items to authenticated;
grant insert (shipment_id, order_item_id, vendor_id, quantity) on public.shipment_items to authenticated;
grant update (quantity) on public.shipment_items to authenticated;
grant delete on public.shipment_items to authenticated;

-- What a vendor needs to ship its items of an order: the order's number, status and
-- shipping address, nothing of other vendors' items or of the order's totals.
create or replace view public.vendor_orders
with (security_barrier = true) as
select o.id, o.number, o.status, o.placed_at, o.shipping_address, o.currency
from public.orders o
where exists (select 1 from public.order_items oi
              where oi.order_id = o.id and oi.vendor_id = private.current_vendor_id());
comment on view public.vendor_orders is
    'Orders that hold items of the caller''s vendor, with only what shipping needs.';
-- The view reads orders as its owner: Supabase's default privileges (ALL on every new
-- view) would let vendor staff update, delete and insert orders through it. Take them back.
revoke all on public.vendor_orders from public, anon, authenticated;
grant select on public.vendor_orders to authenticated;
