-- Requests for quote: the account's members read them; owners and buyers draft, submit,
-- accept or reject; the account's rep (or the assigned rep) quotes. Who may make which
-- status move is checked by private.tg_rfqs__before.

-- private.tg_rfqs__before runs as the writer: buyers number their drafts, buyers and reps
-- move the status, through these.
grant execute on function private.next_document_number(text, timestamptz),
    private.rfq_transition_allowed(text, text) to authenticated, service_role;

alter table public.rfqs enable row level security;
create policy select_member_or_rep on public.rfqs for select to authenticated
    using (account_id = any ((select private.visible_account_ids())::uuid[])
           or assigned_rep_id = (select private.current_user_id()));
create policy insert_buyer on public.rfqs for insert to authenticated
    with check (account_id = any ((select private.buyer_account_ids())::uuid[])
                and requester_id = (select private.current_user_id()));
create policy update_buyer_or_rep on public.rfqs for update to authenticated
    using (account_id = any ((select private.buyer_account_ids())::uuid[])
           or account_id = any ((select private.rep_account_ids())::uuid[])
           or assigned_rep_id = (select private.current_user_id()))
    with check (account_id = any ((select private.buyer_account_ids())::uuid[])
                or account_id = any ((select private.rep_account_ids())::uuid[])
                or assigned_rep_id = (select private.current_user_id()));
create policy delete_draft_requester on public.rfqs for delete to authenticated
    using (status = 'draft' and requester_id = (select private.current_user_id()));
create policy all_admin on public.rfqs for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.rfqs to authenticated;
grant insert (id, account_id, requester_id, priority, needed_by, currency, notes)
    on public.rfqs to authenticated;
grant update (status, priority, needed_by, notes, expires_at, assigned_rep_id) on public.rfqs to authenticated;
grant delete on public.rfqs to authenticated;

create or replace function private.can_see_rfq(p_rfq_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
    select exists (select 1 from public.rfqs r where r.id = p_rfq_id
        and (r.account_id = any (private.visible_account_ids())
             or r.assigned_rep_id = private.current_user_id()))
$$;
revoke all on function private.can_see_rfq(uuid) from public;
grant execute on function private.can_see_rfq(uuid) to authenticated, service_role;

-- Who may write an RFQ's items: the account's buyers (owner/buyer members), the account's
-- rep and the assigned rep. Viewers only read. What each may change is checked by
-- private.tg_rfq_items__guard (buyers: drafts; reps: quoted prices and lead times).
create or replace function private.can_work_on_rfq(p_rfq_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
    select exists (select 1 from public.rfqs r where r.id = p_rfq_id
        and (r.account_id = any (private.buyer_account_ids())
             or r.account_id = any (private.rep_account_ids())
             or r.assigned_rep_id = private.current_user_id()))
$$;
revoke all on function private.can_work_on_rfq(uuid) from public;
grant execute on function private.can_work_on_rfq(uuid) to authenticated, service_role;

alter table public.rfq_items enable row level security;
create policy select_rfq_visible on public.rfq_items for select to authenticated
    using ((select private.can_see_rfq(rfq_id)));
create policy insert_rfq_worker on public.rfq_items for insert to authenticated
    with check ((select private.can_work_on_rfq(rfq_id)));
create policy update_rfq_worker on public.rfq_items for update to authenticated
    using ((select private.can_work_on_rfq(rfq_id)))
    with check ((select private.can_work_on_rfq(rfq_id)));
create policy delete_rfq_worker on public.rfq_items for delete to authenticated
    using ((select private.can_work_on_rfq(rfq_id)));
create policy all_admin on public.rfq_items for all to authenticated
    using ((select private.is_admin())) with check ((select private.is_admin()));
grant select on public.rfq_items to authenticated;
grant insert (id, rfq_id, variant_id, quantity, target_price, note) on public.rfq_items to authenticated;
grant update (quantity, target_price, note, quoted_price, lead_time_days) on public.rfq_items to authenticated;
grant delete on public.rfq_items to authenticated;

alter table public.rfq_events enable row level security;
create policy select_rfq_visible on public.rfq_events for select to authenticated
    using ((select private.can_see_rfq(rfq_id)));
create policy insert_comment on public.rfq_events for insert to authenticated
    with check (kind = 'comment' and actor_id = (select private.current_user_id())
                and (select private.can_see_rfq(rfq_id)));
create policy select_admin on public.rfq_events for select to authenticated
    using ((select private.is_admin()));
grant select on public.rfq_events to authenticated;
grant insert (rfq_id, kind, actor_id, note) on public.rfq_events to authenticated;
