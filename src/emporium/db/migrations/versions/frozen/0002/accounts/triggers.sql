-- An account's rep must be a user whose role is rep.
create or replace function private.tg_accounts__rep_is_rep()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
    if new.rep_id is not null
       and not exists (select 1 from public.users u where u.id = new.rep_id and u.role = 'rep') then
        raise exception 'invalid_input'
            using errcode = 'P0001',
                  detail = json_build_object('field', 'rep_id', 'value', new.rep_id,
                      'message', 'the rep of an account must be a user with the role rep')::text;
    end if;
    return new;
end
$$;

-- A user may create their own row only as a plain customer; role and vendor membership
-- are set by admins (or service work).
create or replace function private.tg_users__self_insert()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
    if current_user in ('anon', 'authenticated') and not private.is_admin()
       and (new.role <> 'customer' or new.vendor_id is not null) then
        raise exception 'permission_denied'
            using errcode = 'P0001',
                  detail = json_build_object('message',
                      'only an admin may create users with a role other than customer')::text;
    end if;
    return new;
end
$$;
