-- Who the caller is, as the DATABASE knows it. The claims only say who is calling (sub);
-- role, vendor and account memberships are read from public.users and
-- public.account_members, so a demotion or removal takes effect at once, not when a
-- token expires. SECURITY DEFINER: they read across RLS, and return only facts about the
-- caller. Policies wrap them as (select private.fn()) so they run once per statement.

create or replace function private.current_app_role()
returns text
language sql
stable
security definer
set search_path = ''
as $$
    select case private.current_jwt_role()
        when 'service_role' then 'service'
        when 'authenticated' then coalesce(
            (select u.role from public.users u where u.id = private.current_user_id()),
            'customer')
        else 'anon'
    end
$$;

comment on function private.current_app_role() is
    'customer, vendor, rep or admin (public.users.role; customer when the user has no row yet), '
    'service for service_role, anon otherwise.';

create or replace function private.is_admin()
returns boolean
language sql
stable
set search_path = ''
as $$
    select private.current_app_role() = 'admin'
$$;

create or replace function private.current_vendor_id()
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
    select u.vendor_id from public.users u
    where u.id = private.current_user_id() and u.role = 'vendor'
$$;

comment on function private.current_vendor_id() is
    'The vendor the caller works for (NULL when not vendor staff).';

create or replace function private.is_vendor_manager(p_vendor_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
    select exists (
        select 1 from public.users u
        where u.id = private.current_user_id() and u.role = 'vendor'
          and u.vendor_id = p_vendor_id and u.vendor_role in ('owner', 'manager'))
$$;

create or replace function private.member_account_ids()
returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
    select coalesce(array_agg(m.account_id), '{}')
    from public.account_members m
    where m.user_id = private.current_user_id()
$$;

comment on function private.member_account_ids() is
    'The accounts the caller is a member of (any member role).';

create or replace function private.buyer_account_ids()
returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
    select coalesce(array_agg(m.account_id), '{}')
    from public.account_members m
    where m.user_id = private.current_user_id() and m.role in ('owner', 'buyer')
$$;

comment on function private.buyer_account_ids() is
    'The accounts the caller may buy for (member role owner or buyer; viewers only read).';

create or replace function private.owner_account_ids()
returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
    select coalesce(array_agg(m.account_id), '{}')
    from public.account_members m
    where m.user_id = private.current_user_id() and m.role = 'owner'
$$;

create or replace function private.rep_account_ids()
returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
    select coalesce(array_agg(a.id), '{}')
    from public.accounts a
    where a.rep_id = private.current_user_id()
      and private.current_app_role() = 'rep'
$$;

comment on function private.rep_account_ids() is
    'The accounts assigned to the caller as their rep.';

create or replace function private.visible_account_ids()
returns uuid[]
language sql
stable
set search_path = ''
as $$
    select private.member_account_ids() || private.rep_account_ids()
$$;

create or replace function private.visible_user_ids()
returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
    -- colleagues at the same vendor, fellow members of one's accounts, the members of a
    -- rep's accounts, and the rep of one's accounts
    select coalesce(array_agg(distinct x.id), '{}') from (
        select u.id from public.users u
        where u.vendor_id = private.current_vendor_id()
        union all
        select m.user_id from public.account_members m
        where m.account_id = any (private.visible_account_ids())
        union all
        select a.rep_id from public.accounts a
        where a.id = any (private.member_account_ids()) and a.rep_id is not null
    ) x
$$;

-- ------------------------------------------------------------------ generic triggers
create or replace function private.tg__set_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
    new.updated_at := now();
    return new;
end
$$;

create or replace function private.tg__append_only()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
    -- Deleting the parent may cascade (trigger depth > 1); nothing else may change a row.
    if tg_op = 'DELETE' and pg_trigger_depth() > 1 then
        return old;
    end if;
    raise exception 'append_only'
        using errcode = 'P0001',
              detail = json_build_object('table', tg_table_name,
                  'message', tg_table_name || ' is append-only: rows can''t be changed or deleted')::text;
end
$$;

-- Human document numbers, sequential per prefix and year, without gaps:
-- EM-2026-000001. One counter row per prefix and year (row lock until commit).
create or replace function private.next_document_number(p_prefix text, p_at timestamptz)
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
    v_year integer := extract(year from p_at at time zone 'UTC')::integer;
    v_last bigint;
begin
    insert into private.document_counters as c (prefix, year, last_value)
    values (p_prefix, v_year, 1)
    on conflict (prefix, year) do update set last_value = c.last_value + 1
    returning c.last_value into v_last;
    return format('%s-%s-%s', p_prefix, v_year, lpad(v_last::text, 6, '0'));
end
$$;

-- The audit trail: one row per changed business row, with the changed columns.
create or replace function private.tg__audit()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
    v_old jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
    v_new jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
    v_row jsonb := coalesce(v_new, v_old);
    v_key jsonb := '{}';
    v_changed jsonb := '{}';
    v_col text;
begin
    foreach v_col in array tg_argv loop
        v_key := v_key || jsonb_build_object(v_col, v_row -> v_col);
    end loop;
    select coalesce(jsonb_object_agg(k, jsonb_build_array(v_old -> k, v_new -> k)), '{}')
      into v_changed
      from jsonb_object_keys(v_row) as k
     where k not in ('updated_at', 'search')
       and (v_old -> k) is distinct from (v_new -> k);
    if tg_op = 'UPDATE' and v_changed = '{}' then
        return null;
    end if;
    insert into public.audit_log (table_name, row_key, action, changed, actor_id, actor_role,
                                  txid, at)
    values (tg_table_name, v_key, lower(tg_op), v_changed, private.current_user_id(),
            -- current_user is this function's owner here; the caller's role is the GUC.
            case when current_setting('role') in ('anon', 'authenticated', 'service_role')
                 then private.current_app_role() else session_user::text end,
            txid_current(), now());
    return null;
end
$$;

-- Columns only admins (or service work, or the owner outside any persona) may set.
create or replace function private.tg__admin_only_columns()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
    v_col text;
    v_old jsonb := case when tg_op = 'UPDATE' then to_jsonb(old) else '{}' end;
    v_new jsonb := to_jsonb(new);
begin
    if current_user not in ('anon', 'authenticated') or private.is_admin() then
        return new;
    end if;
    foreach v_col in array tg_argv loop
        if tg_op = 'UPDATE' and (v_old -> v_col) is distinct from (v_new -> v_col) then
            raise exception 'permission_denied'
                using errcode = 'P0001',
                      detail = json_build_object('table', tg_table_name, 'column', v_col,
                          'message', 'only an admin may change ' || tg_table_name || '.' || v_col)::text;
        end if;
    end loop;
    return new;
end
$$;

revoke all on function private.current_app_role() from public;
revoke all on function private.is_admin() from public;
revoke all on function private.current_vendor_id() from public;
revoke all on function private.is_vendor_manager(uuid) from public;
revoke all on function private.member_account_ids() from public;
revoke all on function private.buyer_account_ids() from public;
revoke all on function private.owner_account_ids() from public;
revoke all on function private.rep_account_ids() from public;
revoke all on function private.visible_account_ids() from public;
revoke all on function private.visible_user_ids() from public;
revoke all on function private.next_document_number(text, timestamptz) from public;
grant execute on function private.current_app_role() to anon, authenticated, service_role;
grant execute on function private.is_admin() to anon, authenticated, service_role;
grant execute on function private.current_vendor_id() to anon, authenticated, service_role;
grant execute on function private.is_vendor_manager(uuid) to anon, authenticated, service_role;
grant execute on function private.member_account_ids() to anon, authenticated, service_role;
grant execute on function private.buyer_account_ids() to anon, authenticated, service_role;
grant execute on function private.owner_account_ids() to anon, authenticated, service_role;
grant execute on function private.rep_account_ids() to anon, authenticated, service_role;
grant execute on function private.visible_account_ids() to anon, authenticated, service_role;
grant execute on function private.visible_user_ids() to anon, authenticated, service_role;
