-- The standalone credential store (private.credentials, private.refresh_tokens).
-- Only the server's auth endpoints touch it, as service_role (which bypasses RLS).
-- A signed-in user may read their own non-secret columns; nobody else sees anything.

alter table private.credentials enable row level security;
alter table private.refresh_tokens enable row level security;

drop policy if exists select_own on private.credentials;
create policy select_own on private.credentials
    for select to authenticated
    using (user_id = (select private.current_user_id()));

drop policy if exists select_own on private.refresh_tokens;
create policy select_own on private.refresh_tokens
    for select to authenticated
    using (user_id = (select private.current_user_id()));

revoke all on private.credentials, private.refresh_tokens from public, anon, authenticated;
grant select (user_id, email, app_role, created_at, updated_at) on private.credentials to authenticated;
grant select (id, user_id, session_id, issued_at, expires_at, revoked_at, revoked_reason) on private.refresh_tokens to authenticated;
grant select, insert, update, delete on private.credentials, private.refresh_tokens to service_role;
grant usage on sequence private.refresh_tokens_id_seq to service_role;
