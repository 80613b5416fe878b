-- Helpers that read who is calling from the per-transaction JWT claims, exactly as
-- PostgREST/Supabase set them: set_config('request.jwt.claims', <json>, true).
-- They live in `private` (never exposed over an API). Policies call them wrapped as
-- (select private.fn()) so PostgreSQL evaluates them once per statement, not per row.

create or replace function private.current_claims()
returns jsonb
language sql
stable
parallel safe
set search_path = ''
as $$
    select coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb
$$;

comment on function private.current_claims() is
    'The verified JWT claims of the current transaction ({} when none were set).';

create or replace function private.current_user_id()
returns uuid
language sql
stable
parallel safe
set search_path = ''
as $$
    select case
        when private.current_claims() ->> 'sub'
             ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        then (private.current_claims() ->> 'sub')::uuid
    end
$$;

comment on function private.current_user_id() is
    'The caller''s user id (claim sub), or NULL for anon and for a sub that is not a uuid.';

create or replace function private.current_jwt_role()
returns text
language sql
stable
parallel safe
set search_path = ''
as $$
    select coalesce(private.current_claims() ->> 'role', 'anon')
$$;

comment on function private.current_jwt_role() is
    'The database role the token asks for: anon, authenticated or service_role.';

revoke all on function private.current_claims() from public;
revoke all on function private.current_user_id() from public;
revoke all on function private.current_jwt_role() from public;
grant execute on function private.current_claims() to anon, authenticated, service_role;
grant execute on function private.current_user_id() to anon, authenticated, service_role;
grant execute on function private.current_jwt_role() to anon, authenticated, service_role;
