-- Inventory belongs to the vendor (vendor_id on every row). Its staff read it; quantities
-- change only through the stock functions (the inventory issue), never by direct writes.
-- Anyone else learns only availability per variant (public.variant_availability).

alter table public.stock_locations enable row level security;
create policy select_vendor_staff on public.stock_locations for select to authenticated
    using (vendor_id = (select private.current_vendor_id()));
create policy insert_vendor_manager on public.stock_locations for insert to authenticated
    with check ((select private.is_vendor_manager(vendor_id)));
create policy update_vendor_manager on public.stock_locations for update to authenticated
    using ((select private.is_vendor_manager(vendor_id)))
    with check ((select private.is_vendor_manager(vendor_id)));
create policy delete_vendor_manager on public.stock_locations for delete to authenticated
    using ((select private.is_vendor_manager(vendor_id)));
create policy all_admin on public.stock_locations for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.stock_locations to authenticated;
grant insert (id, vendor_id, name, code, priority, active, country) on public.stock_locations to authenticated;
grant update (name, code, priority, active, country) on public.stock_locations to authenticated;
grant delete on public.stock_locations to authenticated;

alter table public.stock_levels enable row level security;
create policy select_vendor_staff on public.stock_levels for select to authenticated
    using (vendor_id = (select private.current_vendor_id()));
create policy select_admin on public.stock_levels for select to authenticated
    using ((select private.is_admin()));
grant select on public.stock_levels to authenticated;

alter table public.stock_movements enable row level security;
create policy select_vendor_staff on public.stock_movements for select to authenticated
    using (vendor_id = (select private.current_vendor_id()));
create policy select_admin on public.stock_movements for select to authenticated
    using ((select private.is_admin()));
grant select on public.stock_movements to authenticated;

-- reservations: the vendor's staff, and the buyer whose cart or order holds them
alter table public.stock_reservations enable row level security;
create policy select_vendor_staff on public.stock_reservations for select to authenticated
    using (vendor_id = (select private.current_vendor_id()));
create policy select_holder on public.stock_reservations for select to authenticated
    using ((holder_type = 'cart' and exists (select 1 from public.carts c where c.id = holder_id))
           or (holder_type = 'order' and exists (select 1 from public.orders o where o.id = holder_id)));
create policy select_admin on public.stock_reservations for select to authenticated
    using ((select private.is_admin()));
grant select on public.stock_reservations to authenticated;

alter table public.stock_alerts enable row level security;
create policy select_vendor_staff on public.stock_alerts for select to authenticated
    using (vendor_id = (select private.current_vendor_id()));
create policy update_vendor_staff on public.stock_alerts for update to authenticated
    using (vendor_id = (select private.current_vendor_id()))
    with check (vendor_id = (select private.current_vendor_id())
                and acknowledged_by = (select private.current_user_id()));
create policy all_admin on public.stock_alerts for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.stock_alerts to authenticated;
grant update (acknowledged_by, acknowledged_at) on public.stock_alerts to authenticated;

alter table public.stock_counts enable row level security;
create policy select_vendor_staff on public.stock_counts for select to authenticated
    using (vendor_id = (select private.current_vendor_id()));
create policy insert_vendor_staff on public.stock_counts for insert to authenticated
    with check (vendor_id = (select private.current_vendor_id()) and status = 'open');
create policy update_vendor_staff on public.stock_counts for update to authenticated
    using (vendor_id = (select private.current_vendor_id()) and status = 'open')
    with check (vendor_id = (select private.current_vendor_id()));
create policy all_admin on public.stock_counts for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.stock_counts to authenticated;
grant insert (id, vendor_id, location_id, note, opened_by) on public.stock_counts to authenticated;
grant update (note) on public.stock_counts to authenticated;

alter table public.stock_count_lines enable row level security;
create policy select_vendor_staff on public.stock_count_lines for select to authenticated
    using (vendor_id = (select private.current_vendor_id()));
create policy update_vendor_staff on public.stock_count_lines for update to authenticated
    using (vendor_id = (select private.current_vendor_id()))
    with check (vendor_id = (select private.current_vendor_id()));
create policy all_admin on public.stock_count_lines for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.stock_count_lines to authenticated;
grant update (counted, counted_by, counted_at) on public.stock_count_lines to authenticated;
