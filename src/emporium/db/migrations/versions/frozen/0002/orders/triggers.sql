-- Orders: a human number on insert, a status machine on update, and a history row for
-- every transition (who, when). The machine:
--   pending -> confirmed -> paid -> fulfilled -> shipped -> delivered
--   pending | confirmed -> cancelled
--   paid | fulfilled | shipped | delivered -> refunded

create or replace function private.order_transition_allowed(p_from text, p_to text)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
    select (p_from, p_to) in (
        ('pending', 'confirmed'), ('confirmed', 'paid'), ('paid', 'fulfilled'),
        ('fulfilled', 'shipped'), ('shipped', 'delivered'),
        ('pending', 'cancelled'), ('confirmed', 'cancelled'),
        ('paid', 'refunded'), ('fulfilled', 'refunded'), ('shipped', 'refunded'),
        ('delivered', 'refunded'))
$$;

create or replace function private.tg_orders__before()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
    if tg_op = 'INSERT' then
        if new.number is null or new.number = '' then
            new.number := private.next_document_number('EM', coalesce(new.placed_at, now()));
        end if;
    elsif new.status is distinct from old.status
          and not private.order_transition_allowed(old.status, new.status) then
        raise exception 'illegal_status_transition'
            using errcode = 'P0001',
                  detail = json_build_object('entity', 'order', 'id', old.id, 'from', old.status,
                      'to', new.status,
                      'message', format('an order can''t go from %s to %s', old.status,
                                        new.status))::text;
    end if;
    return new;
end
$$;

create or replace function private.tg_orders__history()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
    if tg_op = 'INSERT' or new.status is distinct from old.status then
        insert into public.order_status_history (order_id, from_status, to_status, actor_id, note)
        values (new.id, case when tg_op = 'UPDATE' then old.status end, new.status,
                private.current_user_id(),
                nullif(current_setting('emporium.status_note', true), ''));
    end if;
    return null;
end
$$;
