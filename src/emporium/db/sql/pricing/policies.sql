-- B2B prices: an account's price lists are seen by that account's members and rep, and by
-- admins; nobody else. Admins manage them. Volume breaks are store-wide rules, shown to
-- members of any account, reps and admins.

create or replace function private.visible_price_list_ids()
returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
    select coalesce(array_agg(distinct apl.price_list_id), '{}')
    from public.account_price_lists apl
    where apl.account_id = any (private.visible_account_ids())
$$;
revoke all on function private.visible_price_list_ids() from public;
grant execute on function private.visible_price_list_ids() to authenticated, service_role;

alter table public.price_lists enable row level security;
create policy select_assigned on public.price_lists for select to authenticated
    using (id = any ((select private.visible_price_list_ids())::uuid[]));
create policy all_admin on public.price_lists for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.price_lists to authenticated;
grant insert (id, name, currency, kind, tier, status, valid_from, valid_to),
      update (name, currency, kind, tier, status, valid_from, valid_to), delete
    on public.price_lists to authenticated;

alter table public.price_list_entries enable row level security;
create policy select_assigned on public.price_list_entries for select to authenticated
    using (price_list_id = any ((select private.visible_price_list_ids())::uuid[]));
create policy all_admin on public.price_list_entries for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.price_list_entries to authenticated;
grant insert (id, price_list_id, variant_id, product_id, min_quantity, price, discount_percent,
              effective_from, effective_to),
      update (min_quantity, price, discount_percent, effective_from, effective_to), delete
    on public.price_list_entries to authenticated;

alter table public.account_price_lists enable row level security;
create policy select_member_or_rep on public.account_price_lists for select to authenticated
    using (account_id = any ((select private.visible_account_ids())::uuid[]));
create policy all_admin on public.account_price_lists for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.account_price_lists to authenticated;
grant insert (account_id, price_list_id, priority), update (priority), delete
    on public.account_price_lists to authenticated;

alter table public.volume_discounts enable row level security;
create policy select_b2b on public.volume_discounts for select to authenticated
    using (cardinality((select private.member_account_ids())) > 0
           or (select private.current_app_role()) = 'rep');
create policy all_admin on public.volume_discounts for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.volume_discounts to authenticated;
grant insert (id, scope, brand_id, category_id, product_id, variant_id, account_tier, min_quantity,
              discount_percent, status, valid_from, valid_to),
      update (account_tier, min_quantity, discount_percent, status, valid_from, valid_to), delete
    on public.volume_discounts to authenticated;
