-- The audit log: written only by private.tg__audit (SECURITY DEFINER); read by admins.
-- No role is granted UPDATE or DELETE: only the table's owner can change history.
alter table public.audit_log enable row level security;
create policy select_admin on public.audit_log for select to authenticated
    using ((select private.is_admin()));
grant select on public.audit_log to authenticated;
