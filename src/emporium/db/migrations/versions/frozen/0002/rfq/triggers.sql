-- RFQs: a human number, a status machine that also says WHO may make each move, and an
-- event for every transition.
--   draft -> submitted              the account's buyers (owner/buyer members)
--   submitted -> quoted, quoted -> quoted (revised)   the account's rep or the assigned rep
--   quoted -> accepted | rejected   the account's buyers
--   submitted | quoted -> expired   service work (the expiry sweep) or an admin
--   accepted -> converted           service work (quote-to-order), once
-- Admins and service work may make any legal move; no one may make an illegal one.

create or replace function private.rfq_transition_allowed(p_from text, p_to text)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
    select (p_from, p_to) in (
        ('draft', 'submitted'), ('submitted', 'quoted'), ('quoted', 'quoted'),
        ('quoted', 'accepted'), ('quoted', 'rejected'), ('submitted', 'expired'),
        ('quoted', 'expired'), ('accepted', 'converted'))
$$;

create or replace function private.tg_rfqs__before()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
    v_persona text := case when current_user in ('anon', 'authenticated')
                           then private.current_app_role() else 'service' end;
    -- (coalesce: with no assigned rep the comparison is NULL, and NULL must not let anyone in)
    v_is_buyer boolean := coalesce(new.account_id = any (private.buyer_account_ids()), false);
    v_is_rep boolean := coalesce(new.account_id = any (private.rep_account_ids())
                                 or new.assigned_rep_id = private.current_user_id(), false);
begin
    if tg_op = 'INSERT' then
        if new.number is null or new.number = '' then
            new.number := private.next_document_number('RFQ', now());
        end if;
        if v_persona not in ('admin', 'service') and new.status <> 'draft' then
            raise exception 'illegal_status_transition'
                using errcode = 'P0001',
                      detail = json_build_object('entity', 'rfq',
                          'message', 'a request for quote starts as a draft')::text;
        end if;
        return new;
    end if;
    if new.status is not distinct from old.status then
        if v_persona not in ('admin', 'service') and old.status not in ('draft', 'submitted', 'quoted') then
            raise exception 'rfq_closed'
                using errcode = 'P0001',
                      detail = json_build_object('id', old.id, 'status', old.status,
                          'message', format('a %s request for quote can''t be edited', old.status))::text;
        end if;
        return new;
    end if;
    if not private.rfq_transition_allowed(old.status, new.status) then
        raise exception 'illegal_status_transition'
            using errcode = 'P0001',
                  detail = json_build_object('entity', 'rfq', 'id', old.id, 'from', old.status,
                      'to', new.status,
                      'message', format('a request for quote can''t go from %s to %s',
                                        old.status, new.status))::text;
    end if;
    if v_persona not in ('admin', 'service') and not (
        (new.status in ('submitted', 'accepted', 'rejected') and v_is_buyer)
        or (new.status = 'quoted' and v_is_rep)) then
        raise exception 'permission_denied'
            using errcode = 'P0001',
                  detail = json_build_object('entity', 'rfq', 'from', old.status, 'to', new.status,
                      'message', format('you may not move this request for quote from %s to %s',
                                        old.status, new.status))::text;
    end if;
    case new.status
        when 'submitted' then new.submitted_at := now();
        when 'quoted' then new.quoted_at := now();
        when 'accepted', 'rejected', 'expired' then new.decided_at := now();
        else null;
    end case;
    return new;
end
$$;

create or replace function private.tg_rfqs__events()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
    if tg_op = 'INSERT' or new.status is distinct from old.status then
        insert into public.rfq_events (rfq_id, kind, from_status, to_status, actor_id)
        values (new.id, 'status_change', case when tg_op = 'UPDATE' then old.status end,
                new.status, private.current_user_id());
    end if;
    return null;
end
$$;

-- Buyers edit what they ask for; reps edit what they quote. Neither edits the other's part.
create or replace function private.tg_rfq_items__guard()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
    v_rfq record;
    v_row record := case when tg_op = 'DELETE' then old else new end;
begin
    if current_user not in ('anon', 'authenticated') or private.is_admin() then
        return v_row;
    end if;
    select r.account_id, r.status, r.assigned_rep_id into v_rfq
    from public.rfqs r where r.id = v_row.rfq_id;
    if v_rfq.account_id = any (private.buyer_account_ids()) then
        if v_rfq.status <> 'draft' then
            raise exception 'rfq_closed'
                using errcode = 'P0001',
                      detail = json_build_object('status', v_rfq.status,
                          'message', 'items can be changed only while the request is a draft')::text;
        end if;
        if tg_op <> 'DELETE' and (new.quoted_price is not null or new.lead_time_days is not null) then
            raise exception 'permission_denied'
                using errcode = 'P0001',
                      detail = json_build_object('message', 'only the rep sets quoted prices')::text;
        end if;
        return v_row;
    end if;
    -- not a buyer: only the account's rep or the assigned rep (members who only view
    -- the account see its requests but change nothing)
    if not coalesce(v_rfq.account_id = any (private.rep_account_ids())
                    or v_rfq.assigned_rep_id = private.current_user_id(), false) then
        raise exception 'permission_denied'
            using errcode = 'P0001',
                  detail = json_build_object('message',
                      'only the account''s buyers and its rep may change a request''s items')::text;
    end if;
    -- the rep: may set quoted_price and lead_time_days while submitted or quoted, nothing else
    if tg_op <> 'UPDATE' or v_rfq.status not in ('submitted', 'quoted')
       or (new.variant_id, new.quantity, new.target_price, new.rfq_id)
          is distinct from (old.variant_id, old.quantity, old.target_price, old.rfq_id) then
        raise exception 'permission_denied'
            using errcode = 'P0001',
                  detail = json_build_object('message',
                      'a rep quotes prices and lead times on a submitted request, nothing else')::text;
    end if;
    return new;
end
$$;
