-- People and organisations. Admins may do everything (all_admin); service_role bypasses RLS.

-- vendors: anyone sees active vendors; staff see their own in any status; managers edit
-- their own vendor's profile (status, commission, house flag and slug are admin-only).
alter table public.vendors enable row level security;
create policy select_active on public.vendors for select to anon, authenticated
    using (status = 'active');
create policy select_vendor_staff on public.vendors for select to authenticated
    using (id = (select private.current_vendor_id()));
create policy update_vendor_manager on public.vendors for update to authenticated
    using ((select private.is_vendor_manager(id))) with check ((select private.is_vendor_manager(id)));
create policy all_admin on public.vendors for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
-- Commercial terms and contacts are not public: anon and authenticated read only the
-- storefront columns; staff and admins read the rest through public.vendor_settings.
grant select (id, name, slug, status, is_house, country, default_currency, ships_within_days,
              accepts_returns, created_at, updated_at) on public.vendors to anon, authenticated;
grant insert (id, name, slug, status, commission_rate, is_house, contact_email, contact_phone,
              country, default_currency, ships_within_days, accepts_returns)
    on public.vendors to authenticated;
grant update (name, slug, status, commission_rate, is_house, contact_email, contact_phone,
              country, default_currency, ships_within_days, accepts_returns)
    on public.vendors to authenticated;
grant delete on public.vendors to authenticated;

create or replace view public.vendor_settings
with (security_barrier = true) as
select v.id, v.name, v.commission_rate, v.contact_email, v.contact_phone
from public.vendors v
where v.id = private.current_vendor_id() or private.is_admin();
comment on view public.vendor_settings is
    'A vendor''s commercial terms and contacts: its own staff and admins only.';
revoke all on public.vendor_settings from public, anon, authenticated;
grant select on public.vendor_settings to authenticated;

-- users: oneself, the people one works with (colleagues, fellow account members, one's
-- rep, a rep's account members). Role, vendor and email changes are admin-only.
alter table public.users enable row level security;
create policy select_own on public.users for select to authenticated
    using (id = (select private.current_user_id()));
create policy select_related on public.users for select to authenticated
    using (id = any ((select private.visible_user_ids())::uuid[]));
create policy insert_own on public.users for insert to authenticated
    with check (id = (select private.current_user_id()));
create policy update_own on public.users for update to authenticated
    using (id = (select private.current_user_id()))
    with check (id = (select private.current_user_id()));
create policy all_admin on public.users for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.users to authenticated;
grant insert (id, email, full_name, phone, role, vendor_id, vendor_role) on public.users to authenticated;
grant update (email, full_name, phone, role, vendor_id, vendor_role) on public.users to authenticated;
grant delete on public.users to authenticated;

-- accounts: members and the account's rep see it; admins manage it.
alter table public.accounts enable row level security;
create policy select_member_or_rep on public.accounts for select to authenticated
    using (id = any ((select private.visible_account_ids())::uuid[]));
create policy all_admin on public.accounts for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.accounts to authenticated;
grant insert (id, name, type, status, tier, credit_limit, currency, payment_terms_days, rep_id,
              shopify_customer_id, legacy_dealer_id, tax_id) on public.accounts to authenticated;
grant update (name, type, status, tier, credit_limit, currency, payment_terms_days, rep_id,
              shopify_customer_id, legacy_dealer_id, tax_id) on public.accounts to authenticated;
grant delete on public.accounts to authenticated;

-- account_members: visible to the account's members and rep; the account's owners manage them.
alter table public.account_members enable row level security;
create policy select_member_or_rep on public.account_members for select to authenticated
    using (account_id = any ((select private.visible_account_ids())::uuid[]));
create policy all_account_owner on public.account_members for all to authenticated
    using (account_id = any ((select private.owner_account_ids())::uuid[]))
    with check (account_id = any ((select private.owner_account_ids())::uuid[]));
create policy all_admin on public.account_members for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.account_members to authenticated;
grant insert (account_id, user_id, role) on public.account_members to authenticated;
grant update (role) on public.account_members to authenticated;
grant delete on public.account_members to authenticated;

-- account_notes: internal notes of the account's rep; members don't see them.
alter table public.account_notes enable row level security;
create policy select_rep on public.account_notes for select to authenticated
    using (account_id = any ((select private.rep_account_ids())::uuid[]));
create policy insert_rep on public.account_notes for insert to authenticated
    with check (account_id = any ((select private.rep_account_ids())::uuid[])
                and author_id = (select private.current_user_id()));
create policy update_author on public.account_notes for update to authenticated
    using (author_id = (select private.current_user_id())
           and account_id = any ((select private.rep_account_ids())::uuid[]))
    with check (author_id = (select private.current_user_id()));
create policy delete_author on public.account_notes for delete to authenticated
    using (author_id = (select private.current_user_id())
           and account_id = any ((select private.rep_account_ids())::uuid[]));
create policy all_admin on public.account_notes for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.account_notes to authenticated;
grant insert (account_id, author_id, body) on public.account_notes to authenticated;
grant update (body) on public.account_notes to authenticated;
grant delete on public.account_notes to authenticated;

-- addresses: a user's own, and an account's (members read, buyers write, the rep reads).
alter table public.addresses enable row level security;
create policy select_owner on public.addresses for select to authenticated
    using (user_id = (select private.current_user_id())
           or account_id = any ((select private.visible_account_ids())::uuid[]));
create policy insert_owner on public.addresses for insert to authenticated
    with check (user_id = (select private.current_user_id())
                or account_id = any ((select private.buyer_account_ids())::uuid[]));
create policy update_owner on public.addresses for update to authenticated
    using (user_id = (select private.current_user_id())
           or account_id = any ((select private.buyer_account_ids())::uuid[]))
    with check (user_id = (select private.current_user_id())
                or account_id = any ((select private.buyer_account_ids())::uuid[]));
create policy delete_owner on public.addresses for delete to authenticated
    using (user_id = (select private.current_user_id())
           or account_id = any ((select private.buyer_account_ids())::uuid[]));
create policy all_admin on public.addresses for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.addresses to authenticated;
grant insert (id, user_id, account_id, label, recipient, company, line1, line2, city, region,
              postal_code, country, phone, is_default_shipping, is_default_billing)
    on public.addresses to authenticated;
grant update (label, recipient, company, line1, line2, city, region, postal_code, country, phone,
              is_default_shipping, is_default_billing) on public.addresses to authenticated;
grant delete on public.addresses to authenticated;
