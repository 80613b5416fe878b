-- The inventory engine. The ledger (stock_movements) is the truth: a trigger applies each
-- movement to stock_levels.on_hand, and nothing else may change on_hand. Reservations move
-- stock_levels.reserved with one conditional UPDATE per row. Every refusal raises P0001
-- with a stable code and a JSON detail (see docs/inventory.md).

-- ------------------------------------------------------------------------- helpers
create or replace function private.inventory_raise(p_code text, p_detail jsonb)
returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
    raise exception '%', p_code using errcode = 'P0001', detail = p_detail::text;
end
$$;

-- Is the caller service work (service_role, or the owner outside any persona)?
create or replace function private.is_service()
returns boolean
language sql
stable
set search_path = ''
as $$
    select current_setting('role') not in ('anon', 'authenticated')
$$;

-- The vendor of a location the caller may manage (its staff, admins, service), or a refusal.
create or replace function private.managed_location_vendor(p_location_id uuid)
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
    v_vendor uuid;
begin
    select l.vendor_id into v_vendor from public.stock_locations l where l.id = p_location_id;
    if v_vendor is null then
        perform private.inventory_raise('unknown_location',
            jsonb_build_object('location_id', p_location_id,
                               'message', 'no stock location with this id'));
    end if;
    -- coalesce: a caller who is nobody's staff has no vendor (NULL), and "not NULL" would
    -- let them through
    if not (private.is_service() or private.is_admin()
            or coalesce(private.current_vendor_id() = v_vendor, false)) then
        perform private.inventory_raise('permission_denied',
            jsonb_build_object('location_id', p_location_id,
                               'message', 'this location belongs to another vendor'));
    end if;
    return v_vendor;
end
$$;

create or replace function private.assert_variant(p_variant_id uuid)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
    if not exists (select 1 from public.product_variants v where v.id = p_variant_id) then
        perform private.inventory_raise('unknown_variant',
            jsonb_build_object('variant_id', p_variant_id, 'message', 'no variant with this id'));
    end if;
end
$$;

create or replace function private.assert_positive(p_name text, p_value integer)
returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
    if p_value is null or p_value <= 0 then
        perform private.inventory_raise('invalid_quantity',
            jsonb_build_object('field', p_name, 'value', p_value,
                               'message', p_name || ' must be a positive whole number'));
    end if;
end
$$;

-- ------------------------------------------------------------------ the ledger trigger
-- Each movement changes on_hand of its level (created on first movement). A movement that
-- would take on_hand below reserved or below zero fails the level's CHECK: nothing is written.
create or replace function private.tg_stock_movements__apply()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
    -- Update first: INSERT ... ON CONFLICT checks the CHECK on the proposed row (a negative
    -- delta) before it resolves the conflict.
    update public.stock_levels l set on_hand = l.on_hand + new.delta
    where l.location_id = new.location_id and l.variant_id = new.variant_id;
    if not found then
        insert into public.stock_levels as l (location_id, variant_id, vendor_id, on_hand)
        values (new.location_id, new.variant_id, new.vendor_id, new.delta)
        on conflict (location_id, variant_id)
        do update set on_hand = l.on_hand + excluded.on_hand;
    end if;
    return null;
end
$$;

-- on_hand changes only through the ledger (the trigger above runs at depth 2 or more).
create or replace function private.tg_stock_levels__ledger_only()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
    if pg_trigger_depth() < 2 and (
        (tg_op = 'INSERT' and new.on_hand <> 0)
        or (tg_op = 'UPDATE' and new.on_hand is distinct from old.on_hand)) then
        perform private.inventory_raise('ledger_only',
            jsonb_build_object('message',
                'on_hand changes only through stock movements (stock_receive, stock_adjust, ...)'));
    end if;
    return new;
end
$$;

-- --------------------------------------------------------------------------- alerts
-- low_stock: 0 < available <= reorder_point; out_of_stock: available <= 0. Each is opened
-- when its condition starts and resolved when it ends; an oversell_attempt alert is resolved
-- when available stock grows again (a receipt, a release, an expiry). The triggers' WHEN
-- clauses let the function run only when a threshold is crossed or stock grows, so taking
-- a reservation (available shrinks, no threshold crossed) pays nothing for alerts.
create or replace function private.tg_stock_levels__alerts()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
    v_low boolean := new.available > 0 and new.available <= new.reorder_point;
    v_out boolean := new.available <= 0;
begin
    -- A sale (stock_commit) lowers reserved, then on_hand: the first half alone looks like
    -- stock coming back (it would resolve out_of_stock and oversell alerts, and the second
    -- half would open a new out_of_stock). Only the second half, which leaves the level as it
    -- ends up, counts.
    if tg_op = 'UPDATE' and new.on_hand = old.on_hand
       and current_setting('emporium.committing_sale', true) = 'on' then
        return null;
    end if;
    if v_low then
        insert into public.stock_alerts (vendor_id, location_id, variant_id, kind, detail, opened_at)
        values (new.vendor_id, new.location_id, new.variant_id, 'low_stock',
                jsonb_build_object('available', new.available, 'reorder_point', new.reorder_point),
                now())
        on conflict (location_id, variant_id, kind) where resolved_at is null do nothing;
    end if;
    if v_out then
        insert into public.stock_alerts (vendor_id, location_id, variant_id, kind, detail, opened_at)
        values (new.vendor_id, new.location_id, new.variant_id, 'out_of_stock',
                jsonb_build_object('available', new.available), now())
        on conflict (location_id, variant_id, kind) where resolved_at is null do nothing;
    end if;
    if tg_op = 'UPDATE' then
        -- now() is when this transaction began: maybe before a concurrent one opened it
        update public.stock_alerts a set resolved_at = greatest(now(), a.opened_at)
        where a.location_id = new.location_id and a.variant_id = new.variant_id
          and a.resolved_at is null
          and ((a.kind = 'low_stock' and not v_low)
               or (a.kind = 'out_of_stock' and not v_out)
               or (a.kind = 'oversell_attempt' and new.available > old.available));
    end if;
    return null;
end
$$;

-- A refused reservation rolls back its own transaction, so the caller records the attempt
-- afterwards, in a transaction of its own (the service layer does this for every refusal).
create or replace function public.stock_record_oversell_attempt(
    p_variant_id uuid, p_requested integer, p_available integer, p_vendor_id uuid default null)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
    v_count integer;
begin
    insert into public.stock_alerts (vendor_id, location_id, variant_id, kind, detail, opened_at)
    select l.vendor_id, l.location_id, l.variant_id, 'oversell_attempt',
           jsonb_build_object('requested', p_requested, 'available', p_available), now()
    from public.stock_levels l
    join public.stock_locations sl on sl.id = l.location_id and sl.active
    where l.variant_id = p_variant_id and (p_vendor_id is null or l.vendor_id = p_vendor_id)
    on conflict (location_id, variant_id, kind) where resolved_at is null do nothing;
    get diagnostics v_count = row_count;
    return v_count;
end
$$;

-- ------------------------------------------------------------- receive, adjust, transfer
create or replace function public.stock_receive(
    p_location_id uuid, p_variant_id uuid, p_quantity integer,
    p_reason text default null, p_reference text default null)
returns bigint
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
    v_vendor uuid := private.managed_location_vendor(p_location_id);
    v_id bigint;
begin
    perform private.assert_positive('quantity', p_quantity);
    perform private.assert_variant(p_variant_id);
    insert into public.stock_movements (vendor_id, location_id, variant_id, delta, kind, reason,
                                        reference, actor_id)
    values (v_vendor, p_location_id, p_variant_id, p_quantity, 'receipt', p_reason, p_reference,
            private.current_user_id())
    returning id into v_id;
    return v_id;
end
$$;

create or replace function public.stock_adjust(
    p_location_id uuid, p_variant_id uuid, p_delta integer, p_reason text,
    p_reference text default null)
returns bigint
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
    v_vendor uuid := private.managed_location_vendor(p_location_id);
    v_level record;
    v_id bigint;
begin
    if p_delta is null or p_delta = 0 then
        perform private.inventory_raise('invalid_quantity',
            jsonb_build_object('field', 'delta', 'value', p_delta,
                               'message', 'an adjustment needs a non-zero delta'));
    end if;
    if p_reason is null or btrim(p_reason) = '' then
        perform private.inventory_raise('reason_required',
            jsonb_build_object('message', 'say why stock is adjusted (p_reason)'));
    end if;
    perform private.assert_variant(p_variant_id);
    if p_delta < 0 then
        -- Lock the level, then check: an adjustment may not eat into reserved units.
        select l.on_hand, l.reserved into v_level from public.stock_levels l
        where l.location_id = p_location_id and l.variant_id = p_variant_id for update;
        if coalesce(v_level.on_hand, 0) + p_delta < coalesce(v_level.reserved, 0) then
            perform private.inventory_raise('below_reserved',
                jsonb_build_object('variant_id', p_variant_id, 'location_id', p_location_id,
                    'on_hand', coalesce(v_level.on_hand, 0), 'reserved', coalesce(v_level.reserved, 0),
                    'delta', p_delta,
                    'message', 'the adjustment would leave fewer units on hand than are reserved'));
        end if;
    end if;
    insert into public.stock_movements (vendor_id, location_id, variant_id, delta, kind, reason,
                                        reference, actor_id)
    values (v_vendor, p_location_id, p_variant_id, p_delta, 'adjustment', p_reason, p_reference,
            private.current_user_id())
    returning id into v_id;
    return v_id;
end
$$;

-- Between two locations of one vendor, atomically: both rows are locked in location order,
-- so two opposite transfers can't deadlock.
create or replace function public.stock_transfer(
    p_from_location_id uuid, p_to_location_id uuid, p_variant_id uuid, p_quantity integer,
    p_reason text default null)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
    v_from_vendor uuid := private.managed_location_vendor(p_from_location_id);
    v_to_vendor uuid := private.managed_location_vendor(p_to_location_id);
    v_transfer uuid := gen_random_uuid();
    v_available integer;
begin
    perform private.assert_positive('quantity', p_quantity);
    perform private.assert_variant(p_variant_id);
    if p_from_location_id = p_to_location_id then
        perform private.inventory_raise('same_location',
            jsonb_build_object('location_id', p_from_location_id,
                               'message', 'a transfer needs two different locations'));
    end if;
    if v_from_vendor <> v_to_vendor then
        perform private.inventory_raise('locations_of_different_vendors',
            jsonb_build_object('from', p_from_location_id, 'to', p_to_location_id,
                               'message', 'stock moves only between locations of one vendor'));
    end if;
    insert into public.stock_levels (location_id, variant_id, vendor_id)
    values (p_to_location_id, p_variant_id, v_to_vendor)
    on conflict (location_id, variant_id) do nothing;
    perform 1 from public.stock_levels l
    where l.variant_id = p_variant_id and l.location_id in (p_from_location_id, p_to_location_id)
    order by l.location_id for update;
    select l.available into v_available from public.stock_levels l
    where l.location_id = p_from_location_id and l.variant_id = p_variant_id;
    if coalesce(v_available, 0) < p_quantity then
        perform private.inventory_raise('insufficient_stock',
            jsonb_build_object('variant_id', p_variant_id, 'location_id', p_from_location_id,
                'requested', p_quantity, 'available', coalesce(v_available, 0)));
    end if;
    insert into public.stock_movements (vendor_id, location_id, variant_id, delta, kind, reason,
                                        reference, actor_id)
    values (v_from_vendor, p_from_location_id, p_variant_id, -p_quantity, 'transfer_out', p_reason,
            v_transfer::text, private.current_user_id()),
           (v_to_vendor, p_to_location_id, p_variant_id, p_quantity, 'transfer_in', p_reason,
            v_transfer::text, private.current_user_id());
    return v_transfer;
end
$$;

-- ---------------------------------------------------------------------- reservations
-- May the caller hold stock for this holder? Buyers for their own cart or order; admins
-- and service work for any. Vendor staff reserve like buyers (their own carts only).
create or replace function private.assert_holder(p_holder_type text, p_holder_id uuid)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
    if p_holder_type is null or p_holder_type not in ('cart', 'order') or p_holder_id is null then
        perform private.inventory_raise('invalid_holder',
            jsonb_build_object('holder_type', p_holder_type,
                               'message', 'the holder is a cart or an order, with its id'));
    end if;
    if private.is_service() or private.is_admin() then
        return;
    end if;
    if (p_holder_type = 'cart' and not private.can_edit_cart(p_holder_id))
       or (p_holder_type = 'order' and not private.can_see_order(p_holder_id)) then
        perform private.inventory_raise('permission_denied',
            jsonb_build_object('holder_type', p_holder_type, 'holder_id', p_holder_id,
                               'message', 'you may reserve stock only for your own cart or order'));
    end if;
end
$$;

-- Reserve p_quantity of a variant, all or nothing, for a holder, for p_ttl_seconds.
-- Where: p_location_id, else the active locations of p_vendor_id by priority, else every
-- vendor's by best active offer (cheapest first) then priority (the allocation order). The
-- first location in that order that can serve it all takes it all; else it is split across
-- them in that order. The same idempotency key returns the same reservation rows; a key
-- reused with other arguments is refused.
--
-- Locking: the fast path is one try or two, each one conditional UPDATE of one level and,
-- when it took the units, one INSERT: with a vendor or a location given, first its first
-- active location by priority, then (vendor only) the first of its locations that can serve
-- it all; with neither, the first location that can serve it all. Otherwise (the split path)
-- every candidate row is locked in one fixed order (location_id, as stock_transfer does)
-- before anything is decided. A conditional UPDATE that waited for a row and then found too
-- little there still holds that row (PostgreSQL keeps the lock), so each try runs in a
-- subtransaction that is rolled back when it takes nothing: the next try and the split path
-- must never wait for a level while holding another one out of order. (Without it, a try
-- that lost its race would keep its level while the split path waits for a level with a
-- lower id, which a concurrent split path or transfer can hold while it waits for ours: a
-- deadlock. tests/inventory/test_concurrency.py makes that race happen.)
--
-- Cost: this is the hottest function of the store. Each call is a transaction of its own, in
-- which PL/pgSQL prepares again every expression it evaluates and the executor sets up every
-- statement's plan again. So the common call evaluates one expression for all its checks
-- (they run one by one, in their order, only when it is not true), and its first try names
-- the location without reading a level: one UPDATE and one INSERT, as the least any
-- reservation does (docs/benchmarks.md, "Migration 0005"). The small checks that other
-- functions call as helpers are written out (assert_positive, is_service, the holder's shape
-- from assert_holder, current_user_id), with the same semantics and refusals: the helpers
-- are SQL functions with a pinned search_path, which PostgreSQL can't inline, parsed and
-- planned again in every transaction. Buyers still go through assert_holder for their rights.
create or replace function public.stock_reserve(
    p_variant_id uuid, p_quantity integer, p_ttl_seconds integer, p_holder_type text,
    p_holder_id uuid, p_vendor_id uuid default null, p_location_id uuid default null,
    p_idempotency_key text default null)
returns setof public.stock_reservations
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
    v_expires timestamptz;
    v_remaining integer;
    v_take integer;
    v_ids uuid[];
    v_id uuid;
    v_available integer;
    v_locations uuid[];
    v_vendors uuid[];
    v_free integer[];
    v_i integer;
    v_claims jsonb;
    v_user uuid;
    v_location uuid;
    v_vendor uuid;
begin
    -- Arguments and rights first: a replay is no way around them (the rows of a key belong
    -- to its holder). The common call (valid arguments, service work, no key) passes every
    -- check below: one expression says so (NULL anywhere makes it not true).
    if (p_quantity > 0 and p_ttl_seconds > 0 and p_ttl_seconds <= 7 * 86400
        and p_holder_type in ('cart', 'order') and p_holder_id is not null
        and current_setting('role') not in ('anon', 'authenticated')
        and p_idempotency_key is null) is not true then
        -- As private.assert_positive('quantity', p_quantity):
        if p_quantity is null or p_quantity <= 0 then
            perform private.inventory_raise('invalid_quantity',
                jsonb_build_object('field', 'quantity', 'value', p_quantity,
                                   'message', 'quantity must be a positive whole number'));
        end if;
        if p_ttl_seconds is null or p_ttl_seconds <= 0 or p_ttl_seconds > 7 * 86400 then
            perform private.inventory_raise('invalid_ttl',
                jsonb_build_object('value', p_ttl_seconds,
                                   'message', 'a reservation lasts 1 second to 7 days'));
        end if;
        -- As private.assert_holder: the holder's shape for everyone; service work (is_service:
        -- any role but anon and authenticated) may hold for any holder; everyone else (admins
        -- included) goes through assert_holder, which checks the rest.
        if p_holder_type is null or p_holder_type not in ('cart', 'order')
           or p_holder_id is null then
            perform private.inventory_raise('invalid_holder',
                jsonb_build_object('holder_type', p_holder_type,
                                   'message', 'the holder is a cart or an order, with its id'));
        end if;
        if current_setting('role') in ('anon', 'authenticated') then
            perform private.assert_holder(p_holder_type, p_holder_id);
        end if;
        if p_idempotency_key is not null then
            -- One call per key at a time: a retry sent while the first call still runs waits
            -- for it and then replays it (without the lock both would reserve, at two
            -- locations).
            perform pg_advisory_xact_lock(
                hashtextextended('stock_reserve:' || p_idempotency_key, 0));
            if exists (select 1 from public.stock_reservations r
                       where r.idempotency_key = p_idempotency_key) then
                if exists (select 1 from public.stock_reservations r
                           where r.idempotency_key = p_idempotency_key
                             and (r.variant_id is distinct from p_variant_id
                                  or r.holder_id is distinct from p_holder_id
                                  or r.holder_type is distinct from p_holder_type
                                  or (p_vendor_id is not null and r.vendor_id <> p_vendor_id)
                                  or (p_location_id is not null
                                      and r.location_id <> p_location_id)))
                   or (select sum(r.quantity) from public.stock_reservations r
                       where r.idempotency_key = p_idempotency_key) is distinct from p_quantity then
                    perform private.inventory_raise('idempotency_key_reused',
                        jsonb_build_object('idempotency_key', p_idempotency_key,
                            'message', 'this idempotency key was used for another reservation'));
                end if;
                return query select r.* from public.stock_reservations r
                    where r.idempotency_key = p_idempotency_key order by r.created_at, r.id;
                return;
            end if;
        end if;
    end if;

    -- Fast path: one try or two, each one conditional UPDATE of one level and, when it took
    -- the units, the INSERT of the reservation. The UPDATE takes the level of the location
    -- its subquery names if the level still has the quantity (it waits for a concurrent
    -- reservation of the row and checks again). No row: no such location or level, too
    -- little there, or taken meanwhile; the try's subtransaction is rolled back, and a lock
    -- the UPDATE kept with it. created_by is read from the claims, as
    -- private.current_user_id() does, when a reservation is written (here and on the split
    -- path); expires_at is now() + ttl on every path (now() is the transaction's start).
    if p_vendor_id is null and p_location_id is null then
        -- every vendor's levels: the first by best active offer, then priority, that could
        -- serve it all (as last committed)
        begin
            update public.stock_levels l set reserved = l.reserved + p_quantity
            where l.location_id = (
                    select c.location_id
                    from public.stock_levels c
                    join public.stock_locations sl on sl.id = c.location_id and sl.active
                    join public.vendors ve on ve.id = c.vendor_id and ve.status = 'active'
                    join lateral (
                        select min(o.price) as price from public.offers o
                        where o.vendor_id = c.vendor_id and o.variant_id = c.variant_id
                          and o.status = 'active'
                    ) o on o.price is not null
                    where c.variant_id = p_variant_id and c.available >= p_quantity
                    order by o.price, sl.priority, c.location_id
                    limit 1)
              and l.variant_id = p_variant_id and l.on_hand - l.reserved >= p_quantity
            returning l.location_id, l.vendor_id into v_location, v_vendor;
            if found then
                return query
                insert into public.stock_reservations as r (vendor_id, location_id, variant_id,
                    quantity, holder_type, holder_id, expires_at, idempotency_key, created_by)
                values (v_vendor, v_location, p_variant_id, p_quantity, p_holder_type,
                        p_holder_id, now() + make_interval(secs => p_ttl_seconds),
                        p_idempotency_key,
                        case when (coalesce(nullif(current_setting('request.jwt.claims', true),
                                                   ''), '{}')::jsonb ->> 'sub') ~*
                                '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                             then (coalesce(nullif(current_setting('request.jwt.claims', true),
                                                   ''), '{}')::jsonb ->> 'sub')::uuid end)
                returning r.*;
                return;
            end if;
            raise exception using errcode = 'IR001';
        exception when sqlstate 'IR001' then
            null;
        end;
    else
        -- First try: the first active location by priority (the vendor's, or the one given),
        -- where most reservations go. Naming it reads no level, which makes this try cheaper
        -- than choosing among the levels (docs/benchmarks.md, "Migration 0005").
        begin
            update public.stock_levels l set reserved = l.reserved + p_quantity
            where l.location_id = (
                    select sl.id from public.stock_locations sl
                    where sl.active
                      and (p_vendor_id is null or sl.vendor_id = p_vendor_id)
                      and (p_location_id is null or sl.id = p_location_id)
                    order by sl.priority, sl.id
                    limit 1)
              and l.variant_id = p_variant_id and l.on_hand - l.reserved >= p_quantity
            returning l.location_id, l.vendor_id into v_location, v_vendor;
            if found then
                return query
                insert into public.stock_reservations as r (vendor_id, location_id, variant_id,
                    quantity, holder_type, holder_id, expires_at, idempotency_key, created_by)
                values (v_vendor, v_location, p_variant_id, p_quantity, p_holder_type,
                        p_holder_id, now() + make_interval(secs => p_ttl_seconds),
                        p_idempotency_key,
                        case when (coalesce(nullif(current_setting('request.jwt.claims', true),
                                                   ''), '{}')::jsonb ->> 'sub') ~*
                                '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                             then (coalesce(nullif(current_setting('request.jwt.claims', true),
                                                   ''), '{}')::jsonb ->> 'sub')::uuid end)
                returning r.*;
                return;
            end if;
            raise exception using errcode = 'IR001';
        exception when sqlstate 'IR001' then
            null;
        end;
        if p_location_id is null then
            -- Second try: the vendor's levels, the first by priority that could serve it all
            -- (as last committed). With a location given there is no other to try.
            begin
                update public.stock_levels l set reserved = l.reserved + p_quantity
                where l.location_id = (
                        select c.location_id
                        from public.stock_levels c
                        join public.stock_locations sl on sl.id = c.location_id and sl.active
                        where c.variant_id = p_variant_id and c.vendor_id = p_vendor_id
                          and c.available >= p_quantity
                        order by sl.priority, c.location_id
                        limit 1)
                  and l.variant_id = p_variant_id and l.on_hand - l.reserved >= p_quantity
                returning l.location_id, l.vendor_id into v_location, v_vendor;
                if found then
                    return query
                    insert into public.stock_reservations as r (vendor_id, location_id,
                        variant_id, quantity, holder_type, holder_id, expires_at,
                        idempotency_key, created_by)
                    values (v_vendor, v_location, p_variant_id, p_quantity, p_holder_type,
                            p_holder_id, now() + make_interval(secs => p_ttl_seconds),
                            p_idempotency_key,
                            case when (coalesce(nullif(current_setting('request.jwt.claims',
                                                                       true), ''),
                                                '{}')::jsonb ->> 'sub') ~*
                                    '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                                 then (coalesce(nullif(current_setting('request.jwt.claims',
                                                                       true), ''),
                                                '{}')::jsonb ->> 'sub')::uuid end)
                    returning r.*;
                    return;
                end if;
                raise exception using errcode = 'IR001';
            exception when sqlstate 'IR001' then
                null;
            end;
        end if;
    end if;

    -- split path: lock every candidate in location order (the inner query), read what each
    -- really has (a locked row is the current one), then decide in allocation order
    select array_agg(c.location_id order by c.rank), array_agg(c.vendor_id order by c.rank),
           array_agg(c.available order by c.rank)
      into v_locations, v_vendors, v_free
    from (
        select k.location_id, k.vendor_id, k.available,
               row_number() over (order by k.price, k.priority, k.location_id) as rank
        from (
            select l.location_id, l.vendor_id, l.available, sl.priority,
                   case when p_vendor_id is null and p_location_id is null then o.price end
                       as price
            from public.stock_levels l
            join public.stock_locations sl on sl.id = l.location_id and sl.active
            join public.vendors ve on ve.id = l.vendor_id
            left join lateral (
                select min(o.price) as price from public.offers o
                where o.vendor_id = l.vendor_id and o.variant_id = l.variant_id
                  and o.status = 'active'
            ) o on true
            where l.variant_id = p_variant_id
              and (p_vendor_id is null or l.vendor_id = p_vendor_id)
              and (p_location_id is null or l.location_id = p_location_id)
              and (p_vendor_id is not null or p_location_id is not null
                   or (ve.status = 'active' and o.price is not null))
            order by l.location_id
            for update of l
        ) k
        where k.available > 0
    ) c;

    v_available := 0;
    for v_i in 1 .. coalesce(array_length(v_locations, 1), 0) loop
        v_available := v_available + v_free[v_i];
    end loop;
    if v_available < p_quantity then
        perform private.assert_variant(p_variant_id);
        perform private.inventory_raise('insufficient_stock',
            jsonb_build_object('variant_id', p_variant_id, 'requested', p_quantity,
                'available', v_available, 'vendor_id', p_vendor_id, 'location_id', p_location_id,
                'message', format('only %s of %s units are available', v_available, p_quantity)));
    end if;
    -- one location that can serve it all takes it all (the fast path lost a race for it)
    for v_i in 1 .. array_length(v_locations, 1) loop
        if v_free[v_i] >= p_quantity then
            v_locations := array[v_locations[v_i]];
            v_vendors := array[v_vendors[v_i]];
            v_free := array[p_quantity];
            exit;
        end if;
    end loop;
    -- the caller, read here (after the refusals above) as on the fast path
    v_claims := coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb;
    v_user := case when v_claims ->> 'sub'
                        ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                   then (v_claims ->> 'sub')::uuid end;
    v_expires := now() + make_interval(secs => p_ttl_seconds);
    v_remaining := p_quantity;
    v_ids := '{}';
    for v_i in 1 .. array_length(v_locations, 1) loop
        exit when v_remaining = 0;
        v_take := least(v_remaining, v_free[v_i]);
        update public.stock_levels l set reserved = l.reserved + v_take
        where l.location_id = v_locations[v_i] and l.variant_id = p_variant_id;
        insert into public.stock_reservations (vendor_id, location_id, variant_id, quantity,
            holder_type, holder_id, expires_at, idempotency_key, created_by)
        values (v_vendors[v_i], v_locations[v_i], p_variant_id, v_take, p_holder_type,
                p_holder_id, v_expires, p_idempotency_key, v_user)
        returning id into v_id;
        v_ids := v_ids || v_id;
        v_remaining := v_remaining - v_take;
    end loop;
    return query select r.* from public.stock_reservations r where r.id = any (v_ids)
        order by r.created_at, r.id;
end
$$;

-- Several lines at once, in variant order: concurrent multi-line reservations take rows in
-- the same order and can't deadlock. p_lines: [{"variant_id": ..., "quantity": ...}, ...].
create or replace function public.stock_reserve_lines(
    p_lines jsonb, p_ttl_seconds integer, p_holder_type text, p_holder_id uuid,
    p_vendor_id uuid default null)
returns setof public.stock_reservations
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
    v_line record;
begin
    if jsonb_typeof(p_lines) is distinct from 'array' or jsonb_array_length(p_lines) = 0 then
        perform private.inventory_raise('invalid_input',
            jsonb_build_object('message', 'p_lines must be a non-empty JSON array'));
    end if;
    -- each line on its own: lines of one variant are added up below, and a negative line
    -- must not quietly shrink another
    perform private.assert_positive('quantity', (x ->> 'quantity')::integer)
    from jsonb_array_elements(p_lines) x;
    for v_line in
        select (x ->> 'variant_id')::uuid as variant_id, sum((x ->> 'quantity')::integer)::integer as quantity
        from jsonb_array_elements(p_lines) x
        group by 1 order by 1
    loop
        return query select * from public.stock_reserve(v_line.variant_id, v_line.quantity,
            p_ttl_seconds, p_holder_type, p_holder_id, p_vendor_id);
    end loop;
end
$$;

create or replace function private.locked_active_reservation(p_reservation_id uuid)
returns public.stock_reservations
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
    v_res public.stock_reservations;
begin
    select r.* into v_res from public.stock_reservations r where r.id = p_reservation_id for update;
    if v_res.id is null then
        perform private.inventory_raise('reservation_not_found',
            jsonb_build_object('reservation_id', p_reservation_id,
                               'message', 'no reservation with this id'));
    end if;
    if v_res.status <> 'active' then
        perform private.inventory_raise('reservation_not_active',
            jsonb_build_object('reservation_id', p_reservation_id, 'status', v_res.status,
                               'message', format('the reservation is %s', v_res.status)));
    end if;
    return v_res;
end
$$;

create or replace function public.stock_release(p_reservation_id uuid)
returns public.stock_reservations
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
    v_res public.stock_reservations := private.locked_active_reservation(p_reservation_id);
begin
    if not (private.is_service() or private.is_admin()
            or coalesce(private.current_vendor_id() = v_res.vendor_id, false)) then
        perform private.assert_holder(v_res.holder_type, v_res.holder_id);
    end if;
    update public.stock_levels l set reserved = l.reserved - v_res.quantity
    where l.location_id = v_res.location_id and l.variant_id = v_res.variant_id;
    update public.stock_reservations r set status = 'released' where r.id = v_res.id
    returning r.* into v_res;
    return v_res;
end
$$;

-- Release every active reservation of a holder (a cart emptied, an order cancelled). All of
-- them are locked first, then released in level order (variant, location) like every other
-- multi-level writer: holding a level while waiting for a reservation deadlocks. A
-- reservation committed, released or expired meanwhile is skipped, not an error.
create or replace function public.stock_release_holder(p_holder_type text, p_holder_id uuid)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
    v_count integer := 0;
    v_id uuid;
begin
    perform private.assert_holder(p_holder_type, p_holder_id);
    perform 1 from public.stock_reservations r
    where r.holder_type = p_holder_type and r.holder_id = p_holder_id and r.status = 'active'
    order by r.variant_id, r.location_id, r.id
    for update;
    for v_id in
        select r.id from public.stock_reservations r
        where r.holder_type = p_holder_type and r.holder_id = p_holder_id and r.status = 'active'
        order by r.variant_id, r.location_id, r.id
    loop
        perform public.stock_release(v_id);
        v_count := v_count + 1;
    end loop;
    return v_count;
end
$$;

-- The sale: the reservation becomes a 'sale' movement; reserved and on_hand both drop.
create or replace function public.stock_commit(p_reservation_id uuid, p_reference text default null)
returns public.stock_reservations
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
    v_res public.stock_reservations := private.locked_active_reservation(p_reservation_id);
begin
    if not (private.is_service() or private.is_admin()) then
        perform private.inventory_raise('permission_denied',
            jsonb_build_object('message', 'only the payment flow (service work) commits a sale'));
    end if;
    if v_res.expires_at <= now() then
        perform private.inventory_raise('reservation_expired',
            jsonb_build_object('reservation_id', v_res.id, 'expired_at', v_res.expires_at,
                               'message', 'the reservation expired before it was committed'));
    end if;
    -- no alert for this half (see tg_stock_levels__alerts): available moves only in between
    perform set_config('emporium.committing_sale', 'on', true);
    update public.stock_levels l set reserved = l.reserved - v_res.quantity
    where l.location_id = v_res.location_id and l.variant_id = v_res.variant_id;
    perform set_config('emporium.committing_sale', 'off', true);
    insert into public.stock_movements (vendor_id, location_id, variant_id, delta, kind, reason,
                                        reference, actor_id)
    values (v_res.vendor_id, v_res.location_id, v_res.variant_id, -v_res.quantity, 'sale', null,
            coalesce(p_reference, v_res.holder_type || ':' || v_res.holder_id),
            private.current_user_id());
    update public.stock_reservations r set status = 'committed' where r.id = v_res.id
    returning r.* into v_res;
    return v_res;
end
$$;

-- Expire due reservations in batches. The sweeper never waits: it skips reservations other
-- transactions hold (a commit, a release, another sweeper) and reservations whose level is
-- locked right now (a reservation being taken there); those are left for the next sweep.
-- Waiting for levels while holding a batch of reservations deadlocked with reservations
-- taken at several levels and with transactions that commit or release several.
create or replace function public.stock_expire_reservations(p_batch_size integer default 1000)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
    v_total integer := 0;
    v_batch integer;
    v_due integer;
    v_skipped uuid[] := '{}';
    v_busy uuid[];
begin
    if not (private.is_service() or private.is_admin()) then
        perform private.inventory_raise('permission_denied',
            jsonb_build_object('message', 'expiring reservations is service work'));
    end if;
    perform private.assert_positive('batch_size', p_batch_size);
    loop
        with due as (
            select r.id, r.location_id, r.variant_id from public.stock_reservations r
            where r.status = 'active' and r.expires_at <= now() and r.id <> all (v_skipped)
            order by r.expires_at
            limit p_batch_size
            for update skip locked
        ), free as (
            select l.location_id, l.variant_id from public.stock_levels l
            where (l.location_id, l.variant_id) in (select d.location_id, d.variant_id from due d)
            for update skip locked
        ), expired as (
            update public.stock_reservations r set status = 'expired'
            from due d join free f using (location_id, variant_id)
            where r.id = d.id
            returning r.location_id, r.variant_id, r.quantity
        ), per_level as (
            select e.location_id, e.variant_id, sum(e.quantity)::integer as quantity
            from expired e group by 1, 2
        ), levels as (
            update public.stock_levels l set reserved = l.reserved - p.quantity
            from per_level p
            where l.location_id = p.location_id and l.variant_id = p.variant_id
            returning 1
        )
        select (select count(*) from due), (select count(*) from expired),
               (select coalesce(array_agg(d.id), '{}') from due d
                where not exists (select 1 from free f
                                  where f.location_id = d.location_id
                                    and f.variant_id = d.variant_id))
          into v_due, v_batch, v_busy;
        v_total := v_total + v_batch;
        v_skipped := v_skipped || v_busy;
        exit when v_due < p_batch_size;
    end loop;
    return v_total;
end
$$;

-- Every place where the stored numbers and the truth disagree: on_hand vs the sum of its
-- movements, reserved vs the sum of its active reservations. Empty when sound.
create or replace function public.stock_check_ledger(p_vendor_id uuid default null)
returns table (location_id uuid, variant_id uuid, kind text, stored bigint, expected bigint)
language sql
stable
security definer
set search_path = ''
as $$
    with scope as (
        select case when private.is_service() or private.is_admin() then p_vendor_id
                    else coalesce(private.current_vendor_id(),
                                  '00000000-0000-0000-0000-000000000000'::uuid) end as vendor_id,
               private.is_service() or private.is_admin() as everything
    ), ledger as (
        select m.location_id, m.variant_id, sum(m.delta)::bigint as total
        from public.stock_movements m, scope s
        where (s.vendor_id is null and s.everything) or m.vendor_id = s.vendor_id
        group by 1, 2
    ), holds as (
        select r.location_id, r.variant_id, sum(r.quantity)::bigint as total
        from public.stock_reservations r, scope s
        where r.status = 'active' and ((s.vendor_id is null and s.everything) or r.vendor_id = s.vendor_id)
        group by 1, 2
    ), levels as (
        select l.* from public.stock_levels l, scope s
        where (s.vendor_id is null and s.everything) or l.vendor_id = s.vendor_id
    )
    select coalesce(l.location_id, g.location_id), coalesce(l.variant_id, g.variant_id),
           'on_hand', coalesce(l.on_hand, 0)::bigint, coalesce(g.total, 0)
    from levels l full join ledger g using (location_id, variant_id)
    where coalesce(l.on_hand, 0) <> coalesce(g.total, 0)
    union all
    select coalesce(l.location_id, h.location_id), coalesce(l.variant_id, h.variant_id),
           'reserved', coalesce(l.reserved, 0)::bigint, coalesce(h.total, 0)
    from levels l full join holds h using (location_id, variant_id)
    where coalesce(l.reserved, 0) <> coalesce(h.total, 0)
    order by 1, 2, 3
$$;

-- ----------------------------------------------------------------------- cycle counts
-- Open a count: every level of the location is snapshotted as expected (on_hand now).
create or replace function public.stock_count_open(p_location_id uuid, p_note text default null)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
    v_vendor uuid := private.managed_location_vendor(p_location_id);
    v_count uuid;
begin
    insert into public.stock_counts (vendor_id, location_id, note, opened_by)
    values (v_vendor, p_location_id, p_note, private.current_user_id())
    returning id into v_count;
    insert into public.stock_count_lines (count_id, variant_id, vendor_id, expected)
    select v_count, l.variant_id, v_vendor, l.on_hand
    from public.stock_levels l where l.location_id = p_location_id;
    return v_count;
end
$$;

create or replace function private.open_count_vendor(p_count_id uuid)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
    v_count record;
begin
    select c.location_id, c.status into v_count from public.stock_counts c
    where c.id = p_count_id for update;
    if v_count.location_id is null then
        perform private.inventory_raise('count_not_found',
            jsonb_build_object('count_id', p_count_id, 'message', 'no stock count with this id'));
    end if;
    if v_count.status <> 'open' then
        perform private.inventory_raise('count_not_open',
            jsonb_build_object('count_id', p_count_id, 'status', v_count.status,
                               'message', format('the count is %s', v_count.status)));
    end if;
    return private.managed_location_vendor(v_count.location_id);
end
$$;

-- Record what was counted for a variant (a variant not in the snapshot is added, expected 0).
create or replace function public.stock_count_record(p_count_id uuid, p_variant_id uuid, p_counted integer)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
    v_vendor uuid := private.open_count_vendor(p_count_id);
begin
    if p_counted is null or p_counted < 0 then
        perform private.inventory_raise('invalid_quantity',
            jsonb_build_object('field', 'counted', 'value', p_counted,
                               'message', 'a counted quantity is zero or more'));
    end if;
    perform private.assert_variant(p_variant_id);
    insert into public.stock_count_lines as cl (count_id, variant_id, vendor_id, expected, counted,
                                                counted_by, counted_at)
    values (p_count_id, p_variant_id, v_vendor, 0, p_counted, private.current_user_id(), now())
    on conflict (count_id, variant_id) do update
        set counted = excluded.counted, counted_by = excluded.counted_by,
            counted_at = excluded.counted_at;
end
$$;

-- Post: each counted line that differs from its snapshot becomes a count_correction
-- movement (counted - expected) referencing the count; uncounted lines change nothing.
create or replace function public.stock_count_post(p_count_id uuid)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
    v_vendor uuid := private.open_count_vendor(p_count_id);
    v_location uuid := (select c.location_id from public.stock_counts c where c.id = p_count_id);
    v_line record;
    v_level record;
    v_moves integer := 0;
begin
    -- A line's correction is what was counted minus what the books said at that moment: the
    -- snapshot plus every movement between opening the count and counting the line. A sale
    -- made while counting is then not counted twice.
    for v_line in
        select cl.variant_id,
               cl.counted - cl.expected - coalesce((
                   select sum(m.delta) from public.stock_movements m
                   where m.location_id = v_location and m.variant_id = cl.variant_id
                     and m.created_at > c.created_at and m.created_at <= cl.counted_at), 0)
                 as delta
        from public.stock_count_lines cl
        join public.stock_counts c on c.id = cl.count_id
        where cl.count_id = p_count_id and cl.counted is not null
        order by cl.variant_id
    loop
        continue when v_line.delta = 0;
        select l.on_hand, l.reserved into v_level from public.stock_levels l
        where l.location_id = v_location and l.variant_id = v_line.variant_id for update;
        if coalesce(v_level.on_hand, 0) + v_line.delta < coalesce(v_level.reserved, 0) then
            perform private.inventory_raise('below_reserved',
                jsonb_build_object('variant_id', v_line.variant_id, 'location_id', v_location,
                    'on_hand', coalesce(v_level.on_hand, 0), 'reserved', coalesce(v_level.reserved, 0),
                    'delta', v_line.delta,
                    'message', 'the correction would leave fewer units on hand than are reserved'));
        end if;
        insert into public.stock_movements (vendor_id, location_id, variant_id, delta, kind, reason,
                                            reference, actor_id)
        values (v_vendor, v_location, v_line.variant_id, v_line.delta, 'count_correction',
                'cycle count', 'count:' || p_count_id, private.current_user_id());
        v_moves := v_moves + 1;
    end loop;
    update public.stock_counts c set status = 'posted', posted_at = now(),
        posted_by = private.current_user_id()
    where c.id = p_count_id;
    return v_moves;
end
$$;

-- A posted (or cancelled) count is immutable, lines included.
create or replace function private.tg_stock_counts__immutable()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
    v_status text;
begin
    if tg_table_name = 'stock_counts' then
        v_status := old.status;
    else
        select c.status into v_status from public.stock_counts c
        where c.id = coalesce(new.count_id, old.count_id);
    end if;
    if v_status in ('posted', 'cancelled') and pg_trigger_depth() < 2 then
        perform private.inventory_raise('count_posted',
            jsonb_build_object('status', v_status,
                               'message', format('a %s count can''t be changed', v_status)));
    end if;
    return coalesce(new, old);
end
$$;

create or replace function public.stock_alert_acknowledge(p_alert_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
    v_location uuid;
begin
    select a.location_id into v_location from public.stock_alerts a where a.id = p_alert_id;
    if v_location is null then
        perform private.inventory_raise('alert_not_found',
            jsonb_build_object('alert_id', p_alert_id, 'message', 'no alert with this id'));
    end if;
    perform private.managed_location_vendor(v_location);
    update public.stock_alerts a
    set acknowledged_by = private.current_user_id(), acknowledged_at = now()
    where a.id = p_alert_id and a.acknowledged_at is null;
end
$$;

-- triggers
create or replace trigger tg_stock_movements__apply after insert on public.stock_movements
    for each row execute function private.tg_stock_movements__apply();
create or replace trigger tg_stock_levels__ledger_only before insert or update on public.stock_levels
    for each row execute function private.tg_stock_levels__ledger_only();
create or replace trigger tg_stock_levels__alerts_insert after insert on public.stock_levels
    for each row when (new.available <= new.reorder_point)
    execute function private.tg_stock_levels__alerts();
create or replace trigger tg_stock_levels__alerts_update after update on public.stock_levels
    for each row
    when ((old.available > 0) <> (new.available > 0)
          or (old.available <= old.reorder_point) <> (new.available <= new.reorder_point)
          or new.available > old.available)
    execute function private.tg_stock_levels__alerts();
create or replace trigger tg_stock_counts__immutable before update or delete on public.stock_counts
    for each row execute function private.tg_stock_counts__immutable();
create or replace trigger tg_stock_count_lines__immutable before insert or update or delete
    on public.stock_count_lines
    for each row execute function private.tg_stock_counts__immutable();

-- who may call what (the functions check the caller's rights themselves)
revoke all on function public.stock_record_oversell_attempt(uuid, integer, integer, uuid) from public, anon, authenticated;
revoke all on function public.stock_receive(uuid, uuid, integer, text, text) from public, anon, authenticated;
revoke all on function public.stock_adjust(uuid, uuid, integer, text, text) from public, anon, authenticated;
revoke all on function public.stock_transfer(uuid, uuid, uuid, integer, text) from public, anon, authenticated;
revoke all on function public.stock_reserve(uuid, integer, integer, text, uuid, uuid, uuid, text) from public, anon, authenticated;
revoke all on function public.stock_reserve_lines(jsonb, integer, text, uuid, uuid) from public, anon, authenticated;
revoke all on function public.stock_release(uuid) from public, anon, authenticated;
revoke all on function public.stock_release_holder(text, uuid) from public, anon, authenticated;
revoke all on function public.stock_commit(uuid, text) from public, anon, authenticated;
revoke all on function public.stock_expire_reservations(integer) from public, anon, authenticated;
revoke all on function public.stock_check_ledger(uuid) from public, anon, authenticated;
revoke all on function public.stock_count_open(uuid, text) from public, anon, authenticated;
revoke all on function public.stock_count_record(uuid, uuid, integer) from public, anon, authenticated;
revoke all on function public.stock_count_post(uuid) from public, anon, authenticated;
revoke all on function public.stock_alert_acknowledge(uuid) from public, anon, authenticated;
-- service work only: the API records refusals as service work; clients can't open alerts
grant execute on function public.stock_record_oversell_attempt(uuid, integer, integer, uuid) to service_role;
grant execute on function public.stock_receive(uuid, uuid, integer, text, text) to authenticated, service_role;
grant execute on function public.stock_adjust(uuid, uuid, integer, text, text) to authenticated, service_role;
grant execute on function public.stock_transfer(uuid, uuid, uuid, integer, text) to authenticated, service_role;
grant execute on function public.stock_reserve(uuid, integer, integer, text, uuid, uuid, uuid, text) to authenticated, service_role;
grant execute on function public.stock_reserve_lines(jsonb, integer, text, uuid, uuid) to authenticated, service_role;
grant execute on function public.stock_release(uuid) to authenticated, service_role;
grant execute on function public.stock_release_holder(text, uuid) to authenticated, service_role;
grant execute on function public.stock_commit(uuid, text) to authenticated, service_role;
grant execute on function public.stock_expire_reservations(integer) to authenticated, service_role;
grant execute on function public.stock_check_ledger(uuid) to authenticated, service_role;
grant execute on function public.stock_count_open(uuid, text) to authenticated, service_role;
grant execute on function public.stock_count_record(uuid, uuid, integer) to authenticated, service_role;
grant execute on function public.stock_count_post(uuid) to authenticated, service_role;
grant execute on function public.stock_alert_acknowledge(uuid) to authenticated, service_role;
grant execute on function private.is_service() to authenticated, service_role;
