-- Integration bookkeeping is written by service work (service_role bypasses RLS) and read
-- by admins.
alter table public.integration_runs enable row level security;
create policy select_admin on public.integration_runs for select to authenticated
    using ((select private.is_admin()));
grant select on public.integration_runs to authenticated;

alter table public.sync_log enable row level security;
create policy select_admin on public.sync_log for select to authenticated
    using ((select private.is_admin()));
grant select on public.sync_log to authenticated;

alter table public.external_refs enable row level security;
create policy select_admin on public.external_refs for select to authenticated
    using ((select private.is_admin()));
grant select on public.external_refs to authenticated;

alter table public.webhook_receipts enable row level security;
create policy select_admin on public.webhook_receipts for select to authenticated
    using ((select private.is_admin()));
grant select on public.webhook_receipts to authenticated;

alter table public.outbox_events enable row level security;
create policy select_admin on public.outbox_events for select to authenticated
    using ((select private.is_admin()));
grant select on public.outbox_events to authenticated;
