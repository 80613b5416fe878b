--
-- PostgreSQL database dump
--


SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: private; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA private;


--
-- Name: public; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA public;


--
-- Name: SCHEMA public; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA public IS 'standard public schema';


--
-- Name: assert_holder(text, uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.assert_holder(p_holder_type text, p_holder_id uuid) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: assert_positive(text, integer); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.assert_positive(p_name text, p_value integer) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
    if p_value is null or p_value <= 0 then
        perform private.inventory_raise('invalid_quantity',
            jsonb_build_object('field', p_name, 'value', p_value,
                               'message', p_name || ' must be a positive whole number'));
    end if;
end
$$;


--
-- Name: assert_variant(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.assert_variant(p_variant_id uuid) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
    if not exists (select 1 from public.product_variants v where v.id = p_variant_id) then
        perform private.inventory_raise('unknown_variant',
            jsonb_build_object('variant_id', p_variant_id, 'message', 'no variant with this id'));
    end if;
end
$$;


--
-- Name: buyer_account_ids(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.buyer_account_ids() RETURNS uuid[]
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
    select coalesce(array_agg(m.account_id), '{}')
    from public.account_members m
    where m.user_id = private.current_user_id() and m.role in ('owner', 'buyer')
$$;


--
-- Name: FUNCTION buyer_account_ids(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.buyer_account_ids() IS 'The accounts the caller may buy for (member role owner or buyer; viewers only read).';


--
-- Name: can_edit_cart(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.can_edit_cart(p_cart_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
    select exists (
        select 1 from public.carts c
        where c.id = p_cart_id
          and ((c.account_id is null and c.user_id = private.current_user_id())
               or c.account_id = any (private.buyer_account_ids())))
$$;


--
-- Name: can_see_order(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.can_see_order(p_order_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
    select exists (
        select 1 from public.orders o
        where o.id = p_order_id
          and (o.user_id = private.current_user_id()
               or o.account_id = any (private.visible_account_ids())))
$$;


--
-- Name: can_see_rfq(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.can_see_rfq(p_rfq_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
    select exists (select 1 from public.rfqs r where r.id = p_rfq_id
        and (r.account_id = any (private.visible_account_ids())
             or r.assigned_rep_id = private.current_user_id()))
$$;


--
-- Name: can_work_on_rfq(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.can_work_on_rfq(p_rfq_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
    select exists (select 1 from public.rfqs r where r.id = p_rfq_id
        and (r.account_id = any (private.buyer_account_ids())
             or r.account_id = any (private.rep_account_ids())
             or r.assigned_rep_id = private.current_user_id()))
$$;


--
-- Name: colorway_terms(text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.colorway_terms(p_colorway text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
    select coalesce(replace(p_colorway, '/', ' '), '')
$$;


--
-- Name: current_app_role(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.current_app_role() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
    select case private.current_jwt_role()
        when 'service_role' then 'service'
        when 'authenticated' then coalesce(
            (select u.role from public.users u where u.id = private.current_user_id()),
            'customer')
        else 'anon'
    end
$$;


--
-- Name: FUNCTION current_app_role(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.current_app_role() IS 'customer, vendor, rep or admin (public.users.role; customer when the user has no row yet), service for service_role, anon otherwise.';


--
-- Name: current_claims(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.current_claims() RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
    select coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb
$$;


--
-- Name: FUNCTION current_claims(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.current_claims() IS 'The verified JWT claims of the current transaction ({} when none were set).';


--
-- Name: current_jwt_role(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.current_jwt_role() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
    select coalesce(private.current_claims() ->> 'role', 'anon')
$$;


--
-- Name: FUNCTION current_jwt_role(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.current_jwt_role() IS 'The database role the token asks for: anon, authenticated or service_role.';


--
-- Name: current_user_id(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.current_user_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path TO ''
    AS $_$
    select case
        when private.current_claims() ->> 'sub'
             ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        then (private.current_claims() ->> 'sub')::uuid
    end
$_$;


--
-- Name: FUNCTION current_user_id(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.current_user_id() IS 'The caller''s user id (claim sub), or NULL for anon and for a sub that is not a uuid.';


--
-- Name: current_vendor_id(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.current_vendor_id() RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
    select u.vendor_id from public.users u
    where u.id = private.current_user_id() and u.role = 'vendor'
$$;


--
-- Name: FUNCTION current_vendor_id(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.current_vendor_id() IS 'The vendor the caller works for (NULL when not vendor staff).';


--
-- Name: inventory_raise(text, jsonb); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.inventory_raise(p_code text, p_detail jsonb) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
    raise exception '%', p_code using errcode = 'P0001', detail = p_detail::text;
end
$$;


--
-- Name: is_admin(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.is_admin() RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
    select private.current_app_role() = 'admin'
$$;


--
-- Name: is_service(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.is_service() RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
    select current_setting('role') not in ('anon', 'authenticated')
$$;


--
-- Name: is_vendor_manager(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.is_vendor_manager(p_vendor_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
    select exists (
        select 1 from public.users u
        where u.id = private.current_user_id() and u.role = 'vendor'
          and u.vendor_id = p_vendor_id and u.vendor_role in ('owner', 'manager'))
$$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: stock_reservations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stock_reservations (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    vendor_id uuid NOT NULL,
    location_id uuid NOT NULL,
    variant_id uuid NOT NULL,
    quantity integer NOT NULL,
    holder_type text NOT NULL,
    holder_id uuid NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    idempotency_key text,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_stock_reservations__holder_type_known CHECK ((holder_type = ANY (ARRAY['cart'::text, 'order'::text]))),
    CONSTRAINT ck_stock_reservations__quantity_positive CHECK ((quantity > 0)),
    CONSTRAINT ck_stock_reservations__status_known CHECK ((status = ANY (ARRAY['active'::text, 'committed'::text, 'released'::text, 'expired'::text])))
);


--
-- Name: TABLE stock_reservations; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.stock_reservations IS 'Holds on stock for a cart or an order until committed, released or expired. Quantity positive; the idempotency key is unique when present.';


--
-- Name: COLUMN stock_reservations.holder_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.stock_reservations.holder_id IS 'The cart or order (holder_type) that holds the stock.';


--
-- Name: locked_active_reservation(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.locked_active_reservation(p_reservation_id uuid) RETURNS public.stock_reservations
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: managed_location_vendor(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.managed_location_vendor(p_location_id uuid) RETURNS uuid
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: member_account_ids(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.member_account_ids() RETURNS uuid[]
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
    select coalesce(array_agg(m.account_id), '{}')
    from public.account_members m
    where m.user_id = private.current_user_id()
$$;


--
-- Name: FUNCTION member_account_ids(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.member_account_ids() IS 'The accounts the caller is a member of (any member role).';


--
-- Name: next_document_number(text, timestamp with time zone); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.next_document_number(p_prefix text, p_at timestamp with time zone) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: open_count_vendor(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.open_count_vendor(p_count_id uuid) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: order_transition_allowed(text, text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.order_transition_allowed(p_from text, p_to text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
    select (p_from, p_to) in (
        ('pending', 'confirmed'), ('confirmed', 'paid'), ('paid', 'fulfilled'),
        ('fulfilled', 'shipped'), ('shipped', 'delivered'),
        ('pending', 'cancelled'), ('confirmed', 'cancelled'),
        ('paid', 'refunded'), ('fulfilled', 'refunded'), ('shipped', 'refunded'),
        ('delivered', 'refunded'))
$$;


--
-- Name: owner_account_ids(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.owner_account_ids() RETURNS uuid[]
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
    select coalesce(array_agg(m.account_id), '{}')
    from public.account_members m
    where m.user_id = private.current_user_id() and m.role = 'owner'
$$;


--
-- Name: product_search_document(text, text, text, text, text, text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.product_search_document(p_title text, p_brand text, p_model text, p_style_code text, p_colorway text, p_description text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
    select setweight(to_tsvector('pg_catalog.english', coalesce(p_brand, '')), 'A')
        || setweight(to_tsvector('pg_catalog.english', coalesce(p_title, '')), 'A')
        || setweight(to_tsvector('pg_catalog.english', private.style_code_terms(p_style_code)), 'A')
        || setweight(to_tsvector('pg_catalog.english',
                                 coalesce(p_model, '') || ' '
                                 || private.colorway_terms(p_colorway)), 'B')
        || setweight(to_tsvector('pg_catalog.english', coalesce(p_description, '')), 'C')
$$;


--
-- Name: rep_account_ids(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.rep_account_ids() RETURNS uuid[]
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
    select coalesce(array_agg(a.id), '{}')
    from public.accounts a
    where a.rep_id = private.current_user_id()
      and private.current_app_role() = 'rep'
$$;


--
-- Name: FUNCTION rep_account_ids(); Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON FUNCTION private.rep_account_ids() IS 'The accounts assigned to the caller as their rep.';


--
-- Name: rfq_transition_allowed(text, text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.rfq_transition_allowed(p_from text, p_to text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
    select (p_from, p_to) in (
        ('draft', 'submitted'), ('submitted', 'quoted'), ('quoted', 'quoted'),
        ('quoted', 'accepted'), ('quoted', 'rejected'), ('submitted', 'expired'),
        ('quoted', 'expired'), ('accepted', 'converted'))
$$;


--
-- Name: style_code_terms(text); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.style_code_terms(p_style_code text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
    select case when p_style_code is null then ''
        else regexp_replace(p_style_code, '[^[:alnum:]]+', ' ', 'g') || ' '
             || regexp_replace(p_style_code, '[^[:alnum:]]+', '', 'g')
    end
$$;


--
-- Name: tg__admin_only_columns(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg__admin_only_columns() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
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


--
-- Name: tg__append_only(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg__append_only() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
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


--
-- Name: tg__audit(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg__audit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: tg__set_updated_at(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg__set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
    new.updated_at := now();
    return new;
end
$$;


--
-- Name: tg_accounts__rep_is_rep(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_accounts__rep_is_rep() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: tg_brands__reindex_products(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_brands__reindex_products() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
    update public.products p set search = private.product_search_document(
        p.title, new.name, p.model, p.style_code, p.colorway, p.description)
    where p.brand_id = new.id;
    return null;
end
$$;


--
-- Name: tg_categories__move_subtree(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_categories__move_subtree() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
    update public.categories c set path = new.path || substr(c.path, length(old.path) + 1)
    where c.path like old.path || '/%';
    return null;
end
$$;


--
-- Name: tg_categories__path(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_categories__path() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
    v_parent_path text;
begin
    if new.parent_id is null then
        new.path := new.slug;
    else
        select c.path into v_parent_path from public.categories c where c.id = new.parent_id;
        if tg_op = 'UPDATE' and (v_parent_path = old.path or v_parent_path like old.path || '/%') then
            raise exception 'invalid_input'
                using errcode = 'P0001',
                      detail = json_build_object('message',
                          'a category can''t move under itself or its descendants')::text;
        end if;
        new.path := v_parent_path || '/' || new.slug;
    end if;
    return new;
end
$$;


--
-- Name: tg_orders__before(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_orders__before() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
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


--
-- Name: tg_orders__history(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_orders__history() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: tg_product_specs__typed(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_product_specs__typed() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
    v_def record;
begin
    select d.key, d.type, d.enum_values into v_def from public.spec_definitions d
    where d.id = new.spec_id;
    if (v_def.type = 'number' and new.value_number is null)
       or (v_def.type = 'boolean' and new.value_boolean is null)
       or (v_def.type in ('text', 'enum') and new.value_text is null)
       or (v_def.type = 'enum' and not (new.value_text = any (v_def.enum_values))) then
        raise exception 'invalid_input'
            using errcode = 'P0001',
                  detail = json_build_object('spec', v_def.key, 'type', v_def.type,
                      'allowed', v_def.enum_values,
                      'message', format('spec %s needs a %s value', v_def.key, v_def.type))::text;
    end if;
    return new;
end
$$;


--
-- Name: tg_products__search(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_products__search() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
    new.search := private.product_search_document(
        new.title, (select b.name from public.brands b where b.id = new.brand_id),
        new.model, new.style_code, new.colorway, new.description);
    return new;
end
$$;


--
-- Name: tg_rfq_items__guard(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_rfq_items__guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
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


--
-- Name: tg_rfqs__before(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_rfqs__before() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
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


--
-- Name: tg_rfqs__events(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_rfqs__events() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
begin
    if tg_op = 'INSERT' or new.status is distinct from old.status then
        insert into public.rfq_events (rfq_id, kind, from_status, to_status, actor_id)
        values (new.id, 'status_change', case when tg_op = 'UPDATE' then old.status end,
                new.status, private.current_user_id());
    end if;
    return null;
end
$$;


--
-- Name: tg_stock_counts__immutable(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_stock_counts__immutable() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: tg_stock_levels__alerts(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_stock_levels__alerts() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: tg_stock_levels__ledger_only(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_stock_levels__ledger_only() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: tg_stock_movements__apply(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_stock_movements__apply() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: tg_users__self_insert(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.tg_users__self_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
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


--
-- Name: variant_is_listed(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.variant_is_listed(p_variant_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
    select exists (
        select 1 from public.product_variants v
        join public.products p on p.id = v.product_id
        where v.id = p_variant_id and v.status = 'active' and p.status = 'active')
$$;


--
-- Name: vendor_sells_product(uuid); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.vendor_sells_product(p_product_id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
    select exists (
        select 1 from public.product_variants v
        join public.offers o on o.variant_id = v.id
        where v.product_id = p_product_id and o.vendor_id = private.current_vendor_id())
$$;


--
-- Name: visible_account_ids(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.visible_account_ids() RETURNS uuid[]
    LANGUAGE sql STABLE
    SET search_path TO ''
    AS $$
    select private.member_account_ids() || private.rep_account_ids()
$$;


--
-- Name: visible_price_list_ids(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.visible_price_list_ids() RETURNS uuid[]
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
    select coalesce(array_agg(distinct apl.price_list_id), '{}')
    from public.account_price_lists apl
    where apl.account_id = any (private.visible_account_ids())
$$;


--
-- Name: visible_user_ids(); Type: FUNCTION; Schema: private; Owner: -
--

CREATE FUNCTION private.visible_user_ids() RETURNS uuid[]
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: catalog_search_query(text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.catalog_search_query(p_query text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
    select websearch_to_tsquery('pg_catalog.english',
        regexp_replace(coalesce(p_query, ''), '([[:alnum:]])[-/](?=[[:alnum:]])', '\1 ', 'g'))
$$;


--
-- Name: FUNCTION catalog_search_query(p_query text); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.catalog_search_query(p_query text) IS 'Turn search box text into a tsquery for products.search: where search @@ catalog_search_query(''dunk low dd1391-100'').';


--
-- Name: stock_adjust(uuid, uuid, integer, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stock_adjust(p_location_id uuid, p_variant_id uuid, p_delta integer, p_reason text, p_reference text DEFAULT NULL::text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: stock_alert_acknowledge(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stock_alert_acknowledge(p_alert_id uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: stock_check_ledger(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stock_check_ledger(p_vendor_id uuid DEFAULT NULL::uuid) RETURNS TABLE(location_id uuid, variant_id uuid, kind text, stored bigint, expected bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: stock_commit(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stock_commit(p_reservation_id uuid, p_reference text DEFAULT NULL::text) RETURNS public.stock_reservations
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: stock_count_open(uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stock_count_open(p_location_id uuid, p_note text DEFAULT NULL::text) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: stock_count_post(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stock_count_post(p_count_id uuid) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: stock_count_record(uuid, uuid, integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stock_count_record(p_count_id uuid, p_variant_id uuid, p_counted integer) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: stock_expire_reservations(integer); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stock_expire_reservations(p_batch_size integer DEFAULT 1000) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: stock_receive(uuid, uuid, integer, text, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stock_receive(p_location_id uuid, p_variant_id uuid, p_quantity integer, p_reason text DEFAULT NULL::text, p_reference text DEFAULT NULL::text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: stock_record_oversell_attempt(uuid, integer, integer, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stock_record_oversell_attempt(p_variant_id uuid, p_requested integer, p_available integer, p_vendor_id uuid DEFAULT NULL::uuid) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: stock_release(uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stock_release(p_reservation_id uuid) RETURNS public.stock_reservations
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: stock_release_holder(text, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stock_release_holder(p_holder_type text, p_holder_id uuid) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: stock_reserve(uuid, integer, integer, text, uuid, uuid, uuid, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stock_reserve(p_variant_id uuid, p_quantity integer, p_ttl_seconds integer, p_holder_type text, p_holder_id uuid, p_vendor_id uuid DEFAULT NULL::uuid, p_location_id uuid DEFAULT NULL::uuid, p_idempotency_key text DEFAULT NULL::text) RETURNS SETOF public.stock_reservations
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $_$
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
$_$;


--
-- Name: stock_reserve_lines(jsonb, integer, text, uuid, uuid); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stock_reserve_lines(p_lines jsonb, p_ttl_seconds integer, p_holder_type text, p_holder_id uuid, p_vendor_id uuid DEFAULT NULL::uuid) RETURNS SETOF public.stock_reservations
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: stock_transfer(uuid, uuid, uuid, integer, text); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.stock_transfer(p_from_location_id uuid, p_to_location_id uuid, p_variant_id uuid, p_quantity integer, p_reason text DEFAULT NULL::text) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
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


--
-- Name: alembic_version; Type: TABLE; Schema: private; Owner: -
--

CREATE TABLE private.alembic_version (
    version_num character varying(32) NOT NULL
);


--
-- Name: TABLE alembic_version; Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON TABLE private.alembic_version IS 'Alembic''s bookkeeping: the migration this database is at (emporium db current). The API''s login role reads it for /ready.';


--
-- Name: credentials; Type: TABLE; Schema: private; Owner: -
--

CREATE TABLE private.credentials (
    user_id uuid DEFAULT gen_random_uuid() NOT NULL,
    email text NOT NULL,
    password_hash text NOT NULL,
    app_role text DEFAULT 'customer'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    disabled_at timestamp with time zone,
    CONSTRAINT ck_credentials__app_role_known CHECK ((app_role = ANY (ARRAY['customer'::text, 'vendor'::text, 'rep'::text, 'admin'::text]))),
    CONSTRAINT ck_credentials__argon2id_hash CHECK ((password_hash ~~ '$argon2id$%'::text)),
    CONSTRAINT ck_credentials__email_normalized CHECK (((email = lower(btrim(email))) AND (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'::text)))
);


--
-- Name: TABLE credentials; Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON TABLE private.credentials IS 'The standalone credential store: email, argon2id password hash and app role per user (empty under Supabase Auth). Email stored lower-case, unique.';


--
-- Name: COLUMN credentials.email; Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON COLUMN private.credentials.email IS 'Stored trimmed and lower-case, so the unique key is case-insensitive.';


--
-- Name: document_counters; Type: TABLE; Schema: private; Owner: -
--

CREATE TABLE private.document_counters (
    prefix text NOT NULL,
    year integer NOT NULL,
    last_value bigint NOT NULL
);


--
-- Name: TABLE document_counters; Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON TABLE private.document_counters IS 'Gapless human document numbers (EM-2026-000001): the last value per prefix and year, advanced under a row lock by private.next_document_number().';


--
-- Name: refresh_tokens; Type: TABLE; Schema: private; Owner: -
--

CREATE TABLE private.refresh_tokens (
    id bigint NOT NULL,
    token_hash bytea NOT NULL,
    user_id uuid NOT NULL,
    session_id uuid NOT NULL,
    issued_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    revoked_reason text,
    CONSTRAINT ck_refresh_tokens__expires_after_issue CHECK ((expires_at > issued_at)),
    CONSTRAINT ck_refresh_tokens__revoked_with_reason CHECK ((((revoked_at IS NULL) = (revoked_reason IS NULL)) AND (revoked_reason = ANY (ARRAY['rotated'::text, 'logout'::text, 'reuse_detected'::text]))))
);


--
-- Name: TABLE refresh_tokens; Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON TABLE private.refresh_tokens IS 'Refresh tokens of standalone sessions, stored as sha256 hashes. Rotation keeps the session id, so replaying a rotated token can end the whole session.';


--
-- Name: COLUMN refresh_tokens.token_hash; Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON COLUMN private.refresh_tokens.token_hash IS 'sha256 of the opaque token; the token itself is never stored.';


--
-- Name: COLUMN refresh_tokens.session_id; Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON COLUMN private.refresh_tokens.session_id IS 'One login is one session; rotation keeps it, so a replayed token can end the session.';


--
-- Name: COLUMN refresh_tokens.revoked_reason; Type: COMMENT; Schema: private; Owner: -
--

COMMENT ON COLUMN private.refresh_tokens.revoked_reason IS 'rotated (replaced by a newer token), logout, or reuse_detected.';


--
-- Name: refresh_tokens_id_seq; Type: SEQUENCE; Schema: private; Owner: -
--

ALTER TABLE private.refresh_tokens ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME private.refresh_tokens_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: account_members; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account_members (
    account_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role text DEFAULT 'buyer'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_account_members__role_known CHECK ((role = ANY (ARRAY['owner'::text, 'buyer'::text, 'viewer'::text])))
);


--
-- Name: TABLE account_members; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.account_members IS 'Who belongs to a B2B account and as what: owner, buyer or viewer. One row per account and user; owners and buyers buy for the account, viewers only read.';


--
-- Name: account_notes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account_notes (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    account_id uuid NOT NULL,
    author_id uuid NOT NULL,
    body text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_account_notes__body_present CHECK ((btrim(body) <> ''::text))
);


--
-- Name: TABLE account_notes; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.account_notes IS 'Notes on a B2B account written by its rep or an admin. Never empty; deleted with the account.';


--
-- Name: account_price_lists; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account_price_lists (
    account_id uuid NOT NULL,
    price_list_id uuid NOT NULL,
    priority integer DEFAULT 100 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_account_price_lists__priority_positive CHECK ((priority >= 0))
);


--
-- Name: TABLE account_price_lists; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.account_price_lists IS 'The price lists that apply to an account, by priority (lower first). One row per account and list.';


--
-- Name: accounts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accounts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    name text NOT NULL,
    type text NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    tier text DEFAULT 'bronze'::text NOT NULL,
    credit_limit numeric(14,2) DEFAULT 0 NOT NULL,
    currency character(3) DEFAULT 'USD'::bpchar NOT NULL,
    payment_terms_days integer DEFAULT 0 NOT NULL,
    rep_id uuid,
    shopify_customer_id text,
    legacy_dealer_id integer,
    tax_id text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_accounts__credit_limit_positive CHECK ((credit_limit >= (0)::numeric)),
    CONSTRAINT ck_accounts__currency_iso CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT ck_accounts__name_present CHECK ((btrim(name) <> ''::text)),
    CONSTRAINT ck_accounts__payment_terms_range CHECK (((payment_terms_days >= 0) AND (payment_terms_days <= 365))),
    CONSTRAINT ck_accounts__status_known CHECK ((status = ANY (ARRAY['pending'::text, 'active'::text, 'on_hold'::text, 'closed'::text]))),
    CONSTRAINT ck_accounts__tier_known CHECK ((tier = ANY (ARRAY['bronze'::text, 'silver'::text, 'gold'::text, 'platinum'::text]))),
    CONSTRAINT ck_accounts__type_known CHECK ((type = ANY (ARRAY['dealer'::text, 'pro'::text, 'retail'::text, 'distributor'::text])))
);


--
-- Name: TABLE accounts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.accounts IS 'B2B customers (dealers, pros, retailers, distributors) with tier, credit terms and an assigned rep. rep_id must be a user with role rep (trigger); external ids are unique.';


--
-- Name: addresses; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.addresses (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid,
    account_id uuid,
    label text,
    recipient text NOT NULL,
    company text,
    line1 text NOT NULL,
    line2 text,
    city text NOT NULL,
    region text,
    postal_code text,
    country character(2) NOT NULL,
    phone text,
    is_default_shipping boolean DEFAULT false NOT NULL,
    is_default_billing boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_addresses__country_iso CHECK ((country ~ '^[A-Z]{2}$'::text)),
    CONSTRAINT ck_addresses__one_owner CHECK ((num_nonnulls(user_id, account_id) = 1))
);


--
-- Name: TABLE addresses; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.addresses IS 'Postal addresses owned by exactly one user or one account. At most one default shipping and one default billing address per owner.';


--
-- Name: audit_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_log (
    id bigint NOT NULL,
    table_name text NOT NULL,
    row_key jsonb NOT NULL,
    action text NOT NULL,
    changed jsonb NOT NULL,
    actor_id uuid,
    actor_role text NOT NULL,
    txid bigint NOT NULL,
    at timestamp with time zone NOT NULL,
    CONSTRAINT ck_audit_log__action_known CHECK ((action = ANY (ARRAY['insert'::text, 'update'::text, 'delete'::text])))
);


--
-- Name: TABLE audit_log; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.audit_log IS 'The audit trail written by the trigger private.tg__audit: table, row key, action, changed columns, actor, transaction. Append-only; admins read it.';


--
-- Name: COLUMN audit_log.row_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.audit_log.row_key IS 'The primary key of the changed row, as JSON.';


--
-- Name: COLUMN audit_log.changed; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.audit_log.changed IS '{column: [old, new]} of the changed columns (the whole row for inserts and deletes).';


--
-- Name: COLUMN audit_log.txid; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.audit_log.txid IS 'The transaction id: rows with the same txid changed together.';


--
-- Name: audit_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.audit_log ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: brands; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.brands (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    name text NOT NULL,
    slug text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_brands__slug_format CHECK ((slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text))
);


--
-- Name: TABLE brands; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.brands IS 'Product brands. Slug unique and name unique case-insensitively; renaming a brand re-indexes the search documents of its products.';


--
-- Name: cart_items; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cart_items (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    cart_id uuid NOT NULL,
    offer_id uuid NOT NULL,
    quantity integer NOT NULL,
    note text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_cart_items__quantity_range CHECK (((quantity > 0) AND (quantity <= 100000)))
);


--
-- Name: TABLE cart_items; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.cart_items IS 'The offers in a cart and their quantities. One line per cart and offer; quantity between 1 and 100000.';


--
-- Name: carts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.carts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    account_id uuid,
    status text DEFAULT 'active'::text NOT NULL,
    name text,
    currency character(3) DEFAULT 'USD'::bpchar NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_carts__currency_iso CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT ck_carts__saved_cart_named CHECK (((status <> 'saved'::text) OR (COALESCE(btrim(name), ''::text) <> ''::text))),
    CONSTRAINT ck_carts__status_known CHECK ((status = ANY (ARRAY['active'::text, 'saved'::text, 'converted'::text, 'abandoned'::text])))
);


--
-- Name: TABLE carts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.carts IS 'Shopping carts of a user, or of an account and shared with its members; saved carts are named. One active cart per user and account context.';


--
-- Name: COLUMN carts.account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.carts.account_id IS 'Set: the account''s cart, shared with its members; NULL: the user''s own cart.';


--
-- Name: categories; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.categories (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    parent_id uuid,
    name text NOT NULL,
    slug text NOT NULL,
    path text DEFAULT ''::text NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_categories__not_own_parent CHECK ((parent_id <> id)),
    CONSTRAINT ck_categories__slug_format CHECK ((slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text))
);


--
-- Name: TABLE categories; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.categories IS 'The category tree: parent_id plus the materialized slug path (footwear/sneakers) kept by trigger. Path unique; a category can''t move under itself.';


--
-- Name: COLUMN categories.path; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.categories.path IS 'The slugs from the root joined by ''/'' (footwear/sneakers), kept by trigger.';


--
-- Name: external_refs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.external_refs (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    entity text NOT NULL,
    entity_id uuid NOT NULL,
    source text NOT NULL,
    external_id text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_external_refs__source_known CHECK ((source = ANY (ARRAY['kicksdb'::text, 'shopify'::text])))
);


--
-- Name: TABLE external_refs; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.external_refs IS 'Our rows'' ids in external systems (KicksDB, Shopify). Unique per source and external id, and per source and row: the key of idempotent upserts.';


--
-- Name: integration_runs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.integration_runs (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    source text NOT NULL,
    kind text NOT NULL,
    status text DEFAULT 'running'::text NOT NULL,
    counts jsonb DEFAULT '{}'::jsonb NOT NULL,
    cursor jsonb,
    error text,
    started_by uuid,
    started_at timestamp with time zone NOT NULL,
    finished_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_integration_runs__finished_when_done CHECK (((status = 'running'::text) = (finished_at IS NULL))),
    CONSTRAINT ck_integration_runs__source_known CHECK ((source = ANY (ARRAY['kicksdb'::text, 'shopify'::text]))),
    CONSTRAINT ck_integration_runs__status_known CHECK ((status = ANY (ARRAY['running'::text, 'succeeded'::text, 'failed'::text, 'cancelled'::text])))
);


--
-- Name: TABLE integration_runs; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.integration_runs IS 'Runs of the KicksDB and Shopify integrations: kind, status, counts, resume cursor, error. finished_at is set exactly when the run is no longer running.';


--
-- Name: COLUMN integration_runs.cursor; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.integration_runs.cursor IS 'Where a resumed run continues (page cursor, last id ...).';


--
-- Name: media_objects; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.media_objects (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    bucket text NOT NULL,
    key text NOT NULL,
    content_type text NOT NULL,
    bytes bigint NOT NULL,
    sha256 text NOT NULL,
    width integer,
    height integer,
    placeholder text,
    source_url text,
    kind text DEFAULT 'upload'::text NOT NULL,
    vendor_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_media_objects__bytes_positive CHECK ((bytes >= 0)),
    CONSTRAINT ck_media_objects__content_type_format CHECK ((content_type ~ '^[a-z]+/[a-z0-9.+-]+$'::text)),
    CONSTRAINT ck_media_objects__dimensions_positive CHECK ((((width IS NULL) OR (width > 0)) AND ((height IS NULL) OR (height > 0)))),
    CONSTRAINT ck_media_objects__kind_known CHECK ((kind = ANY (ARRAY['upload'::text, 'import'::text, 'generated_placeholder'::text]))),
    CONSTRAINT ck_media_objects__sha256_hex CHECK (((octet_length(sha256) = 64) AND (sha256 !~ '[^0-9a-f]'::text)))
);


--
-- Name: TABLE media_objects; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.media_objects IS 'Stored files (images, PDFs) by bucket and key, with size, sha256, dimensions and a placeholder. Bucket and key unique; the hash is lower-case hex.';


--
-- Name: COLUMN media_objects.placeholder; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.media_objects.placeholder IS 'A tiny inline preview (data URI) shown while the image loads, or instead of a missing one.';


--
-- Name: COLUMN media_objects.vendor_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.media_objects.vendor_id IS 'The vendor that uploaded the file; NULL for the store''s own files.';


--
-- Name: offers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.offers (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    vendor_id uuid NOT NULL,
    variant_id uuid NOT NULL,
    condition text DEFAULT 'new'::text NOT NULL,
    price numeric(14,4) NOT NULL,
    currency character(3) DEFAULT 'USD'::bpchar NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    min_order_qty integer DEFAULT 1 NOT NULL,
    pack_size integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_offers__condition_known CHECK ((condition = ANY (ARRAY['new'::text, 'vnds'::text, 'used_good'::text, 'used_fair'::text, 'refurbished'::text]))),
    CONSTRAINT ck_offers__currency_iso CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT ck_offers__min_order_qty_positive CHECK ((min_order_qty >= 1)),
    CONSTRAINT ck_offers__pack_size_positive CHECK ((pack_size >= 1)),
    CONSTRAINT ck_offers__price_positive CHECK ((price >= (0)::numeric)),
    CONSTRAINT ck_offers__status_known CHECK ((status = ANY (ARRAY['active'::text, 'paused'::text])))
);


--
-- Name: TABLE offers; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.offers IS 'What a vendor sells: a variant in a condition at a price. One offer per vendor, variant and condition; stock lives at the vendor''s locations, the offer is the price.';


--
-- Name: order_items; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.order_items (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    order_id uuid NOT NULL,
    vendor_id uuid NOT NULL,
    offer_id uuid,
    variant_id uuid NOT NULL,
    sku text NOT NULL,
    title text NOT NULL,
    quantity integer NOT NULL,
    unit_price numeric(14,4) NOT NULL,
    line_total numeric(14,2) GENERATED ALWAYS AS (round(((quantity)::numeric * unit_price), 2)) STORED NOT NULL,
    price_source text DEFAULT 'offer'::text NOT NULL,
    currency character(3) DEFAULT 'USD'::bpchar NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_order_items__currency_iso CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT ck_order_items__price_source_known CHECK ((price_source = ANY (ARRAY['offer'::text, 'contract'::text, 'tier'::text, 'volume'::text, 'quote'::text, 'legacy'::text, 'manual'::text]))),
    CONSTRAINT ck_order_items__quantity_positive CHECK ((quantity > 0)),
    CONSTRAINT ck_order_items__unit_price_positive CHECK ((unit_price >= (0)::numeric))
);


--
-- Name: TABLE order_items; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.order_items IS 'Order lines, each sold by one vendor at a recorded unit price and price source. The offer belongs to the line''s vendor (composite key); line_total is generated.';


--
-- Name: COLUMN order_items.price_source; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.order_items.price_source IS 'How unit_price was found: offer, contract, tier, volume, quote, legacy or manual.';


--
-- Name: order_status_history; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.order_status_history (
    id bigint NOT NULL,
    order_id uuid NOT NULL,
    from_status text,
    to_status text NOT NULL,
    actor_id uuid,
    note text,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: TABLE order_status_history; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.order_status_history IS 'Every status transition of an order, by whom and when, written by trigger. Append-only.';


--
-- Name: order_status_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.order_status_history ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.order_status_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: orders; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orders (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    number text NOT NULL,
    user_id uuid,
    account_id uuid,
    status text DEFAULT 'pending'::text NOT NULL,
    currency character(3) DEFAULT 'USD'::bpchar NOT NULL,
    subtotal numeric(14,2) DEFAULT 0 NOT NULL,
    discount_total numeric(14,2) DEFAULT 0 NOT NULL,
    shipping_total numeric(14,2) DEFAULT 0 NOT NULL,
    tax_total numeric(14,2) DEFAULT 0 NOT NULL,
    grand_total numeric(14,2) DEFAULT 0 NOT NULL,
    shipping_address jsonb,
    billing_address jsonb,
    source text DEFAULT 'web'::text NOT NULL,
    rfq_id uuid,
    legacy_id integer,
    notes text,
    placed_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_orders__currency_iso CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT ck_orders__grand_total_adds_up CHECK ((grand_total = (((subtotal - discount_total) + shipping_total) + tax_total))),
    CONSTRAINT ck_orders__grand_total_positive CHECK ((grand_total >= (0)::numeric)),
    CONSTRAINT ck_orders__source_known CHECK ((source = ANY (ARRAY['web'::text, 'rfq'::text, 'shopify'::text, 'legacy'::text]))),
    CONSTRAINT ck_orders__status_known CHECK ((status = ANY (ARRAY['pending'::text, 'confirmed'::text, 'paid'::text, 'fulfilled'::text, 'shipped'::text, 'delivered'::text, 'cancelled'::text, 'refunded'::text]))),
    CONSTRAINT ck_orders__totals_positive CHECK (((subtotal >= (0)::numeric) AND (discount_total >= (0)::numeric) AND (shipping_total >= (0)::numeric) AND (tax_total >= (0)::numeric)))
);


--
-- Name: TABLE orders; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.orders IS 'Orders: buyer, account, totals, address snapshots and a human number. Status moves only along the order state machine (trigger); grand_total adds up.';


--
-- Name: COLUMN orders.number; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.orders.number IS 'Human number, sequential per year without gaps (EM-2026-000001), assigned by trigger.';


--
-- Name: COLUMN orders.shipping_address; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.orders.shipping_address IS 'The shipping address as it was when the order was placed.';


--
-- Name: COLUMN orders.billing_address; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.orders.billing_address IS 'The billing address as it was when the order was placed.';


--
-- Name: outbox_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.outbox_events (
    id bigint NOT NULL,
    aggregate_type text NOT NULL,
    aggregate_id uuid NOT NULL,
    event_type text NOT NULL,
    payload jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    published_at timestamp with time zone
);


--
-- Name: TABLE outbox_events; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.outbox_events IS 'Events for downstream consumers, written in the transaction that made the change (transactional outbox). Published events have published_at.';


--
-- Name: outbox_events_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.outbox_events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.outbox_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: payments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.payments (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    order_id uuid NOT NULL,
    provider text NOT NULL,
    provider_reference text,
    amount numeric(14,2) NOT NULL,
    refunded_amount numeric(14,2) DEFAULT 0 NOT NULL,
    currency character(3) DEFAULT 'USD'::bpchar NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    idempotency_key text,
    captured_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_payments__amount_positive CHECK ((amount > (0)::numeric)),
    CONSTRAINT ck_payments__currency_iso CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT ck_payments__refunded_within_amount CHECK (((refunded_amount >= (0)::numeric) AND (refunded_amount <= amount))),
    CONSTRAINT ck_payments__status_known CHECK ((status = ANY (ARRAY['pending'::text, 'authorized'::text, 'captured'::text, 'failed'::text, 'refunded'::text, 'partially_refunded'::text])))
);


--
-- Name: TABLE payments; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.payments IS 'Payments of an order at a provider. Idempotency key unique, provider reference unique per provider; refunded_amount never exceeds amount.';


--
-- Name: price_list_entries; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.price_list_entries (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    price_list_id uuid NOT NULL,
    variant_id uuid,
    product_id uuid,
    min_quantity integer DEFAULT 1 NOT NULL,
    price numeric(14,4),
    discount_percent numeric(5,2),
    effective_from timestamp with time zone,
    effective_to timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_price_list_entries__discount_range CHECK (((discount_percent > (0)::numeric) AND (discount_percent <= (100)::numeric))),
    CONSTRAINT ck_price_list_entries__effective_range CHECK (((effective_to IS NULL) OR (effective_from IS NULL) OR (effective_to > effective_from))),
    CONSTRAINT ck_price_list_entries__min_quantity_positive CHECK ((min_quantity >= 1)),
    CONSTRAINT ck_price_list_entries__one_target CHECK ((num_nonnulls(variant_id, product_id) = 1)),
    CONSTRAINT ck_price_list_entries__price_or_discount CHECK ((num_nonnulls(price, discount_percent) = 1)),
    CONSTRAINT ck_price_list_entries__price_positive CHECK ((price >= (0)::numeric))
);


--
-- Name: TABLE price_list_entries; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.price_list_entries IS 'Prices of a list for one variant or one product from a minimum quantity: a price or a discount percent, optionally dated. Exactly one target and one of price or discount.';


--
-- Name: price_lists; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.price_lists (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    name text NOT NULL,
    currency character(3) DEFAULT 'USD'::bpchar NOT NULL,
    kind text NOT NULL,
    tier text,
    status text DEFAULT 'active'::text NOT NULL,
    valid_from timestamp with time zone,
    valid_to timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_price_lists__currency_iso CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT ck_price_lists__kind_known CHECK ((kind = ANY (ARRAY['tier'::text, 'contract'::text]))),
    CONSTRAINT ck_price_lists__status_known CHECK ((status = ANY (ARRAY['active'::text, 'inactive'::text]))),
    CONSTRAINT ck_price_lists__tier_known CHECK ((tier = ANY (ARRAY['bronze'::text, 'silver'::text, 'gold'::text, 'platinum'::text]))),
    CONSTRAINT ck_price_lists__tier_list_has_tier CHECK (((kind = 'tier'::text) = (tier IS NOT NULL))),
    CONSTRAINT ck_price_lists__valid_range CHECK (((valid_to IS NULL) OR (valid_from IS NULL) OR (valid_to > valid_from)))
);


--
-- Name: TABLE price_lists; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.price_lists IS 'B2B price lists in one currency: tier lists (priced per account tier) and contract lists (assigned to accounts). A tier list names its tier; validity range ordered.';


--
-- Name: COLUMN price_lists.tier; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.price_lists.tier IS 'For a tier list: the account tier it prices.';


--
-- Name: product_categories; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.product_categories (
    product_id uuid NOT NULL,
    category_id uuid NOT NULL
);


--
-- Name: TABLE product_categories; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.product_categories IS 'The categories a product is listed in (many to many). One row per product and category.';


--
-- Name: product_documents; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.product_documents (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    product_id uuid NOT NULL,
    media_id uuid NOT NULL,
    kind text NOT NULL,
    title text NOT NULL,
    language text DEFAULT 'en'::text NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_product_documents__kind_known CHECK ((kind = ANY (ARRAY['spec_sheet'::text, 'safety_data_sheet'::text, 'certificate'::text, 'manual'::text, 'other'::text])))
);


--
-- Name: TABLE product_documents; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.product_documents IS 'Documents of a product (spec sheets, safety data sheets, certificates, manuals), pointing at stored media.';


--
-- Name: product_images; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.product_images (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    product_id uuid NOT NULL,
    variant_id uuid,
    media_id uuid NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    alt text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_product_images__position_positive CHECK (("position" >= 0))
);


--
-- Name: TABLE product_images; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.product_images IS 'Images of a product (or of one variant), pointing at stored media. One image per product and position.';


--
-- Name: product_specs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.product_specs (
    product_id uuid NOT NULL,
    spec_id uuid NOT NULL,
    value_number numeric,
    value_text text,
    value_boolean boolean,
    CONSTRAINT ck_product_specs__one_value CHECK ((num_nonnulls(value_number, value_text, value_boolean) = 1))
);


--
-- Name: TABLE product_specs; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.product_specs IS 'A product''s specification values, one typed column each. Exactly one value per product and spec, in the column its definition''s type names (trigger).';


--
-- Name: product_variants; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.product_variants (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    product_id uuid NOT NULL,
    sku text NOT NULL,
    size_label text,
    size_us numeric(4,1),
    options jsonb DEFAULT '{}'::jsonb NOT NULL,
    gtin text,
    weight_grams integer,
    status text DEFAULT 'active'::text NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_product_variants__gtin_digits CHECK ((gtin ~ '^[0-9]{8,14}$'::text)),
    CONSTRAINT ck_product_variants__options_object CHECK ((jsonb_typeof(options) = 'object'::text)),
    CONSTRAINT ck_product_variants__size_us_range CHECK (((size_us > (0)::numeric) AND (size_us < (30)::numeric))),
    CONSTRAINT ck_product_variants__sku_present CHECK (((sku = btrim(sku)) AND (sku <> ''::text))),
    CONSTRAINT ck_product_variants__status_known CHECK ((status = ANY (ARRAY['active'::text, 'inactive'::text]))),
    CONSTRAINT ck_product_variants__weight_positive CHECK ((weight_grams > 0))
);


--
-- Name: TABLE product_variants; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.product_variants IS 'The sellable units of a product: size and other option axes, GTIN, weight. SKU unique; one variant per product and option combination.';


--
-- Name: COLUMN product_variants.options; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.product_variants.options IS 'Option axes besides size (flavour, pack size, handing ...) as a JSON object.';


--
-- Name: products; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.products (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    title text NOT NULL,
    slug text NOT NULL,
    brand_id uuid,
    model text,
    style_code text,
    colorway text,
    gender text,
    release_date date,
    retail_price numeric(14,4),
    currency character(3) DEFAULT 'USD'::bpchar NOT NULL,
    description text,
    kind text DEFAULT 'simple'::text NOT NULL,
    status text DEFAULT 'draft'::text NOT NULL,
    source text DEFAULT 'manual'::text NOT NULL,
    source_id text,
    source_payload jsonb,
    search tsvector DEFAULT ''::tsvector NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_products__currency_iso CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT ck_products__gender_known CHECK ((gender = ANY (ARRAY['men'::text, 'women'::text, 'unisex'::text, 'kids'::text, 'toddler'::text, 'infant'::text]))),
    CONSTRAINT ck_products__kind_known CHECK ((kind = ANY (ARRAY['simple'::text, 'variable'::text]))),
    CONSTRAINT ck_products__retail_price_positive CHECK ((retail_price >= (0)::numeric)),
    CONSTRAINT ck_products__slug_format CHECK ((slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text)),
    CONSTRAINT ck_products__source_known CHECK ((source = ANY (ARRAY['kicksdb'::text, 'shopify'::text, 'manual'::text, 'legacy'::text]))),
    CONSTRAINT ck_products__status_known CHECK ((status = ANY (ARRAY['draft'::text, 'active'::text, 'archived'::text]))),
    CONSTRAINT ck_products__style_code_normalized CHECK (((style_code = upper(btrim(style_code))) AND (style_code <> ''::text))),
    CONSTRAINT ck_products__title_present CHECK ((btrim(title) <> ''::text))
);


--
-- Name: TABLE products; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.products IS 'Catalog products with their source record (KicksDB, Shopify, manual, legacy). Slug unique; style_code upper-case and unique when present; search kept by trigger.';


--
-- Name: COLUMN products.style_code; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.products.style_code IS 'The sneaker SKU (DD1391-100): trimmed and upper-case, unique when present.';


--
-- Name: COLUMN products.source_payload; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.products.source_payload IS 'The raw record from the source, as received.';


--
-- Name: COLUMN products.search; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.products.search IS 'The full-text document (brand, title, style code, model, colorway, description), kept by trigger.';


--
-- Name: refunds; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.refunds (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    payment_id uuid NOT NULL,
    order_id uuid NOT NULL,
    amount numeric(14,2) NOT NULL,
    currency character(3) DEFAULT 'USD'::bpchar NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    reason text,
    provider_reference text,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_refunds__amount_positive CHECK ((amount > (0)::numeric)),
    CONSTRAINT ck_refunds__currency_iso CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT ck_refunds__status_known CHECK ((status = ANY (ARRAY['pending'::text, 'succeeded'::text, 'failed'::text])))
);


--
-- Name: TABLE refunds; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.refunds IS 'Refunds against a payment of an order. Amount positive; kept as history: a refunded payment or order can''t be deleted.';


--
-- Name: rfq_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rfq_events (
    id bigint NOT NULL,
    rfq_id uuid NOT NULL,
    kind text NOT NULL,
    from_status text,
    to_status text,
    actor_id uuid,
    note text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_rfq_events__kind_known CHECK ((kind = ANY (ARRAY['status_change'::text, 'comment'::text, 'quote_revised'::text])))
);


--
-- Name: TABLE rfq_events; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.rfq_events IS 'The history of a request for quote: status changes, comments, quote revisions. Append-only.';


--
-- Name: rfq_events_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.rfq_events ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.rfq_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: rfq_items; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rfq_items (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    rfq_id uuid NOT NULL,
    variant_id uuid NOT NULL,
    quantity integer NOT NULL,
    target_price numeric(14,4),
    quoted_price numeric(14,4),
    lead_time_days integer,
    note text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_rfq_items__lead_time_positive CHECK ((lead_time_days >= 0)),
    CONSTRAINT ck_rfq_items__prices_positive CHECK (((target_price >= (0)::numeric) AND (quoted_price >= (0)::numeric))),
    CONSTRAINT ck_rfq_items__quantity_positive CHECK ((quantity > 0))
);


--
-- Name: TABLE rfq_items; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.rfq_items IS 'Variants and quantities of a request for quote, with target and quoted prices and lead times. Buyers edit drafts, reps quote (trigger).';


--
-- Name: rfqs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rfqs (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    number text NOT NULL,
    account_id uuid NOT NULL,
    requester_id uuid NOT NULL,
    assigned_rep_id uuid,
    status text DEFAULT 'draft'::text NOT NULL,
    priority text DEFAULT 'normal'::text NOT NULL,
    needed_by date,
    expires_at timestamp with time zone,
    currency character(3) DEFAULT 'USD'::bpchar NOT NULL,
    notes text,
    submitted_at timestamp with time zone,
    quoted_at timestamp with time zone,
    decided_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_rfqs__currency_iso CHECK ((currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT ck_rfqs__priority_known CHECK ((priority = ANY (ARRAY['low'::text, 'normal'::text, 'high'::text, 'urgent'::text]))),
    CONSTRAINT ck_rfqs__status_known CHECK ((status = ANY (ARRAY['draft'::text, 'submitted'::text, 'quoted'::text, 'accepted'::text, 'rejected'::text, 'expired'::text, 'converted'::text])))
);


--
-- Name: TABLE rfqs; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.rfqs IS 'Requests for quote: an account asks, its rep quotes, the account accepts or rejects. Human number unique; status and who may move it are enforced by trigger.';


--
-- Name: COLUMN rfqs.number; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.rfqs.number IS 'Human number, sequential per year without gaps (RFQ-2026-000001), assigned by trigger.';


--
-- Name: shipment_items; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.shipment_items (
    shipment_id uuid NOT NULL,
    order_item_id uuid NOT NULL,
    vendor_id uuid NOT NULL,
    quantity integer NOT NULL,
    CONSTRAINT ck_shipment_items__quantity_positive CHECK ((quantity > 0))
);


--
-- Name: TABLE shipment_items; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.shipment_items IS 'The order items a shipment carries, and how many units. Shipment and order item belong to the same vendor (composite keys).';


--
-- Name: shipments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.shipments (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    order_id uuid NOT NULL,
    vendor_id uuid NOT NULL,
    location_id uuid,
    carrier text,
    service text,
    tracking_number text,
    status text DEFAULT 'pending'::text NOT NULL,
    shipped_at timestamp with time zone,
    delivered_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_shipments__delivered_after_shipped CHECK (((delivered_at IS NULL) OR (shipped_at IS NOT NULL))),
    CONSTRAINT ck_shipments__status_known CHECK ((status = ANY (ARRAY['pending'::text, 'label_created'::text, 'in_transit'::text, 'delivered'::text, 'returned'::text, 'cancelled'::text])))
);


--
-- Name: TABLE shipments; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.shipments IS 'Shipments of one vendor''s items of an order from one of its locations: carrier, tracking, status. The location belongs to the shipment''s vendor (composite key).';


--
-- Name: spec_definitions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.spec_definitions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    key text NOT NULL,
    label text NOT NULL,
    type text NOT NULL,
    unit text,
    filterable boolean DEFAULT false NOT NULL,
    enum_values text[],
    "position" integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_spec_definitions__enum_has_values CHECK (((type = 'enum'::text) = (enum_values IS NOT NULL))),
    CONSTRAINT ck_spec_definitions__key_format CHECK ((key ~ '^[a-z][a-z0-9_]*$'::text)),
    CONSTRAINT ck_spec_definitions__type_known CHECK ((type = ANY (ARRAY['number'::text, 'text'::text, 'boolean'::text, 'enum'::text])))
);


--
-- Name: TABLE spec_definitions; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.spec_definitions IS 'Technical specification keys (protein, voltage, certification ...) with type, unit and allowed values. Key unique; enum specs list their values.';


--
-- Name: stock_alerts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stock_alerts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    vendor_id uuid NOT NULL,
    location_id uuid NOT NULL,
    variant_id uuid NOT NULL,
    kind text NOT NULL,
    detail jsonb DEFAULT '{}'::jsonb NOT NULL,
    opened_at timestamp with time zone NOT NULL,
    resolved_at timestamp with time zone,
    acknowledged_by uuid,
    acknowledged_at timestamp with time zone,
    CONSTRAINT ck_stock_alerts__acknowledged_together CHECK (((acknowledged_by IS NULL) = (acknowledged_at IS NULL))),
    CONSTRAINT ck_stock_alerts__kind_known CHECK ((kind = ANY (ARRAY['low_stock'::text, 'out_of_stock'::text, 'oversell_attempt'::text]))),
    CONSTRAINT ck_stock_alerts__resolved_after_open CHECK (((resolved_at IS NULL) OR (resolved_at >= opened_at)))
);


--
-- Name: TABLE stock_alerts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.stock_alerts IS 'Low-stock, out-of-stock and oversell alerts per location and variant, acknowledged by vendor staff. At most one open alert per kind, location and variant.';


--
-- Name: stock_count_lines; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stock_count_lines (
    count_id uuid NOT NULL,
    variant_id uuid NOT NULL,
    vendor_id uuid NOT NULL,
    expected integer NOT NULL,
    counted integer,
    counted_by uuid,
    counted_at timestamp with time zone,
    CONSTRAINT ck_stock_count_lines__counted_positive CHECK ((counted >= 0)),
    CONSTRAINT ck_stock_count_lines__expected_positive CHECK ((expected >= 0))
);


--
-- Name: TABLE stock_count_lines; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.stock_count_lines IS 'Expected and counted quantity per variant of a cycle count. Same vendor as its count (composite key); quantities never negative.';


--
-- Name: stock_counts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stock_counts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    vendor_id uuid NOT NULL,
    location_id uuid NOT NULL,
    status text DEFAULT 'open'::text NOT NULL,
    note text,
    opened_by uuid,
    posted_by uuid,
    posted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_stock_counts__posted_has_time CHECK (((status = 'posted'::text) = (posted_at IS NOT NULL))),
    CONSTRAINT ck_stock_counts__status_known CHECK ((status = ANY (ARRAY['open'::text, 'posted'::text, 'cancelled'::text])))
);


--
-- Name: TABLE stock_counts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.stock_counts IS 'Cycle counts (inventory audits) of one location; posting one writes count_correction movements. A posted count has posted_at.';


--
-- Name: stock_levels; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stock_levels (
    location_id uuid NOT NULL,
    variant_id uuid NOT NULL,
    vendor_id uuid NOT NULL,
    on_hand integer DEFAULT 0 NOT NULL,
    reserved integer DEFAULT 0 NOT NULL,
    available integer GENERATED ALWAYS AS ((on_hand - reserved)) STORED NOT NULL,
    reorder_point integer DEFAULT 0 NOT NULL,
    safety_stock integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_stock_levels__reserved_within_on_hand CHECK (((reserved >= 0) AND (reserved <= on_hand))),
    CONSTRAINT ck_stock_levels__thresholds_positive CHECK (((reorder_point >= 0) AND (safety_stock >= 0)))
);


--
-- Name: TABLE stock_levels; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.stock_levels IS 'Stock per location and variant: on_hand, reserved and the generated available. 0 <= reserved <= on_hand; changed only by the stock functions, never by clients.';


--
-- Name: stock_locations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stock_locations (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    vendor_id uuid NOT NULL,
    name text NOT NULL,
    code text NOT NULL,
    priority integer DEFAULT 100 NOT NULL,
    active boolean DEFAULT true NOT NULL,
    country text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_stock_locations__code_format CHECK ((code ~ '^[A-Za-z0-9_-]{1,32}$'::text)),
    CONSTRAINT ck_stock_locations__priority_positive CHECK ((priority >= 0))
);


--
-- Name: TABLE stock_locations; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.stock_locations IS 'A vendor''s warehouses and stores, allocated in priority order (lower first). Code unique per vendor.';


--
-- Name: COLUMN stock_locations.priority; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.stock_locations.priority IS 'Allocation order: lower first.';


--
-- Name: stock_movements; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.stock_movements (
    id bigint NOT NULL,
    vendor_id uuid NOT NULL,
    location_id uuid NOT NULL,
    variant_id uuid NOT NULL,
    delta integer NOT NULL,
    kind text NOT NULL,
    reason text,
    reference text,
    actor_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_stock_movements__delta_not_zero CHECK ((delta <> 0)),
    CONSTRAINT ck_stock_movements__kind_known CHECK ((kind = ANY (ARRAY['receipt'::text, 'sale'::text, 'return'::text, 'adjustment'::text, 'transfer_out'::text, 'transfer_in'::text, 'count_correction'::text, 'opening_balance'::text])))
);


--
-- Name: TABLE stock_movements; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.stock_movements IS 'The append-only inventory ledger: every signed change of on_hand with its kind, reason and actor. Per location and variant, on_hand = sum(delta).';


--
-- Name: COLUMN stock_movements.delta; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.stock_movements.delta IS 'The signed change of on_hand.';


--
-- Name: COLUMN stock_movements.reference; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.stock_movements.reference IS 'What caused it: an order id, a count id, a legacy row ...';


--
-- Name: stock_movements_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.stock_movements ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.stock_movements_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: sync_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sync_log (
    id bigint NOT NULL,
    run_id uuid NOT NULL,
    entity text NOT NULL,
    external_id text,
    action text NOT NULL,
    outcome text NOT NULL,
    message text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_sync_log__action_known CHECK ((action = ANY (ARRAY['create'::text, 'update'::text, 'delete'::text, 'skip'::text]))),
    CONSTRAINT ck_sync_log__outcome_known CHECK ((outcome = ANY (ARRAY['ok'::text, 'error'::text, 'skipped'::text])))
);


--
-- Name: TABLE sync_log; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.sync_log IS 'The per-entity outcome of an integration run (create, update, delete, skip; ok, error, skipped). Append-only.';


--
-- Name: sync_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.sync_log ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.sync_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.users (
    id uuid NOT NULL,
    email text NOT NULL,
    full_name text,
    role text DEFAULT 'customer'::text NOT NULL,
    vendor_id uuid,
    vendor_role text,
    phone text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_users__email_format CHECK (((email = btrim(email)) AND (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'::text))),
    CONSTRAINT ck_users__role_known CHECK ((role = ANY (ARRAY['customer'::text, 'vendor'::text, 'rep'::text, 'admin'::text]))),
    CONSTRAINT ck_users__vendor_role_known CHECK ((vendor_role = ANY (ARRAY['owner'::text, 'manager'::text, 'staff'::text]))),
    CONSTRAINT ck_users__vendor_staff_has_vendor CHECK ((((role = 'vendor'::text) = (vendor_id IS NOT NULL)) AND ((vendor_id IS NULL) = (vendor_role IS NULL))))
);


--
-- Name: TABLE users; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.users IS 'One row per auth user (id = the auth user''s id): profile and app role. Email unique case-insensitively; vendor staff, and only they, have a vendor_id and a vendor_role.';


--
-- Name: COLUMN users.id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.users.id IS 'The auth user''s id: Supabase auth.users.id, or private.credentials.user_id standalone.';


--
-- Name: vendors; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.vendors (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    name text NOT NULL,
    slug text NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    commission_rate numeric(5,4) DEFAULT 0.1000 NOT NULL,
    is_house boolean DEFAULT false NOT NULL,
    contact_email text,
    contact_phone text,
    country character(2),
    default_currency character(3) DEFAULT 'USD'::bpchar NOT NULL,
    ships_within_days integer DEFAULT 2 NOT NULL,
    accepts_returns boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_vendors__commission_rate_range CHECK (((commission_rate >= (0)::numeric) AND (commission_rate <= (1)::numeric))),
    CONSTRAINT ck_vendors__country_iso CHECK ((country ~ '^[A-Z]{2}$'::text)),
    CONSTRAINT ck_vendors__currency_iso CHECK ((default_currency ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT ck_vendors__name_present CHECK ((btrim(name) <> ''::text)),
    CONSTRAINT ck_vendors__ships_within_days_range CHECK (((ships_within_days >= 0) AND (ships_within_days <= 90))),
    CONSTRAINT ck_vendors__slug_format CHECK ((slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'::text)),
    CONSTRAINT ck_vendors__status_known CHECK ((status = ANY (ARRAY['pending'::text, 'active'::text, 'suspended'::text])))
);


--
-- Name: TABLE vendors; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.vendors IS 'Sellers on the marketplace, the store itself included (is_house). Slug unique, at most one house vendor; status, commission rate and slug are changed only by admins.';


--
-- Name: variant_availability; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.variant_availability WITH (security_barrier='true') AS
 SELECT l.variant_id,
    sum(l.available) AS available
   FROM ((public.stock_levels l
     JOIN public.stock_locations sl ON (((sl.id = l.location_id) AND sl.active)))
     JOIN public.vendors v ON (((v.id = l.vendor_id) AND (v.status = 'active'::text))))
  WHERE (EXISTS ( SELECT 1
           FROM public.offers o
          WHERE ((o.vendor_id = l.vendor_id) AND (o.variant_id = l.variant_id) AND (o.status = 'active'::text))))
  GROUP BY l.variant_id;


--
-- Name: VIEW variant_availability; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.variant_availability IS 'Units available per variant across active offers (no per-location or per-vendor detail).';


--
-- Name: vendor_orders; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.vendor_orders WITH (security_barrier='true') AS
 SELECT id,
    number,
    status,
    placed_at,
    shipping_address,
    currency
   FROM public.orders o
  WHERE (EXISTS ( SELECT 1
           FROM public.order_items oi
          WHERE ((oi.order_id = o.id) AND (oi.vendor_id = private.current_vendor_id()))));


--
-- Name: VIEW vendor_orders; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.vendor_orders IS 'Orders that hold items of the caller''s vendor, with only what shipping needs.';


--
-- Name: vendor_settings; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.vendor_settings WITH (security_barrier='true') AS
 SELECT id,
    name,
    commission_rate,
    contact_email,
    contact_phone
   FROM public.vendors v
  WHERE ((id = private.current_vendor_id()) OR private.is_admin());


--
-- Name: VIEW vendor_settings; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.vendor_settings IS 'A vendor''s commercial terms and contacts: its own staff and admins only.';


--
-- Name: volume_discounts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.volume_discounts (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    scope text NOT NULL,
    brand_id uuid,
    category_id uuid,
    product_id uuid,
    variant_id uuid,
    account_tier text,
    min_quantity integer NOT NULL,
    discount_percent numeric(5,2) NOT NULL,
    status text DEFAULT 'active'::text NOT NULL,
    valid_from timestamp with time zone,
    valid_to timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT ck_volume_discounts__account_tier_known CHECK ((account_tier = ANY (ARRAY['bronze'::text, 'silver'::text, 'gold'::text, 'platinum'::text]))),
    CONSTRAINT ck_volume_discounts__discount_range CHECK (((discount_percent > (0)::numeric) AND (discount_percent <= (100)::numeric))),
    CONSTRAINT ck_volume_discounts__min_quantity_break CHECK ((min_quantity >= 2)),
    CONSTRAINT ck_volume_discounts__scope_known CHECK ((scope = ANY (ARRAY['all'::text, 'brand'::text, 'category'::text, 'product'::text, 'variant'::text]))),
    CONSTRAINT ck_volume_discounts__scope_target CHECK ((((scope = 'all'::text) AND (num_nonnulls(brand_id, category_id, product_id, variant_id) = 0)) OR ((scope = 'brand'::text) AND (brand_id IS NOT NULL) AND (num_nonnulls(category_id, product_id, variant_id) = 0)) OR ((scope = 'category'::text) AND (category_id IS NOT NULL) AND (num_nonnulls(brand_id, product_id, variant_id) = 0)) OR ((scope = 'product'::text) AND (product_id IS NOT NULL) AND (num_nonnulls(brand_id, category_id, variant_id) = 0)) OR ((scope = 'variant'::text) AND (variant_id IS NOT NULL) AND (num_nonnulls(brand_id, category_id, product_id) = 0)))),
    CONSTRAINT ck_volume_discounts__status_known CHECK ((status = ANY (ARRAY['active'::text, 'inactive'::text]))),
    CONSTRAINT ck_volume_discounts__valid_range CHECK (((valid_to IS NULL) OR (valid_from IS NULL) OR (valid_to > valid_from)))
);


--
-- Name: TABLE volume_discounts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.volume_discounts IS 'Quantity break discounts for everything, a brand, category, product or variant, optionally per account tier. The scope names exactly its target; min_quantity >= 2.';


--
-- Name: COLUMN volume_discounts.account_tier; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.volume_discounts.account_tier IS 'The account tier it applies to; NULL: every tier.';


--
-- Name: webhook_receipts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.webhook_receipts (
    id bigint NOT NULL,
    source text NOT NULL,
    event_id text NOT NULL,
    topic text NOT NULL,
    payload jsonb NOT NULL,
    status text DEFAULT 'received'::text NOT NULL,
    error text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    processed_at timestamp with time zone,
    CONSTRAINT ck_webhook_receipts__source_known CHECK ((source = ANY (ARRAY['kicksdb'::text, 'shopify'::text]))),
    CONSTRAINT ck_webhook_receipts__status_known CHECK ((status = ANY (ARRAY['received'::text, 'processed'::text, 'failed'::text])))
);


--
-- Name: TABLE webhook_receipts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.webhook_receipts IS 'Every webhook delivery received, with its payload and processing status. Unique per source and event id, so each delivery is processed once.';


--
-- Name: webhook_receipts_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.webhook_receipts ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.webhook_receipts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: alembic_version alembic_version_pkc; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.alembic_version
    ADD CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num);


--
-- Name: credentials pk_credentials; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.credentials
    ADD CONSTRAINT pk_credentials PRIMARY KEY (user_id);


--
-- Name: document_counters pk_document_counters; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.document_counters
    ADD CONSTRAINT pk_document_counters PRIMARY KEY (prefix, year);


--
-- Name: refresh_tokens pk_refresh_tokens; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.refresh_tokens
    ADD CONSTRAINT pk_refresh_tokens PRIMARY KEY (id);


--
-- Name: credentials uq_credentials__email; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.credentials
    ADD CONSTRAINT uq_credentials__email UNIQUE (email);


--
-- Name: refresh_tokens uq_refresh_tokens__token_hash; Type: CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.refresh_tokens
    ADD CONSTRAINT uq_refresh_tokens__token_hash UNIQUE (token_hash);


--
-- Name: account_members pk_account_members; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_members
    ADD CONSTRAINT pk_account_members PRIMARY KEY (account_id, user_id);


--
-- Name: account_notes pk_account_notes; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_notes
    ADD CONSTRAINT pk_account_notes PRIMARY KEY (id);


--
-- Name: account_price_lists pk_account_price_lists; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_price_lists
    ADD CONSTRAINT pk_account_price_lists PRIMARY KEY (account_id, price_list_id);


--
-- Name: accounts pk_accounts; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT pk_accounts PRIMARY KEY (id);


--
-- Name: addresses pk_addresses; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.addresses
    ADD CONSTRAINT pk_addresses PRIMARY KEY (id);


--
-- Name: audit_log pk_audit_log; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT pk_audit_log PRIMARY KEY (id);


--
-- Name: brands pk_brands; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.brands
    ADD CONSTRAINT pk_brands PRIMARY KEY (id);


--
-- Name: cart_items pk_cart_items; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cart_items
    ADD CONSTRAINT pk_cart_items PRIMARY KEY (id);


--
-- Name: carts pk_carts; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.carts
    ADD CONSTRAINT pk_carts PRIMARY KEY (id);


--
-- Name: categories pk_categories; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.categories
    ADD CONSTRAINT pk_categories PRIMARY KEY (id);


--
-- Name: external_refs pk_external_refs; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.external_refs
    ADD CONSTRAINT pk_external_refs PRIMARY KEY (id);


--
-- Name: integration_runs pk_integration_runs; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.integration_runs
    ADD CONSTRAINT pk_integration_runs PRIMARY KEY (id);


--
-- Name: media_objects pk_media_objects; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.media_objects
    ADD CONSTRAINT pk_media_objects PRIMARY KEY (id);


--
-- Name: offers pk_offers; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.offers
    ADD CONSTRAINT pk_offers PRIMARY KEY (id);


--
-- Name: order_items pk_order_items; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_items
    ADD CONSTRAINT pk_order_items PRIMARY KEY (id);


--
-- Name: order_status_history pk_order_status_history; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_status_history
    ADD CONSTRAINT pk_order_status_history PRIMARY KEY (id);


--
-- Name: orders pk_orders; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT pk_orders PRIMARY KEY (id);


--
-- Name: outbox_events pk_outbox_events; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox_events
    ADD CONSTRAINT pk_outbox_events PRIMARY KEY (id);


--
-- Name: payments pk_payments; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT pk_payments PRIMARY KEY (id);


--
-- Name: price_list_entries pk_price_list_entries; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.price_list_entries
    ADD CONSTRAINT pk_price_list_entries PRIMARY KEY (id);


--
-- Name: price_lists pk_price_lists; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.price_lists
    ADD CONSTRAINT pk_price_lists PRIMARY KEY (id);


--
-- Name: product_categories pk_product_categories; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_categories
    ADD CONSTRAINT pk_product_categories PRIMARY KEY (product_id, category_id);


--
-- Name: product_documents pk_product_documents; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_documents
    ADD CONSTRAINT pk_product_documents PRIMARY KEY (id);


--
-- Name: product_images pk_product_images; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_images
    ADD CONSTRAINT pk_product_images PRIMARY KEY (id);


--
-- Name: product_specs pk_product_specs; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_specs
    ADD CONSTRAINT pk_product_specs PRIMARY KEY (product_id, spec_id);


--
-- Name: product_variants pk_product_variants; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_variants
    ADD CONSTRAINT pk_product_variants PRIMARY KEY (id);


--
-- Name: products pk_products; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.products
    ADD CONSTRAINT pk_products PRIMARY KEY (id);


--
-- Name: refunds pk_refunds; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refunds
    ADD CONSTRAINT pk_refunds PRIMARY KEY (id);


--
-- Name: rfq_events pk_rfq_events; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rfq_events
    ADD CONSTRAINT pk_rfq_events PRIMARY KEY (id);


--
-- Name: rfq_items pk_rfq_items; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rfq_items
    ADD CONSTRAINT pk_rfq_items PRIMARY KEY (id);


--
-- Name: rfqs pk_rfqs; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rfqs
    ADD CONSTRAINT pk_rfqs PRIMARY KEY (id);


--
-- Name: shipment_items pk_shipment_items; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.shipment_items
    ADD CONSTRAINT pk_shipment_items PRIMARY KEY (shipment_id, order_item_id);


--
-- Name: shipments pk_shipments; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.shipments
    ADD CONSTRAINT pk_shipments PRIMARY KEY (id);


--
-- Name: spec_definitions pk_spec_definitions; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.spec_definitions
    ADD CONSTRAINT pk_spec_definitions PRIMARY KEY (id);


--
-- Name: stock_alerts pk_stock_alerts; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_alerts
    ADD CONSTRAINT pk_stock_alerts PRIMARY KEY (id);


--
-- Name: stock_count_lines pk_stock_count_lines; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_count_lines
    ADD CONSTRAINT pk_stock_count_lines PRIMARY KEY (count_id, variant_id);


--
-- Name: stock_counts pk_stock_counts; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_counts
    ADD CONSTRAINT pk_stock_counts PRIMARY KEY (id);


--
-- Name: stock_levels pk_stock_levels; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_levels
    ADD CONSTRAINT pk_stock_levels PRIMARY KEY (location_id, variant_id);


--
-- Name: stock_locations pk_stock_locations; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_locations
    ADD CONSTRAINT pk_stock_locations PRIMARY KEY (id);


--
-- Name: stock_movements pk_stock_movements; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_movements
    ADD CONSTRAINT pk_stock_movements PRIMARY KEY (id);


--
-- Name: stock_reservations pk_stock_reservations; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_reservations
    ADD CONSTRAINT pk_stock_reservations PRIMARY KEY (id);


--
-- Name: sync_log pk_sync_log; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sync_log
    ADD CONSTRAINT pk_sync_log PRIMARY KEY (id);


--
-- Name: users pk_users; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT pk_users PRIMARY KEY (id);


--
-- Name: vendors pk_vendors; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.vendors
    ADD CONSTRAINT pk_vendors PRIMARY KEY (id);


--
-- Name: volume_discounts pk_volume_discounts; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.volume_discounts
    ADD CONSTRAINT pk_volume_discounts PRIMARY KEY (id);


--
-- Name: webhook_receipts pk_webhook_receipts; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_receipts
    ADD CONSTRAINT pk_webhook_receipts PRIMARY KEY (id);


--
-- Name: accounts uq_accounts__legacy_dealer_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT uq_accounts__legacy_dealer_id UNIQUE (legacy_dealer_id);


--
-- Name: accounts uq_accounts__shopify_customer_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT uq_accounts__shopify_customer_id UNIQUE (shopify_customer_id);


--
-- Name: brands uq_brands__slug; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.brands
    ADD CONSTRAINT uq_brands__slug UNIQUE (slug);


--
-- Name: cart_items uq_cart_items__cart_id_offer_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cart_items
    ADD CONSTRAINT uq_cart_items__cart_id_offer_id UNIQUE (cart_id, offer_id);


--
-- Name: categories uq_categories__path; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.categories
    ADD CONSTRAINT uq_categories__path UNIQUE (path);


--
-- Name: external_refs uq_external_refs__source_entity_entity_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.external_refs
    ADD CONSTRAINT uq_external_refs__source_entity_entity_id UNIQUE (source, entity, entity_id);


--
-- Name: external_refs uq_external_refs__source_external_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.external_refs
    ADD CONSTRAINT uq_external_refs__source_external_id UNIQUE (source, external_id);


--
-- Name: media_objects uq_media_objects__bucket_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.media_objects
    ADD CONSTRAINT uq_media_objects__bucket_key UNIQUE (bucket, key);


--
-- Name: offers uq_offers__id_vendor_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.offers
    ADD CONSTRAINT uq_offers__id_vendor_id UNIQUE (id, vendor_id);


--
-- Name: offers uq_offers__vendor_id_variant_id_condition; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.offers
    ADD CONSTRAINT uq_offers__vendor_id_variant_id_condition UNIQUE (vendor_id, variant_id, condition);


--
-- Name: order_items uq_order_items__id_vendor_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_items
    ADD CONSTRAINT uq_order_items__id_vendor_id UNIQUE (id, vendor_id);


--
-- Name: orders uq_orders__legacy_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT uq_orders__legacy_id UNIQUE (legacy_id);


--
-- Name: orders uq_orders__number; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT uq_orders__number UNIQUE (number);


--
-- Name: payments uq_payments__idempotency_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT uq_payments__idempotency_key UNIQUE (idempotency_key);


--
-- Name: product_images uq_product_images__product_id_position; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_images
    ADD CONSTRAINT uq_product_images__product_id_position UNIQUE (product_id, "position");


--
-- Name: product_variants uq_product_variants__sku; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_variants
    ADD CONSTRAINT uq_product_variants__sku UNIQUE (sku);


--
-- Name: products uq_products__slug; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.products
    ADD CONSTRAINT uq_products__slug UNIQUE (slug);


--
-- Name: products uq_products__style_code; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.products
    ADD CONSTRAINT uq_products__style_code UNIQUE (style_code);


--
-- Name: rfqs uq_rfqs__number; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rfqs
    ADD CONSTRAINT uq_rfqs__number UNIQUE (number);


--
-- Name: shipments uq_shipments__id_vendor_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.shipments
    ADD CONSTRAINT uq_shipments__id_vendor_id UNIQUE (id, vendor_id);


--
-- Name: spec_definitions uq_spec_definitions__key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.spec_definitions
    ADD CONSTRAINT uq_spec_definitions__key UNIQUE (key);


--
-- Name: stock_counts uq_stock_counts__id_vendor_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_counts
    ADD CONSTRAINT uq_stock_counts__id_vendor_id UNIQUE (id, vendor_id);


--
-- Name: stock_locations uq_stock_locations__id_vendor_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_locations
    ADD CONSTRAINT uq_stock_locations__id_vendor_id UNIQUE (id, vendor_id);


--
-- Name: stock_locations uq_stock_locations__vendor_id_code; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_locations
    ADD CONSTRAINT uq_stock_locations__vendor_id_code UNIQUE (vendor_id, code);


--
-- Name: vendors uq_vendors__slug; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.vendors
    ADD CONSTRAINT uq_vendors__slug UNIQUE (slug);


--
-- Name: webhook_receipts uq_webhook_receipts__source_event_id; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_receipts
    ADD CONSTRAINT uq_webhook_receipts__source_event_id UNIQUE (source, event_id);


--
-- Name: ix_refresh_tokens__session_id; Type: INDEX; Schema: private; Owner: -
--

CREATE INDEX ix_refresh_tokens__session_id ON private.refresh_tokens USING btree (session_id);


--
-- Name: ix_refresh_tokens__user_id; Type: INDEX; Schema: private; Owner: -
--

CREATE INDEX ix_refresh_tokens__user_id ON private.refresh_tokens USING btree (user_id);


--
-- Name: ix_account_members__user_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_account_members__user_id ON public.account_members USING btree (user_id);


--
-- Name: INDEX ix_account_members__user_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_account_members__user_id IS 'A user''s memberships: where user_id = $1 (private.member_account_ids() in every account policy).';


--
-- Name: ix_account_notes__account_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_account_notes__account_id ON public.account_notes USING btree (account_id);


--
-- Name: INDEX ix_account_notes__account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_account_notes__account_id IS 'An account''s notes: where account_id = $1 order by created_at.';


--
-- Name: ix_account_notes__author_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_account_notes__author_id ON public.account_notes USING btree (author_id);


--
-- Name: INDEX ix_account_notes__author_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_account_notes__author_id IS 'Foreign key to users: notes by an author, and the check when a user is deleted.';


--
-- Name: ix_account_price_lists__price_list_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_account_price_lists__price_list_id ON public.account_price_lists USING btree (price_list_id);


--
-- Name: INDEX ix_account_price_lists__price_list_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_account_price_lists__price_list_id IS 'The accounts on a price list: where price_list_id = $1 (account_id lookups use the primary key).';


--
-- Name: ix_accounts__rep_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_accounts__rep_id ON public.accounts USING btree (rep_id);


--
-- Name: INDEX ix_accounts__rep_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_accounts__rep_id IS 'A rep''s accounts: where rep_id = $1 (private.rep_account_ids()).';


--
-- Name: ix_accounts__status_tier; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_accounts__status_tier ON public.accounts USING btree (status, tier);


--
-- Name: INDEX ix_accounts__status_tier; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_accounts__status_tier IS 'Admin lists of accounts: where status = $1 [and tier = $2].';


--
-- Name: ix_addresses__account_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_addresses__account_id ON public.addresses USING btree (account_id);


--
-- Name: INDEX ix_addresses__account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_addresses__account_id IS 'An account''s addresses: where account_id = $1.';


--
-- Name: ix_addresses__user_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_addresses__user_id ON public.addresses USING btree (user_id);


--
-- Name: INDEX ix_addresses__user_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_addresses__user_id IS 'A user''s addresses: where user_id = $1.';


--
-- Name: ix_audit_log__actor_id_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_audit_log__actor_id_at ON public.audit_log USING btree (actor_id, at);


--
-- Name: INDEX ix_audit_log__actor_id_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_audit_log__actor_id_at IS 'What a user did: where actor_id = $1 order by at.';


--
-- Name: ix_audit_log__at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_audit_log__at ON public.audit_log USING btree (at);


--
-- Name: INDEX ix_audit_log__at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_audit_log__at IS 'The recent audit trail and retention: where at >= $1 / at < $1.';


--
-- Name: ix_audit_log__table_row_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_audit_log__table_row_at ON public.audit_log USING btree (table_name, row_key, at);


--
-- Name: INDEX ix_audit_log__table_row_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_audit_log__table_row_at IS 'The history of one row: where table_name = $1 and row_key = $2 order by at.';


--
-- Name: ix_cart_items__offer_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_cart_items__offer_id ON public.cart_items USING btree (offer_id);


--
-- Name: INDEX ix_cart_items__offer_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_cart_items__offer_id IS 'Carts holding an offer: where offer_id = $1 (and the cascade when an offer is deleted).';


--
-- Name: ix_carts__account_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_carts__account_id ON public.carts USING btree (account_id);


--
-- Name: INDEX ix_carts__account_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_carts__account_id IS 'An account''s carts: where account_id = $1.';


--
-- Name: ix_carts__user_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_carts__user_id ON public.carts USING btree (user_id);


--
-- Name: INDEX ix_carts__user_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_carts__user_id IS 'A user''s carts: where user_id = $1.';


--
-- Name: ix_categories__parent_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_categories__parent_id ON public.categories USING btree (parent_id);


--
-- Name: INDEX ix_categories__parent_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_categories__parent_id IS 'A category''s children: where parent_id = $1.';


--
-- Name: ix_categories__path_prefix; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_categories__path_prefix ON public.categories USING btree (path text_pattern_ops);


--
-- Name: INDEX ix_categories__path_prefix; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_categories__path_prefix IS 'A category''s subtree: where path like $1 || ''/%'' (text_pattern_ops, so a prefix match uses it).';


--
-- Name: ix_external_refs__entity_entity_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_external_refs__entity_entity_id ON public.external_refs USING btree (entity, entity_id);


--
-- Name: INDEX ix_external_refs__entity_entity_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_external_refs__entity_entity_id IS 'The external ids of one of our rows: where entity = $1 and entity_id = $2.';


--
-- Name: ix_integration_runs__source_kind; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_integration_runs__source_kind ON public.integration_runs USING btree (source, kind, started_at DESC);


--
-- Name: INDEX ix_integration_runs__source_kind; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_integration_runs__source_kind IS 'The latest runs of an integration: where source = $1 and kind = $2 order by started_at desc.';


--
-- Name: ix_integration_runs__started_by; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_integration_runs__started_by ON public.integration_runs USING btree (started_by);


--
-- Name: INDEX ix_integration_runs__started_by; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_integration_runs__started_by IS 'Foreign key to users: runs started by a user, and the check when a user is deleted.';


--
-- Name: ix_media_objects__vendor_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_media_objects__vendor_id ON public.media_objects USING btree (vendor_id);


--
-- Name: INDEX ix_media_objects__vendor_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_media_objects__vendor_id IS 'A vendor''s files: where vendor_id = $1.';


--
-- Name: ix_offers__variant_id_price; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_offers__variant_id_price ON public.offers USING btree (variant_id, price);


--
-- Name: INDEX ix_offers__variant_id_price; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_offers__variant_id_price IS 'Offers of a variant, cheapest first: where variant_id = $1 [and status = ''active''] order by price; serves the foreign key to product_variants.';


--
-- Name: ix_offers__vendor_id_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_offers__vendor_id_status ON public.offers USING btree (vendor_id, status);


--
-- Name: INDEX ix_offers__vendor_id_status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_offers__vendor_id_status IS 'A vendor''s offers: where vendor_id = $1 [and status = $2].';


--
-- Name: ix_order_items__offer_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_order_items__offer_id ON public.order_items USING btree (offer_id);


--
-- Name: INDEX ix_order_items__offer_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_order_items__offer_id IS 'Order items of an offer: where offer_id = $1.';


--
-- Name: ix_order_items__order_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_order_items__order_id ON public.order_items USING btree (order_id);


--
-- Name: INDEX ix_order_items__order_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_order_items__order_id IS 'An order''s items: where order_id = $1.';


--
-- Name: ix_order_items__variant_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_order_items__variant_id ON public.order_items USING btree (variant_id);


--
-- Name: INDEX ix_order_items__variant_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_order_items__variant_id IS 'Sales of a variant: where variant_id = $1.';


--
-- Name: ix_order_items__vendor_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_order_items__vendor_created ON public.order_items USING btree (vendor_id, created_at DESC);


--
-- Name: INDEX ix_order_items__vendor_created; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_order_items__vendor_created IS 'A vendor''s sales, newest first: where vendor_id = $1 order by created_at desc.';


--
-- Name: ix_order_status_history__actor_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_order_status_history__actor_id ON public.order_status_history USING btree (actor_id);


--
-- Name: INDEX ix_order_status_history__actor_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_order_status_history__actor_id IS 'Foreign key to users: transitions made by a user, and the check when a user is deleted.';


--
-- Name: ix_order_status_history__order_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_order_status_history__order_id ON public.order_status_history USING btree (order_id);


--
-- Name: INDEX ix_order_status_history__order_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_order_status_history__order_id IS 'An order''s history: where order_id = $1.';


--
-- Name: ix_orders__account_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_orders__account_created ON public.orders USING btree (account_id, created_at DESC);


--
-- Name: INDEX ix_orders__account_created; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_orders__account_created IS 'An account''s orders, newest first: where account_id = $1 order by created_at desc.';


--
-- Name: ix_orders__status_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_orders__status_created ON public.orders USING btree (status, created_at DESC);


--
-- Name: INDEX ix_orders__status_created; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_orders__status_created IS 'Orders to work on: where status = $1 order by created_at desc.';


--
-- Name: ix_orders__user_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_orders__user_created ON public.orders USING btree (user_id, created_at DESC);


--
-- Name: INDEX ix_orders__user_created; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_orders__user_created IS 'A buyer''s orders, newest first: where user_id = $1 order by created_at desc.';


--
-- Name: ix_outbox_events__aggregate_type_aggregate_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_outbox_events__aggregate_type_aggregate_id ON public.outbox_events USING btree (aggregate_type, aggregate_id);


--
-- Name: INDEX ix_outbox_events__aggregate_type_aggregate_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_outbox_events__aggregate_type_aggregate_id IS 'The events of one entity: where aggregate_type = $1 and aggregate_id = $2.';


--
-- Name: ix_outbox_events__unpublished; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_outbox_events__unpublished ON public.outbox_events USING btree (id) WHERE (published_at IS NULL);


--
-- Name: INDEX ix_outbox_events__unpublished; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_outbox_events__unpublished IS 'The publisher''s queue: where published_at is null order by id.';


--
-- Name: ix_payments__order_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_payments__order_id ON public.payments USING btree (order_id);


--
-- Name: INDEX ix_payments__order_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_payments__order_id IS 'An order''s payments: where order_id = $1.';


--
-- Name: ix_price_list_entries__list_product_qty; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_price_list_entries__list_product_qty ON public.price_list_entries USING btree (price_list_id, product_id, min_quantity) WHERE (product_id IS NOT NULL);


--
-- Name: INDEX ix_price_list_entries__list_product_qty; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_price_list_entries__list_product_qty IS 'price_for(): a list''s product entry: where price_list_id = $1 and product_id = $2 and min_quantity <= $3.';


--
-- Name: ix_price_list_entries__list_variant_qty; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_price_list_entries__list_variant_qty ON public.price_list_entries USING btree (price_list_id, variant_id, min_quantity);


--
-- Name: INDEX ix_price_list_entries__list_variant_qty; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_price_list_entries__list_variant_qty IS 'price_for(): a list''s variant entry: where price_list_id = $1 and variant_id = $2 and min_quantity <= $3.';


--
-- Name: ix_price_list_entries__product_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_price_list_entries__product_id ON public.price_list_entries USING btree (product_id);


--
-- Name: INDEX ix_price_list_entries__product_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_price_list_entries__product_id IS 'Foreign key to products: entries for a product across lists, and the cascade when it is deleted.';


--
-- Name: ix_price_list_entries__variant_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_price_list_entries__variant_id ON public.price_list_entries USING btree (variant_id);


--
-- Name: INDEX ix_price_list_entries__variant_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_price_list_entries__variant_id IS 'Foreign key to product_variants: entries for a variant across lists, and the cascade when it is deleted.';


--
-- Name: ix_product_categories__category_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_product_categories__category_id ON public.product_categories USING btree (category_id);


--
-- Name: INDEX ix_product_categories__category_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_product_categories__category_id IS 'A category''s products: where category_id = $1 (product_id lookups use the primary key).';


--
-- Name: ix_product_documents__media_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_product_documents__media_id ON public.product_documents USING btree (media_id);


--
-- Name: INDEX ix_product_documents__media_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_product_documents__media_id IS 'Foreign key to media_objects: which products use a file, and the check when it is deleted.';


--
-- Name: ix_product_documents__product_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_product_documents__product_id ON public.product_documents USING btree (product_id);


--
-- Name: INDEX ix_product_documents__product_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_product_documents__product_id IS 'A product''s documents: where product_id = $1 order by position.';


--
-- Name: ix_product_images__media_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_product_images__media_id ON public.product_images USING btree (media_id);


--
-- Name: INDEX ix_product_images__media_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_product_images__media_id IS 'Foreign key to media_objects: which products show a file, and the check when it is deleted.';


--
-- Name: ix_product_images__variant_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_product_images__variant_id ON public.product_images USING btree (variant_id);


--
-- Name: INDEX ix_product_images__variant_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_product_images__variant_id IS 'A variant''s images: where variant_id = $1.';


--
-- Name: ix_product_specs__boolean; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_product_specs__boolean ON public.product_specs USING btree (spec_id, value_boolean) WHERE (value_boolean IS NOT NULL);


--
-- Name: INDEX ix_product_specs__boolean; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_product_specs__boolean IS 'Boolean spec filters: where spec_id = $1 and value_boolean = $2 (e.g. vegan = true).';


--
-- Name: ix_product_specs__number; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_product_specs__number ON public.product_specs USING btree (spec_id, value_number) WHERE (value_number IS NOT NULL);


--
-- Name: INDEX ix_product_specs__number; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_product_specs__number IS 'Numeric spec filters: where spec_id = $1 and value_number >= $2 (e.g. protein >= 20 g).';


--
-- Name: ix_product_specs__spec_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_product_specs__spec_id ON public.product_specs USING btree (spec_id);


--
-- Name: INDEX ix_product_specs__spec_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_product_specs__spec_id IS 'Foreign key to spec_definitions: the values of a spec, and the check when a definition is deleted.';


--
-- Name: ix_product_specs__text; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_product_specs__text ON public.product_specs USING btree (spec_id, value_text) WHERE (value_text IS NOT NULL);


--
-- Name: INDEX ix_product_specs__text; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_product_specs__text IS 'Text and enum spec filters: where spec_id = $1 and value_text = $2 (e.g. certification = NSF).';


--
-- Name: ix_product_variants__product_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_product_variants__product_id ON public.product_variants USING btree (product_id);


--
-- Name: INDEX ix_product_variants__product_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_product_variants__product_id IS 'A product''s variants: where product_id = $1 order by position.';


--
-- Name: ix_products__brand_id_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_products__brand_id_status ON public.products USING btree (brand_id, status);


--
-- Name: INDEX ix_products__brand_id_status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_products__brand_id_status IS 'A brand''s products: where brand_id = $1 and status = ''active''.';


--
-- Name: ix_products__search; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_products__search ON public.products USING gin (search);


--
-- Name: INDEX ix_products__search; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_products__search IS 'Full-text catalog search: where search @@ catalog_search_query($1).';


--
-- Name: ix_products__status_release_date; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_products__status_release_date ON public.products USING btree (status, release_date DESC NULLS LAST);


--
-- Name: INDEX ix_products__status_release_date; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_products__status_release_date IS 'New releases: where status = ''active'' order by release_date desc nulls last.';


--
-- Name: ix_products__status_retail_price; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_products__status_retail_price ON public.products USING btree (status, retail_price);


--
-- Name: INDEX ix_products__status_retail_price; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_products__status_retail_price IS 'Browsing by price: where status = ''active'' [and retail_price between $1 and $2] order by retail_price.';


--
-- Name: ix_refunds__created_by; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_refunds__created_by ON public.refunds USING btree (created_by);


--
-- Name: INDEX ix_refunds__created_by; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_refunds__created_by IS 'Foreign key to users: refunds made by a user, and the check when a user is deleted.';


--
-- Name: ix_refunds__order_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_refunds__order_id ON public.refunds USING btree (order_id);


--
-- Name: INDEX ix_refunds__order_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_refunds__order_id IS 'An order''s refunds: where order_id = $1.';


--
-- Name: ix_refunds__payment_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_refunds__payment_id ON public.refunds USING btree (payment_id);


--
-- Name: INDEX ix_refunds__payment_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_refunds__payment_id IS 'A payment''s refunds: where payment_id = $1.';


--
-- Name: ix_rfq_events__actor_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_rfq_events__actor_id ON public.rfq_events USING btree (actor_id);


--
-- Name: INDEX ix_rfq_events__actor_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_rfq_events__actor_id IS 'Foreign key to users: RFQ events by a user, and the check when a user is deleted.';


--
-- Name: ix_rfq_events__rfq_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_rfq_events__rfq_id ON public.rfq_events USING btree (rfq_id);


--
-- Name: INDEX ix_rfq_events__rfq_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_rfq_events__rfq_id IS 'An RFQ''s history: where rfq_id = $1.';


--
-- Name: ix_rfq_items__rfq_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_rfq_items__rfq_id ON public.rfq_items USING btree (rfq_id);


--
-- Name: INDEX ix_rfq_items__rfq_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_rfq_items__rfq_id IS 'An RFQ''s items: where rfq_id = $1.';


--
-- Name: ix_rfq_items__variant_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_rfq_items__variant_id ON public.rfq_items USING btree (variant_id);


--
-- Name: INDEX ix_rfq_items__variant_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_rfq_items__variant_id IS 'RFQs asking for a variant: where variant_id = $1.';


--
-- Name: ix_rfqs__account_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_rfqs__account_created ON public.rfqs USING btree (account_id, created_at DESC);


--
-- Name: INDEX ix_rfqs__account_created; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_rfqs__account_created IS 'An account''s RFQs, newest first: where account_id = $1 order by created_at desc.';


--
-- Name: ix_rfqs__rep_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_rfqs__rep_status ON public.rfqs USING btree (assigned_rep_id, status);


--
-- Name: INDEX ix_rfqs__rep_status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_rfqs__rep_status IS 'A rep''s queue: where assigned_rep_id = $1 and status = ''submitted''.';


--
-- Name: ix_rfqs__requester_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_rfqs__requester_id ON public.rfqs USING btree (requester_id);


--
-- Name: INDEX ix_rfqs__requester_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_rfqs__requester_id IS 'RFQs a user asked for: where requester_id = $1.';


--
-- Name: ix_rfqs__status_priority_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_rfqs__status_priority_created ON public.rfqs USING btree (status, priority, created_at);


--
-- Name: INDEX ix_rfqs__status_priority_created; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_rfqs__status_priority_created IS 'The RFQ work queue: where status = $1 order by priority, created_at.';


--
-- Name: ix_shipment_items__order_item_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_shipment_items__order_item_id ON public.shipment_items USING btree (order_item_id);


--
-- Name: INDEX ix_shipment_items__order_item_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_shipment_items__order_item_id IS 'Shipments of an order item: where order_item_id = $1 (quantity shipped so far).';


--
-- Name: ix_shipment_items__vendor_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_shipment_items__vendor_id ON public.shipment_items USING btree (vendor_id);


--
-- Name: INDEX ix_shipment_items__vendor_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_shipment_items__vendor_id IS 'A vendor''s shipment items (the RLS filter vendor_id = private.current_vendor_id()).';


--
-- Name: ix_shipments__location_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_shipments__location_id ON public.shipments USING btree (location_id);


--
-- Name: INDEX ix_shipments__location_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_shipments__location_id IS 'Shipments from a location: where location_id = $1.';


--
-- Name: ix_shipments__order_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_shipments__order_id ON public.shipments USING btree (order_id);


--
-- Name: INDEX ix_shipments__order_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_shipments__order_id IS 'An order''s shipments: where order_id = $1.';


--
-- Name: ix_shipments__tracking_number; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_shipments__tracking_number ON public.shipments USING btree (tracking_number) WHERE (tracking_number IS NOT NULL);


--
-- Name: INDEX ix_shipments__tracking_number; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_shipments__tracking_number IS 'Carrier updates: where tracking_number = $1.';


--
-- Name: ix_shipments__vendor_id_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_shipments__vendor_id_status ON public.shipments USING btree (vendor_id, status);


--
-- Name: INDEX ix_shipments__vendor_id_status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_shipments__vendor_id_status IS 'A vendor''s shipments: where vendor_id = $1 [and status = $2].';


--
-- Name: ix_stock_alerts__acknowledged_by; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_alerts__acknowledged_by ON public.stock_alerts USING btree (acknowledged_by);


--
-- Name: INDEX ix_stock_alerts__acknowledged_by; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_alerts__acknowledged_by IS 'Foreign key to users: alerts acknowledged by a user, and the check when a user is deleted.';


--
-- Name: ix_stock_alerts__location_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_alerts__location_id ON public.stock_alerts USING btree (location_id);


--
-- Name: INDEX ix_stock_alerts__location_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_alerts__location_id IS 'Alerts of a location; serves the foreign key (location_id, vendor_id) to stock_locations.';


--
-- Name: ix_stock_alerts__variant_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_alerts__variant_id ON public.stock_alerts USING btree (variant_id);


--
-- Name: INDEX ix_stock_alerts__variant_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_alerts__variant_id IS 'A variant''s alerts: where variant_id = $1.';


--
-- Name: ix_stock_alerts__vendor_id_opened_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_alerts__vendor_id_opened_at ON public.stock_alerts USING btree (vendor_id, opened_at);


--
-- Name: INDEX ix_stock_alerts__vendor_id_opened_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_alerts__vendor_id_opened_at IS 'A vendor''s alert list: where vendor_id = $1 order by opened_at.';


--
-- Name: ix_stock_count_lines__counted_by; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_count_lines__counted_by ON public.stock_count_lines USING btree (counted_by);


--
-- Name: INDEX ix_stock_count_lines__counted_by; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_count_lines__counted_by IS 'Foreign key to users: lines counted by a user, and the check when a user is deleted.';


--
-- Name: ix_stock_count_lines__variant_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_count_lines__variant_id ON public.stock_count_lines USING btree (variant_id);


--
-- Name: INDEX ix_stock_count_lines__variant_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_count_lines__variant_id IS 'A variant''s count lines: where variant_id = $1.';


--
-- Name: ix_stock_count_lines__vendor_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_count_lines__vendor_id ON public.stock_count_lines USING btree (vendor_id);


--
-- Name: INDEX ix_stock_count_lines__vendor_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_count_lines__vendor_id IS 'A vendor''s count lines (the RLS filter vendor_id = private.current_vendor_id()).';


--
-- Name: ix_stock_counts__location_id_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_counts__location_id_status ON public.stock_counts USING btree (location_id, status);


--
-- Name: INDEX ix_stock_counts__location_id_status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_counts__location_id_status IS 'A location''s counts: where location_id = $1 and status = ''open''.';


--
-- Name: ix_stock_counts__opened_by; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_counts__opened_by ON public.stock_counts USING btree (opened_by);


--
-- Name: INDEX ix_stock_counts__opened_by; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_counts__opened_by IS 'Foreign key to users: counts opened by a user, and the check when a user is deleted.';


--
-- Name: ix_stock_counts__posted_by; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_counts__posted_by ON public.stock_counts USING btree (posted_by);


--
-- Name: INDEX ix_stock_counts__posted_by; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_counts__posted_by IS 'Foreign key to users: counts posted by a user, and the check when a user is deleted.';


--
-- Name: ix_stock_counts__vendor_id_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_counts__vendor_id_status ON public.stock_counts USING btree (vendor_id, status);


--
-- Name: INDEX ix_stock_counts__vendor_id_status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_counts__vendor_id_status IS 'A vendor''s counts: where vendor_id = $1 [and status = $2].';


--
-- Name: ix_stock_levels__variant_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_levels__variant_id ON public.stock_levels USING btree (variant_id);


--
-- Name: INDEX ix_stock_levels__variant_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_levels__variant_id IS 'Stock of a variant across locations: where variant_id = $1 (availability, allocation).';


--
-- Name: ix_stock_levels__vendor_id_variant_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_levels__vendor_id_variant_id ON public.stock_levels USING btree (vendor_id, variant_id);


--
-- Name: INDEX ix_stock_levels__vendor_id_variant_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_levels__vendor_id_variant_id IS 'A vendor''s stock of a variant: where vendor_id = $1 and variant_id = $2 (reservation by vendor).';


--
-- Name: ix_stock_locations__vendor_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_locations__vendor_id ON public.stock_locations USING btree (vendor_id);


--
-- Name: INDEX ix_stock_locations__vendor_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_locations__vendor_id IS 'A vendor''s locations: where vendor_id = $1 order by priority.';


--
-- Name: ix_stock_movements__actor_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_movements__actor_id ON public.stock_movements USING btree (actor_id);


--
-- Name: INDEX ix_stock_movements__actor_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_movements__actor_id IS 'Foreign key to users: movements made by a user, and the check when a user is deleted.';


--
-- Name: ix_stock_movements__location_variant_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_movements__location_variant_created ON public.stock_movements USING btree (location_id, variant_id, created_at);


--
-- Name: INDEX ix_stock_movements__location_variant_created; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_movements__location_variant_created IS 'The ledger of one location and variant: where location_id = $1 and variant_id = $2 order by created_at (ledger check).';


--
-- Name: ix_stock_movements__variant_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_movements__variant_id ON public.stock_movements USING btree (variant_id);


--
-- Name: INDEX ix_stock_movements__variant_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_movements__variant_id IS 'A variant''s movements across locations: where variant_id = $1.';


--
-- Name: ix_stock_movements__vendor_id_created_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_movements__vendor_id_created_at ON public.stock_movements USING btree (vendor_id, created_at);


--
-- Name: INDEX ix_stock_movements__vendor_id_created_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_movements__vendor_id_created_at IS 'A vendor''s movement history: where vendor_id = $1 order by created_at.';


--
-- Name: ix_stock_reservations__active_expires_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_reservations__active_expires_at ON public.stock_reservations USING btree (expires_at) WHERE (status = 'active'::text);


--
-- Name: INDEX ix_stock_reservations__active_expires_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_reservations__active_expires_at IS 'The expiry sweep: where status = ''active'' and expires_at < now().';


--
-- Name: ix_stock_reservations__created_by; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_reservations__created_by ON public.stock_reservations USING btree (created_by);


--
-- Name: INDEX ix_stock_reservations__created_by; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_reservations__created_by IS 'Foreign key to users: reservations made by a user, and the check when a user is deleted.';


--
-- Name: ix_stock_reservations__holder_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_reservations__holder_id ON public.stock_reservations USING btree (holder_id);


--
-- Name: INDEX ix_stock_reservations__holder_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_reservations__holder_id IS 'The reservations of a cart or order: where holder_id = $1 (release, commit).';


--
-- Name: ix_stock_reservations__location_id_variant_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_reservations__location_id_variant_id ON public.stock_reservations USING btree (location_id, variant_id);


--
-- Name: INDEX ix_stock_reservations__location_id_variant_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_reservations__location_id_variant_id IS 'The reservations at one location and variant: where location_id = $1 and variant_id = $2.';


--
-- Name: ix_stock_reservations__variant_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_reservations__variant_id ON public.stock_reservations USING btree (variant_id);


--
-- Name: INDEX ix_stock_reservations__variant_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_reservations__variant_id IS 'A variant''s reservations: where variant_id = $1.';


--
-- Name: ix_stock_reservations__vendor_id_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_stock_reservations__vendor_id_status ON public.stock_reservations USING btree (vendor_id, status);


--
-- Name: INDEX ix_stock_reservations__vendor_id_status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_stock_reservations__vendor_id_status IS 'A vendor''s reservations: where vendor_id = $1 [and status = $2].';


--
-- Name: ix_sync_log__entity_external_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_sync_log__entity_external_id ON public.sync_log USING btree (entity, external_id);


--
-- Name: INDEX ix_sync_log__entity_external_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_sync_log__entity_external_id IS 'The sync history of one external record: where entity = $1 and external_id = $2.';


--
-- Name: ix_sync_log__run_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_sync_log__run_id ON public.sync_log USING btree (run_id);


--
-- Name: INDEX ix_sync_log__run_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_sync_log__run_id IS 'The log of a run: where run_id = $1.';


--
-- Name: ix_users__vendor_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_users__vendor_id ON public.users USING btree (vendor_id);


--
-- Name: INDEX ix_users__vendor_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_users__vendor_id IS 'A vendor''s staff: where vendor_id = $1 (private.visible_user_ids()).';


--
-- Name: ix_volume_discounts__brand_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_volume_discounts__brand_id ON public.volume_discounts USING btree (brand_id);


--
-- Name: INDEX ix_volume_discounts__brand_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_volume_discounts__brand_id IS 'Volume discounts of a brand: where brand_id = $1 (price_for()).';


--
-- Name: ix_volume_discounts__category_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_volume_discounts__category_id ON public.volume_discounts USING btree (category_id);


--
-- Name: INDEX ix_volume_discounts__category_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_volume_discounts__category_id IS 'Volume discounts of a category: where category_id = $1 (price_for()).';


--
-- Name: ix_volume_discounts__product_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_volume_discounts__product_id ON public.volume_discounts USING btree (product_id);


--
-- Name: INDEX ix_volume_discounts__product_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_volume_discounts__product_id IS 'Volume discounts of a product: where product_id = $1 (price_for()).';


--
-- Name: ix_volume_discounts__variant_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_volume_discounts__variant_id ON public.volume_discounts USING btree (variant_id);


--
-- Name: INDEX ix_volume_discounts__variant_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.ix_volume_discounts__variant_id IS 'Volume discounts of a variant: where variant_id = $1 (price_for()).';


--
-- Name: INDEX uq_accounts__legacy_dealer_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_accounts__legacy_dealer_id IS 'Guarantees one account per legacy dealer id; the migration looks accounts up by it.';


--
-- Name: INDEX uq_accounts__shopify_customer_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_accounts__shopify_customer_id IS 'Guarantees one account per Shopify customer; Shopify imports look accounts up by it.';


--
-- Name: uq_addresses__default_billing; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX uq_addresses__default_billing ON public.addresses USING btree (COALESCE(user_id, account_id)) WHERE is_default_billing;


--
-- Name: INDEX uq_addresses__default_billing; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_addresses__default_billing IS 'Guarantees at most one default billing address per owner (user or account).';


--
-- Name: uq_addresses__default_shipping; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX uq_addresses__default_shipping ON public.addresses USING btree (COALESCE(user_id, account_id)) WHERE is_default_shipping;


--
-- Name: INDEX uq_addresses__default_shipping; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_addresses__default_shipping IS 'Guarantees at most one default shipping address per owner (user or account).';


--
-- Name: uq_brands__name_lower; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX uq_brands__name_lower ON public.brands USING btree (lower(name));


--
-- Name: INDEX uq_brands__name_lower; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_brands__name_lower IS 'Guarantees brand names unique case-insensitively; imports match brands by lower(name) = lower($1).';


--
-- Name: INDEX uq_brands__slug; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_brands__slug IS 'Guarantees unique brand slugs; brand pages look brands up by slug = $1.';


--
-- Name: INDEX uq_cart_items__cart_id_offer_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_cart_items__cart_id_offer_id IS 'Guarantees one line per offer in a cart; serves a cart''s lines: where cart_id = $1.';


--
-- Name: uq_carts__one_active; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX uq_carts__one_active ON public.carts USING btree (user_id, COALESCE(account_id, '00000000-0000-0000-0000-000000000000'::uuid)) WHERE (status = 'active'::text);


--
-- Name: INDEX uq_carts__one_active; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_carts__one_active IS 'Guarantees one active cart per user and account context; finds it: where user_id = $1 and status = ''active''.';


--
-- Name: INDEX uq_categories__path; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_categories__path IS 'Guarantees unique category paths (siblings have distinct slugs); looks categories up by path = $1.';


--
-- Name: INDEX uq_external_refs__source_entity_entity_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_external_refs__source_entity_entity_id IS 'Guarantees one external id per source for each of our rows.';


--
-- Name: INDEX uq_external_refs__source_external_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_external_refs__source_external_id IS 'Guarantees one row per external id and source: the key of idempotent upserts (where source = $1 and external_id = $2).';


--
-- Name: INDEX uq_media_objects__bucket_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_media_objects__bucket_key IS 'Guarantees one object per bucket and key; serves file lookups by (bucket, key).';


--
-- Name: INDEX uq_offers__id_vendor_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_offers__id_vendor_id IS 'Target of the (offer_id, vendor_id) foreign keys that keep an order item''s vendor equal to its offer''s.';


--
-- Name: INDEX uq_offers__vendor_id_variant_id_condition; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_offers__vendor_id_variant_id_condition IS 'Guarantees one offer per vendor, variant and condition; vendors upsert offers on it.';


--
-- Name: INDEX uq_order_items__id_vendor_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_order_items__id_vendor_id IS 'Target of the (order_item_id, vendor_id) foreign key that keeps a shipment item''s vendor equal to its order item''s.';


--
-- Name: INDEX uq_orders__legacy_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_orders__legacy_id IS 'Guarantees one order per legacy order id; the migration looks orders up by it.';


--
-- Name: INDEX uq_orders__number; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_orders__number IS 'Guarantees unique order numbers; serves lookups by number = $1 (EM-2026-000001).';


--
-- Name: uq_orders__rfq_id; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX uq_orders__rfq_id ON public.orders USING btree (rfq_id) WHERE (rfq_id IS NOT NULL);


--
-- Name: INDEX uq_orders__rfq_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_orders__rfq_id IS 'Guarantees an accepted quote converts to one order, once; finds the order of an RFQ.';


--
-- Name: INDEX uq_payments__idempotency_key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_payments__idempotency_key IS 'Guarantees one payment per idempotency key: a retried payment request finds the first one.';


--
-- Name: uq_payments__provider_reference; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX uq_payments__provider_reference ON public.payments USING btree (provider, provider_reference) WHERE (provider_reference IS NOT NULL);


--
-- Name: INDEX uq_payments__provider_reference; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_payments__provider_reference IS 'Guarantees one payment per provider reference; provider webhooks look payments up by it.';


--
-- Name: INDEX uq_product_images__product_id_position; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_product_images__product_id_position IS 'Guarantees one image per product and position; serves a product''s gallery: where product_id = $1 order by position.';


--
-- Name: uq_product_variants__product_option; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX uq_product_variants__product_option ON public.product_variants USING btree (product_id, COALESCE(size_label, ''::text), options);


--
-- Name: INDEX uq_product_variants__product_option; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_product_variants__product_option IS 'Guarantees one variant per product and option combination (size label and options).';


--
-- Name: INDEX uq_product_variants__sku; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_product_variants__sku IS 'Guarantees unique SKUs; imports, carts and orders look variants up by sku = $1.';


--
-- Name: INDEX uq_products__slug; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_products__slug IS 'Guarantees unique product slugs; product pages look products up by slug = $1.';


--
-- Name: uq_products__source_source_id; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX uq_products__source_source_id ON public.products USING btree (source, source_id) WHERE (source_id IS NOT NULL);


--
-- Name: INDEX uq_products__source_source_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_products__source_source_id IS 'Guarantees one product per source record; imports upsert on (source, source_id).';


--
-- Name: INDEX uq_products__style_code; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_products__style_code IS 'Guarantees one product per style code (e.g. DD1391-100); serves lookups by style_code = $1.';


--
-- Name: INDEX uq_rfqs__number; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_rfqs__number IS 'Guarantees unique RFQ numbers; serves lookups by number = $1 (RFQ-2026-000001).';


--
-- Name: INDEX uq_shipments__id_vendor_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_shipments__id_vendor_id IS 'Target of the (shipment_id, vendor_id) foreign key that keeps a shipment item''s vendor equal to its shipment''s.';


--
-- Name: INDEX uq_spec_definitions__key; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_spec_definitions__key IS 'Guarantees unique spec keys; filters look definitions up by key = $1.';


--
-- Name: uq_stock_alerts__open; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX uq_stock_alerts__open ON public.stock_alerts USING btree (location_id, variant_id, kind) WHERE (resolved_at IS NULL);


--
-- Name: INDEX uq_stock_alerts__open; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_stock_alerts__open IS 'Guarantees at most one open alert per location, variant and kind; serves where resolved_at is null lookups.';


--
-- Name: INDEX uq_stock_counts__id_vendor_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_stock_counts__id_vendor_id IS 'Target of the (count_id, vendor_id) foreign key that keeps a count line''s vendor equal to its count''s.';


--
-- Name: INDEX uq_stock_locations__id_vendor_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_stock_locations__id_vendor_id IS 'Target of the (location_id, vendor_id) foreign keys that keep a stock row''s vendor equal to its location''s.';


--
-- Name: INDEX uq_stock_locations__vendor_id_code; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_stock_locations__vendor_id_code IS 'Guarantees location codes unique per vendor; looks locations up by vendor_id = $1 and code = $2.';


--
-- Name: uq_stock_reservations__idempotency_key_location; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX uq_stock_reservations__idempotency_key_location ON public.stock_reservations USING btree (idempotency_key, location_id) WHERE (idempotency_key IS NOT NULL);


--
-- Name: INDEX uq_stock_reservations__idempotency_key_location; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_stock_reservations__idempotency_key_location IS 'Guarantees one reservation row per idempotency key and location (a split reservation has one per location): a retried stock_reserve finds the rows of the first call.';


--
-- Name: uq_users__email_lower; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX uq_users__email_lower ON public.users USING btree (lower(email));


--
-- Name: INDEX uq_users__email_lower; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_users__email_lower IS 'Guarantees emails unique case-insensitively; sign-in looks users up by lower(email) = lower($1).';


--
-- Name: uq_vendors__one_house; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX uq_vendors__one_house ON public.vendors USING btree ((true)) WHERE is_house;


--
-- Name: INDEX uq_vendors__one_house; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_vendors__one_house IS 'Guarantees at most one house vendor (the store itself).';


--
-- Name: INDEX uq_vendors__slug; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_vendors__slug IS 'Guarantees unique vendor slugs; storefront URLs look vendors up by slug = $1.';


--
-- Name: INDEX uq_webhook_receipts__source_event_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON INDEX public.uq_webhook_receipts__source_event_id IS 'Guarantees each webhook delivery is processed once: a replay of (source, event_id) conflicts.';


--
-- Name: audit_log tg__append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__append_only BEFORE DELETE OR UPDATE ON public.audit_log FOR EACH ROW EXECUTE FUNCTION private.tg__append_only();


--
-- Name: order_status_history tg__append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__append_only BEFORE DELETE OR UPDATE ON public.order_status_history FOR EACH ROW EXECUTE FUNCTION private.tg__append_only();


--
-- Name: rfq_events tg__append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__append_only BEFORE DELETE OR UPDATE ON public.rfq_events FOR EACH ROW EXECUTE FUNCTION private.tg__append_only();


--
-- Name: stock_movements tg__append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__append_only BEFORE DELETE OR UPDATE ON public.stock_movements FOR EACH ROW EXECUTE FUNCTION private.tg__append_only();


--
-- Name: sync_log tg__append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__append_only BEFORE DELETE OR UPDATE ON public.sync_log FOR EACH ROW EXECUTE FUNCTION private.tg__append_only();


--
-- Name: account_members tg__audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__audit AFTER INSERT OR DELETE OR UPDATE ON public.account_members FOR EACH ROW EXECUTE FUNCTION private.tg__audit('account_id', 'user_id');


--
-- Name: account_price_lists tg__audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__audit AFTER INSERT OR DELETE OR UPDATE ON public.account_price_lists FOR EACH ROW EXECUTE FUNCTION private.tg__audit('account_id', 'price_list_id');


--
-- Name: accounts tg__audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__audit AFTER INSERT OR DELETE OR UPDATE ON public.accounts FOR EACH ROW EXECUTE FUNCTION private.tg__audit('id');


--
-- Name: offers tg__audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__audit AFTER INSERT OR DELETE OR UPDATE ON public.offers FOR EACH ROW EXECUTE FUNCTION private.tg__audit('id');


--
-- Name: orders tg__audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__audit AFTER INSERT OR DELETE OR UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION private.tg__audit('id');


--
-- Name: payments tg__audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__audit AFTER INSERT OR DELETE OR UPDATE ON public.payments FOR EACH ROW EXECUTE FUNCTION private.tg__audit('id');


--
-- Name: price_list_entries tg__audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__audit AFTER INSERT OR DELETE OR UPDATE ON public.price_list_entries FOR EACH ROW EXECUTE FUNCTION private.tg__audit('id');


--
-- Name: price_lists tg__audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__audit AFTER INSERT OR DELETE OR UPDATE ON public.price_lists FOR EACH ROW EXECUTE FUNCTION private.tg__audit('id');


--
-- Name: product_variants tg__audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__audit AFTER INSERT OR DELETE OR UPDATE ON public.product_variants FOR EACH ROW EXECUTE FUNCTION private.tg__audit('id');


--
-- Name: products tg__audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__audit AFTER INSERT OR DELETE OR UPDATE ON public.products FOR EACH ROW EXECUTE FUNCTION private.tg__audit('id');


--
-- Name: refunds tg__audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__audit AFTER INSERT OR DELETE OR UPDATE ON public.refunds FOR EACH ROW EXECUTE FUNCTION private.tg__audit('id');


--
-- Name: rfq_items tg__audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__audit AFTER INSERT OR DELETE OR UPDATE ON public.rfq_items FOR EACH ROW EXECUTE FUNCTION private.tg__audit('id');


--
-- Name: rfqs tg__audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__audit AFTER INSERT OR DELETE OR UPDATE ON public.rfqs FOR EACH ROW EXECUTE FUNCTION private.tg__audit('id');


--
-- Name: shipments tg__audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__audit AFTER INSERT OR DELETE OR UPDATE ON public.shipments FOR EACH ROW EXECUTE FUNCTION private.tg__audit('id');


--
-- Name: stock_counts tg__audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__audit AFTER INSERT OR DELETE OR UPDATE ON public.stock_counts FOR EACH ROW EXECUTE FUNCTION private.tg__audit('id');


--
-- Name: stock_locations tg__audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__audit AFTER INSERT OR DELETE OR UPDATE ON public.stock_locations FOR EACH ROW EXECUTE FUNCTION private.tg__audit('id');


--
-- Name: users tg__audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__audit AFTER INSERT OR DELETE OR UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION private.tg__audit('id');


--
-- Name: vendors tg__audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__audit AFTER INSERT OR DELETE OR UPDATE ON public.vendors FOR EACH ROW EXECUTE FUNCTION private.tg__audit('id');


--
-- Name: volume_discounts tg__audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__audit AFTER INSERT OR DELETE OR UPDATE ON public.volume_discounts FOR EACH ROW EXECUTE FUNCTION private.tg__audit('id');


--
-- Name: account_notes tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.account_notes FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: accounts tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.accounts FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: addresses tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.addresses FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: brands tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.brands FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: cart_items tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.cart_items FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: carts tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.carts FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: categories tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.categories FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: external_refs tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.external_refs FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: integration_runs tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.integration_runs FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: media_objects tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.media_objects FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: offers tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.offers FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: orders tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: payments tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.payments FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: price_list_entries tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.price_list_entries FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: price_lists tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.price_lists FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: product_variants tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.product_variants FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: products tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.products FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: refunds tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.refunds FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: rfq_items tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.rfq_items FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: rfqs tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.rfqs FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: shipments tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.shipments FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: spec_definitions tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.spec_definitions FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: stock_counts tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.stock_counts FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: stock_levels tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.stock_levels FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: stock_locations tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.stock_locations FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: stock_reservations tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.stock_reservations FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: users tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: vendors tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.vendors FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: volume_discounts tg__set_updated_at; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg__set_updated_at BEFORE UPDATE ON public.volume_discounts FOR EACH ROW EXECUTE FUNCTION private.tg__set_updated_at();


--
-- Name: accounts tg_accounts__rep_is_rep; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg_accounts__rep_is_rep BEFORE INSERT OR UPDATE OF rep_id ON public.accounts FOR EACH ROW EXECUTE FUNCTION private.tg_accounts__rep_is_rep();


--
-- Name: brands tg_brands__reindex_products; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg_brands__reindex_products AFTER UPDATE OF name ON public.brands FOR EACH ROW EXECUTE FUNCTION private.tg_brands__reindex_products();


--
-- Name: categories tg_categories__move_subtree; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg_categories__move_subtree AFTER UPDATE ON public.categories FOR EACH ROW WHEN ((old.path IS DISTINCT FROM new.path)) EXECUTE FUNCTION private.tg_categories__move_subtree();


--
-- Name: categories tg_categories__path; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg_categories__path BEFORE INSERT OR UPDATE OF parent_id, slug ON public.categories FOR EACH ROW EXECUTE FUNCTION private.tg_categories__path();


--
-- Name: orders tg_orders__before; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg_orders__before BEFORE INSERT OR UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION private.tg_orders__before();


--
-- Name: orders tg_orders__history; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg_orders__history AFTER INSERT OR UPDATE OF status ON public.orders FOR EACH ROW EXECUTE FUNCTION private.tg_orders__history();


--
-- Name: product_specs tg_product_specs__typed; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg_product_specs__typed BEFORE INSERT OR UPDATE ON public.product_specs FOR EACH ROW EXECUTE FUNCTION private.tg_product_specs__typed();


--
-- Name: products tg_products__search; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg_products__search BEFORE INSERT OR UPDATE OF title, brand_id, model, style_code, colorway, description ON public.products FOR EACH ROW EXECUTE FUNCTION private.tg_products__search();


--
-- Name: rfq_items tg_rfq_items__guard; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg_rfq_items__guard BEFORE INSERT OR DELETE OR UPDATE ON public.rfq_items FOR EACH ROW EXECUTE FUNCTION private.tg_rfq_items__guard();


--
-- Name: rfqs tg_rfqs__admin_only_columns; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg_rfqs__admin_only_columns BEFORE UPDATE ON public.rfqs FOR EACH ROW EXECUTE FUNCTION private.tg__admin_only_columns('assigned_rep_id', 'account_id', 'requester_id');


--
-- Name: rfqs tg_rfqs__before; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg_rfqs__before BEFORE INSERT OR UPDATE ON public.rfqs FOR EACH ROW EXECUTE FUNCTION private.tg_rfqs__before();


--
-- Name: rfqs tg_rfqs__events; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg_rfqs__events AFTER INSERT OR UPDATE OF status ON public.rfqs FOR EACH ROW EXECUTE FUNCTION private.tg_rfqs__events();


--
-- Name: stock_count_lines tg_stock_count_lines__immutable; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg_stock_count_lines__immutable BEFORE INSERT OR DELETE OR UPDATE ON public.stock_count_lines FOR EACH ROW EXECUTE FUNCTION private.tg_stock_counts__immutable();


--
-- Name: stock_counts tg_stock_counts__immutable; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg_stock_counts__immutable BEFORE DELETE OR UPDATE ON public.stock_counts FOR EACH ROW EXECUTE FUNCTION private.tg_stock_counts__immutable();


--
-- Name: stock_levels tg_stock_levels__alerts_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg_stock_levels__alerts_insert AFTER INSERT ON public.stock_levels FOR EACH ROW WHEN ((new.available <= new.reorder_point)) EXECUTE FUNCTION private.tg_stock_levels__alerts();


--
-- Name: stock_levels tg_stock_levels__alerts_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg_stock_levels__alerts_update AFTER UPDATE ON public.stock_levels FOR EACH ROW WHEN ((((old.available > 0) <> (new.available > 0)) OR ((old.available <= old.reorder_point) <> (new.available <= new.reorder_point)) OR (new.available > old.available))) EXECUTE FUNCTION private.tg_stock_levels__alerts();


--
-- Name: stock_levels tg_stock_levels__ledger_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg_stock_levels__ledger_only BEFORE INSERT OR UPDATE ON public.stock_levels FOR EACH ROW EXECUTE FUNCTION private.tg_stock_levels__ledger_only();


--
-- Name: stock_movements tg_stock_movements__apply; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg_stock_movements__apply AFTER INSERT ON public.stock_movements FOR EACH ROW EXECUTE FUNCTION private.tg_stock_movements__apply();


--
-- Name: users tg_users__admin_only_columns; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg_users__admin_only_columns BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION private.tg__admin_only_columns('role', 'vendor_id', 'vendor_role', 'email');


--
-- Name: users tg_users__self_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg_users__self_insert BEFORE INSERT ON public.users FOR EACH ROW EXECUTE FUNCTION private.tg_users__self_insert();


--
-- Name: vendors tg_vendors__admin_only_columns; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER tg_vendors__admin_only_columns BEFORE UPDATE ON public.vendors FOR EACH ROW EXECUTE FUNCTION private.tg__admin_only_columns('status', 'commission_rate', 'is_house', 'slug');


--
-- Name: refresh_tokens fk_refresh_tokens__user_id__credentials; Type: FK CONSTRAINT; Schema: private; Owner: -
--

ALTER TABLE ONLY private.refresh_tokens
    ADD CONSTRAINT fk_refresh_tokens__user_id__credentials FOREIGN KEY (user_id) REFERENCES private.credentials(user_id) ON DELETE CASCADE;


--
-- Name: account_members fk_account_members__account_id__accounts; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_members
    ADD CONSTRAINT fk_account_members__account_id__accounts FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;


--
-- Name: account_members fk_account_members__user_id__users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_members
    ADD CONSTRAINT fk_account_members__user_id__users FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: account_notes fk_account_notes__account_id__accounts; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_notes
    ADD CONSTRAINT fk_account_notes__account_id__accounts FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;


--
-- Name: account_notes fk_account_notes__author_id__users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_notes
    ADD CONSTRAINT fk_account_notes__author_id__users FOREIGN KEY (author_id) REFERENCES public.users(id) ON DELETE RESTRICT;


--
-- Name: account_price_lists fk_account_price_lists__account_id__accounts; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_price_lists
    ADD CONSTRAINT fk_account_price_lists__account_id__accounts FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;


--
-- Name: account_price_lists fk_account_price_lists__price_list_id__price_lists; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_price_lists
    ADD CONSTRAINT fk_account_price_lists__price_list_id__price_lists FOREIGN KEY (price_list_id) REFERENCES public.price_lists(id) ON DELETE CASCADE;


--
-- Name: accounts fk_accounts__rep_id__users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT fk_accounts__rep_id__users FOREIGN KEY (rep_id) REFERENCES public.users(id) ON DELETE SET NULL;


--
-- Name: addresses fk_addresses__account_id__accounts; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.addresses
    ADD CONSTRAINT fk_addresses__account_id__accounts FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;


--
-- Name: addresses fk_addresses__user_id__users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.addresses
    ADD CONSTRAINT fk_addresses__user_id__users FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: cart_items fk_cart_items__cart_id__carts; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cart_items
    ADD CONSTRAINT fk_cart_items__cart_id__carts FOREIGN KEY (cart_id) REFERENCES public.carts(id) ON DELETE CASCADE;


--
-- Name: cart_items fk_cart_items__offer_id__offers; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cart_items
    ADD CONSTRAINT fk_cart_items__offer_id__offers FOREIGN KEY (offer_id) REFERENCES public.offers(id) ON DELETE CASCADE;


--
-- Name: carts fk_carts__account_id__accounts; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.carts
    ADD CONSTRAINT fk_carts__account_id__accounts FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE CASCADE;


--
-- Name: carts fk_carts__user_id__users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.carts
    ADD CONSTRAINT fk_carts__user_id__users FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: categories fk_categories__parent_id__categories; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.categories
    ADD CONSTRAINT fk_categories__parent_id__categories FOREIGN KEY (parent_id) REFERENCES public.categories(id) ON DELETE RESTRICT;


--
-- Name: integration_runs fk_integration_runs__started_by__users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.integration_runs
    ADD CONSTRAINT fk_integration_runs__started_by__users FOREIGN KEY (started_by) REFERENCES public.users(id) ON DELETE RESTRICT;


--
-- Name: media_objects fk_media_objects__vendor_id__vendors; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.media_objects
    ADD CONSTRAINT fk_media_objects__vendor_id__vendors FOREIGN KEY (vendor_id) REFERENCES public.vendors(id) ON DELETE RESTRICT;


--
-- Name: offers fk_offers__variant_id__product_variants; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.offers
    ADD CONSTRAINT fk_offers__variant_id__product_variants FOREIGN KEY (variant_id) REFERENCES public.product_variants(id) ON DELETE RESTRICT;


--
-- Name: offers fk_offers__vendor_id__vendors; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.offers
    ADD CONSTRAINT fk_offers__vendor_id__vendors FOREIGN KEY (vendor_id) REFERENCES public.vendors(id) ON DELETE RESTRICT;


--
-- Name: order_items fk_order_items__offer_id_vendor_id__offers; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_items
    ADD CONSTRAINT fk_order_items__offer_id_vendor_id__offers FOREIGN KEY (offer_id, vendor_id) REFERENCES public.offers(id, vendor_id) ON DELETE RESTRICT;


--
-- Name: order_items fk_order_items__order_id__orders; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_items
    ADD CONSTRAINT fk_order_items__order_id__orders FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE CASCADE;


--
-- Name: order_items fk_order_items__variant_id__product_variants; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_items
    ADD CONSTRAINT fk_order_items__variant_id__product_variants FOREIGN KEY (variant_id) REFERENCES public.product_variants(id) ON DELETE RESTRICT;


--
-- Name: order_items fk_order_items__vendor_id__vendors; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_items
    ADD CONSTRAINT fk_order_items__vendor_id__vendors FOREIGN KEY (vendor_id) REFERENCES public.vendors(id) ON DELETE RESTRICT;


--
-- Name: order_status_history fk_order_status_history__actor_id__users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_status_history
    ADD CONSTRAINT fk_order_status_history__actor_id__users FOREIGN KEY (actor_id) REFERENCES public.users(id) ON DELETE RESTRICT;


--
-- Name: order_status_history fk_order_status_history__order_id__orders; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_status_history
    ADD CONSTRAINT fk_order_status_history__order_id__orders FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE CASCADE;


--
-- Name: orders fk_orders__account_id__accounts; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT fk_orders__account_id__accounts FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE RESTRICT;


--
-- Name: orders fk_orders__rfq_id__rfqs; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT fk_orders__rfq_id__rfqs FOREIGN KEY (rfq_id) REFERENCES public.rfqs(id) ON DELETE RESTRICT;


--
-- Name: orders fk_orders__user_id__users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT fk_orders__user_id__users FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE RESTRICT;


--
-- Name: payments fk_payments__order_id__orders; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT fk_payments__order_id__orders FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE RESTRICT;


--
-- Name: price_list_entries fk_price_list_entries__price_list_id__price_lists; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.price_list_entries
    ADD CONSTRAINT fk_price_list_entries__price_list_id__price_lists FOREIGN KEY (price_list_id) REFERENCES public.price_lists(id) ON DELETE CASCADE;


--
-- Name: price_list_entries fk_price_list_entries__product_id__products; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.price_list_entries
    ADD CONSTRAINT fk_price_list_entries__product_id__products FOREIGN KEY (product_id) REFERENCES public.products(id) ON DELETE CASCADE;


--
-- Name: price_list_entries fk_price_list_entries__variant_id__product_variants; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.price_list_entries
    ADD CONSTRAINT fk_price_list_entries__variant_id__product_variants FOREIGN KEY (variant_id) REFERENCES public.product_variants(id) ON DELETE CASCADE;


--
-- Name: product_categories fk_product_categories__category_id__categories; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_categories
    ADD CONSTRAINT fk_product_categories__category_id__categories FOREIGN KEY (category_id) REFERENCES public.categories(id) ON DELETE CASCADE;


--
-- Name: product_categories fk_product_categories__product_id__products; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_categories
    ADD CONSTRAINT fk_product_categories__product_id__products FOREIGN KEY (product_id) REFERENCES public.products(id) ON DELETE CASCADE;


--
-- Name: product_documents fk_product_documents__media_id__media_objects; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_documents
    ADD CONSTRAINT fk_product_documents__media_id__media_objects FOREIGN KEY (media_id) REFERENCES public.media_objects(id) ON DELETE RESTRICT;


--
-- Name: product_documents fk_product_documents__product_id__products; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_documents
    ADD CONSTRAINT fk_product_documents__product_id__products FOREIGN KEY (product_id) REFERENCES public.products(id) ON DELETE CASCADE;


--
-- Name: product_images fk_product_images__media_id__media_objects; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_images
    ADD CONSTRAINT fk_product_images__media_id__media_objects FOREIGN KEY (media_id) REFERENCES public.media_objects(id) ON DELETE RESTRICT;


--
-- Name: product_images fk_product_images__product_id__products; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_images
    ADD CONSTRAINT fk_product_images__product_id__products FOREIGN KEY (product_id) REFERENCES public.products(id) ON DELETE CASCADE;


--
-- Name: product_images fk_product_images__variant_id__product_variants; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_images
    ADD CONSTRAINT fk_product_images__variant_id__product_variants FOREIGN KEY (variant_id) REFERENCES public.product_variants(id) ON DELETE CASCADE;


--
-- Name: product_specs fk_product_specs__product_id__products; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_specs
    ADD CONSTRAINT fk_product_specs__product_id__products FOREIGN KEY (product_id) REFERENCES public.products(id) ON DELETE CASCADE;


--
-- Name: product_specs fk_product_specs__spec_id__spec_definitions; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_specs
    ADD CONSTRAINT fk_product_specs__spec_id__spec_definitions FOREIGN KEY (spec_id) REFERENCES public.spec_definitions(id) ON DELETE RESTRICT;


--
-- Name: product_variants fk_product_variants__product_id__products; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.product_variants
    ADD CONSTRAINT fk_product_variants__product_id__products FOREIGN KEY (product_id) REFERENCES public.products(id) ON DELETE CASCADE;


--
-- Name: products fk_products__brand_id__brands; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.products
    ADD CONSTRAINT fk_products__brand_id__brands FOREIGN KEY (brand_id) REFERENCES public.brands(id) ON DELETE RESTRICT;


--
-- Name: refunds fk_refunds__created_by__users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refunds
    ADD CONSTRAINT fk_refunds__created_by__users FOREIGN KEY (created_by) REFERENCES public.users(id) ON DELETE RESTRICT;


--
-- Name: refunds fk_refunds__order_id__orders; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refunds
    ADD CONSTRAINT fk_refunds__order_id__orders FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE RESTRICT;


--
-- Name: refunds fk_refunds__payment_id__payments; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.refunds
    ADD CONSTRAINT fk_refunds__payment_id__payments FOREIGN KEY (payment_id) REFERENCES public.payments(id) ON DELETE RESTRICT;


--
-- Name: rfq_events fk_rfq_events__actor_id__users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rfq_events
    ADD CONSTRAINT fk_rfq_events__actor_id__users FOREIGN KEY (actor_id) REFERENCES public.users(id) ON DELETE RESTRICT;


--
-- Name: rfq_events fk_rfq_events__rfq_id__rfqs; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rfq_events
    ADD CONSTRAINT fk_rfq_events__rfq_id__rfqs FOREIGN KEY (rfq_id) REFERENCES public.rfqs(id) ON DELETE CASCADE;


--
-- Name: rfq_items fk_rfq_items__rfq_id__rfqs; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rfq_items
    ADD CONSTRAINT fk_rfq_items__rfq_id__rfqs FOREIGN KEY (rfq_id) REFERENCES public.rfqs(id) ON DELETE CASCADE;


--
-- Name: rfq_items fk_rfq_items__variant_id__product_variants; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rfq_items
    ADD CONSTRAINT fk_rfq_items__variant_id__product_variants FOREIGN KEY (variant_id) REFERENCES public.product_variants(id) ON DELETE RESTRICT;


--
-- Name: rfqs fk_rfqs__account_id__accounts; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rfqs
    ADD CONSTRAINT fk_rfqs__account_id__accounts FOREIGN KEY (account_id) REFERENCES public.accounts(id) ON DELETE RESTRICT;


--
-- Name: rfqs fk_rfqs__assigned_rep_id__users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rfqs
    ADD CONSTRAINT fk_rfqs__assigned_rep_id__users FOREIGN KEY (assigned_rep_id) REFERENCES public.users(id) ON DELETE SET NULL;


--
-- Name: rfqs fk_rfqs__requester_id__users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rfqs
    ADD CONSTRAINT fk_rfqs__requester_id__users FOREIGN KEY (requester_id) REFERENCES public.users(id) ON DELETE RESTRICT;


--
-- Name: shipment_items fk_shipment_items__order_item_id_vendor_id__order_items; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.shipment_items
    ADD CONSTRAINT fk_shipment_items__order_item_id_vendor_id__order_items FOREIGN KEY (order_item_id, vendor_id) REFERENCES public.order_items(id, vendor_id) ON DELETE RESTRICT;


--
-- Name: shipment_items fk_shipment_items__shipment_id_vendor_id__shipments; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.shipment_items
    ADD CONSTRAINT fk_shipment_items__shipment_id_vendor_id__shipments FOREIGN KEY (shipment_id, vendor_id) REFERENCES public.shipments(id, vendor_id) ON DELETE CASCADE;


--
-- Name: shipment_items fk_shipment_items__vendor_id__vendors; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.shipment_items
    ADD CONSTRAINT fk_shipment_items__vendor_id__vendors FOREIGN KEY (vendor_id) REFERENCES public.vendors(id) ON DELETE RESTRICT;


--
-- Name: shipments fk_shipments__location_id_vendor_id__stock_locations; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.shipments
    ADD CONSTRAINT fk_shipments__location_id_vendor_id__stock_locations FOREIGN KEY (location_id, vendor_id) REFERENCES public.stock_locations(id, vendor_id) ON DELETE RESTRICT;


--
-- Name: shipments fk_shipments__order_id__orders; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.shipments
    ADD CONSTRAINT fk_shipments__order_id__orders FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE RESTRICT;


--
-- Name: shipments fk_shipments__vendor_id__vendors; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.shipments
    ADD CONSTRAINT fk_shipments__vendor_id__vendors FOREIGN KEY (vendor_id) REFERENCES public.vendors(id) ON DELETE RESTRICT;


--
-- Name: stock_alerts fk_stock_alerts__acknowledged_by__users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_alerts
    ADD CONSTRAINT fk_stock_alerts__acknowledged_by__users FOREIGN KEY (acknowledged_by) REFERENCES public.users(id) ON DELETE RESTRICT;


--
-- Name: stock_alerts fk_stock_alerts__location_id_vendor_id__stock_locations; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_alerts
    ADD CONSTRAINT fk_stock_alerts__location_id_vendor_id__stock_locations FOREIGN KEY (location_id, vendor_id) REFERENCES public.stock_locations(id, vendor_id) ON DELETE RESTRICT;


--
-- Name: stock_alerts fk_stock_alerts__variant_id__product_variants; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_alerts
    ADD CONSTRAINT fk_stock_alerts__variant_id__product_variants FOREIGN KEY (variant_id) REFERENCES public.product_variants(id) ON DELETE RESTRICT;


--
-- Name: stock_alerts fk_stock_alerts__vendor_id__vendors; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_alerts
    ADD CONSTRAINT fk_stock_alerts__vendor_id__vendors FOREIGN KEY (vendor_id) REFERENCES public.vendors(id) ON DELETE RESTRICT;


--
-- Name: stock_count_lines fk_stock_count_lines__count_id_vendor_id__stock_counts; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_count_lines
    ADD CONSTRAINT fk_stock_count_lines__count_id_vendor_id__stock_counts FOREIGN KEY (count_id, vendor_id) REFERENCES public.stock_counts(id, vendor_id) ON DELETE CASCADE;


--
-- Name: stock_count_lines fk_stock_count_lines__counted_by__users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_count_lines
    ADD CONSTRAINT fk_stock_count_lines__counted_by__users FOREIGN KEY (counted_by) REFERENCES public.users(id) ON DELETE RESTRICT;


--
-- Name: stock_count_lines fk_stock_count_lines__variant_id__product_variants; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_count_lines
    ADD CONSTRAINT fk_stock_count_lines__variant_id__product_variants FOREIGN KEY (variant_id) REFERENCES public.product_variants(id) ON DELETE RESTRICT;


--
-- Name: stock_count_lines fk_stock_count_lines__vendor_id__vendors; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_count_lines
    ADD CONSTRAINT fk_stock_count_lines__vendor_id__vendors FOREIGN KEY (vendor_id) REFERENCES public.vendors(id) ON DELETE RESTRICT;


--
-- Name: stock_counts fk_stock_counts__location_id_vendor_id__stock_locations; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_counts
    ADD CONSTRAINT fk_stock_counts__location_id_vendor_id__stock_locations FOREIGN KEY (location_id, vendor_id) REFERENCES public.stock_locations(id, vendor_id) ON DELETE RESTRICT;


--
-- Name: stock_counts fk_stock_counts__opened_by__users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_counts
    ADD CONSTRAINT fk_stock_counts__opened_by__users FOREIGN KEY (opened_by) REFERENCES public.users(id) ON DELETE RESTRICT;


--
-- Name: stock_counts fk_stock_counts__posted_by__users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_counts
    ADD CONSTRAINT fk_stock_counts__posted_by__users FOREIGN KEY (posted_by) REFERENCES public.users(id) ON DELETE RESTRICT;


--
-- Name: stock_counts fk_stock_counts__vendor_id__vendors; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_counts
    ADD CONSTRAINT fk_stock_counts__vendor_id__vendors FOREIGN KEY (vendor_id) REFERENCES public.vendors(id) ON DELETE RESTRICT;


--
-- Name: stock_levels fk_stock_levels__location_id_vendor_id__stock_locations; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_levels
    ADD CONSTRAINT fk_stock_levels__location_id_vendor_id__stock_locations FOREIGN KEY (location_id, vendor_id) REFERENCES public.stock_locations(id, vendor_id) ON DELETE RESTRICT;


--
-- Name: stock_levels fk_stock_levels__variant_id__product_variants; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_levels
    ADD CONSTRAINT fk_stock_levels__variant_id__product_variants FOREIGN KEY (variant_id) REFERENCES public.product_variants(id) ON DELETE RESTRICT;


--
-- Name: stock_levels fk_stock_levels__vendor_id__vendors; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_levels
    ADD CONSTRAINT fk_stock_levels__vendor_id__vendors FOREIGN KEY (vendor_id) REFERENCES public.vendors(id) ON DELETE RESTRICT;


--
-- Name: stock_locations fk_stock_locations__vendor_id__vendors; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_locations
    ADD CONSTRAINT fk_stock_locations__vendor_id__vendors FOREIGN KEY (vendor_id) REFERENCES public.vendors(id) ON DELETE RESTRICT;


--
-- Name: stock_movements fk_stock_movements__actor_id__users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_movements
    ADD CONSTRAINT fk_stock_movements__actor_id__users FOREIGN KEY (actor_id) REFERENCES public.users(id) ON DELETE RESTRICT;


--
-- Name: stock_movements fk_stock_movements__location_id_vendor_id__stock_locations; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_movements
    ADD CONSTRAINT fk_stock_movements__location_id_vendor_id__stock_locations FOREIGN KEY (location_id, vendor_id) REFERENCES public.stock_locations(id, vendor_id) ON DELETE RESTRICT;


--
-- Name: stock_movements fk_stock_movements__variant_id__product_variants; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_movements
    ADD CONSTRAINT fk_stock_movements__variant_id__product_variants FOREIGN KEY (variant_id) REFERENCES public.product_variants(id) ON DELETE RESTRICT;


--
-- Name: stock_movements fk_stock_movements__vendor_id__vendors; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_movements
    ADD CONSTRAINT fk_stock_movements__vendor_id__vendors FOREIGN KEY (vendor_id) REFERENCES public.vendors(id) ON DELETE RESTRICT;


--
-- Name: stock_reservations fk_stock_reservations__created_by__users; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_reservations
    ADD CONSTRAINT fk_stock_reservations__created_by__users FOREIGN KEY (created_by) REFERENCES public.users(id) ON DELETE RESTRICT;


--
-- Name: stock_reservations fk_stock_reservations__location_id_vendor_id__stock_locations; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_reservations
    ADD CONSTRAINT fk_stock_reservations__location_id_vendor_id__stock_locations FOREIGN KEY (location_id, vendor_id) REFERENCES public.stock_locations(id, vendor_id) ON DELETE RESTRICT;


--
-- Name: stock_reservations fk_stock_reservations__variant_id__product_variants; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_reservations
    ADD CONSTRAINT fk_stock_reservations__variant_id__product_variants FOREIGN KEY (variant_id) REFERENCES public.product_variants(id) ON DELETE RESTRICT;


--
-- Name: stock_reservations fk_stock_reservations__vendor_id__vendors; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.stock_reservations
    ADD CONSTRAINT fk_stock_reservations__vendor_id__vendors FOREIGN KEY (vendor_id) REFERENCES public.vendors(id) ON DELETE RESTRICT;


--
-- Name: sync_log fk_sync_log__run_id__integration_runs; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sync_log
    ADD CONSTRAINT fk_sync_log__run_id__integration_runs FOREIGN KEY (run_id) REFERENCES public.integration_runs(id) ON DELETE CASCADE;


--
-- Name: users fk_users__vendor_id__vendors; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT fk_users__vendor_id__vendors FOREIGN KEY (vendor_id) REFERENCES public.vendors(id) ON DELETE RESTRICT;


--
-- Name: volume_discounts fk_volume_discounts__brand_id__brands; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.volume_discounts
    ADD CONSTRAINT fk_volume_discounts__brand_id__brands FOREIGN KEY (brand_id) REFERENCES public.brands(id) ON DELETE CASCADE;


--
-- Name: volume_discounts fk_volume_discounts__category_id__categories; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.volume_discounts
    ADD CONSTRAINT fk_volume_discounts__category_id__categories FOREIGN KEY (category_id) REFERENCES public.categories(id) ON DELETE CASCADE;


--
-- Name: volume_discounts fk_volume_discounts__product_id__products; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.volume_discounts
    ADD CONSTRAINT fk_volume_discounts__product_id__products FOREIGN KEY (product_id) REFERENCES public.products(id) ON DELETE CASCADE;


--
-- Name: volume_discounts fk_volume_discounts__variant_id__product_variants; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.volume_discounts
    ADD CONSTRAINT fk_volume_discounts__variant_id__product_variants FOREIGN KEY (variant_id) REFERENCES public.product_variants(id) ON DELETE CASCADE;


--
-- Name: alembic_version; Type: ROW SECURITY; Schema: private; Owner: -
--

ALTER TABLE private.alembic_version ENABLE ROW LEVEL SECURITY;

--
-- Name: credentials; Type: ROW SECURITY; Schema: private; Owner: -
--

ALTER TABLE private.credentials ENABLE ROW LEVEL SECURITY;

--
-- Name: document_counters; Type: ROW SECURITY; Schema: private; Owner: -
--

ALTER TABLE private.document_counters ENABLE ROW LEVEL SECURITY;

--
-- Name: refresh_tokens; Type: ROW SECURITY; Schema: private; Owner: -
--

ALTER TABLE private.refresh_tokens ENABLE ROW LEVEL SECURITY;

--
-- Name: alembic_version select_authenticator; Type: POLICY; Schema: private; Owner: -
--

CREATE POLICY select_authenticator ON private.alembic_version FOR SELECT TO authenticator USING (true);


--
-- Name: credentials select_own; Type: POLICY; Schema: private; Owner: -
--

CREATE POLICY select_own ON private.credentials FOR SELECT TO authenticated USING ((user_id = ( SELECT private.current_user_id() AS current_user_id)));


--
-- Name: refresh_tokens select_own; Type: POLICY; Schema: private; Owner: -
--

CREATE POLICY select_own ON private.refresh_tokens FOR SELECT TO authenticated USING ((user_id = ( SELECT private.current_user_id() AS current_user_id)));


--
-- Name: account_members; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.account_members ENABLE ROW LEVEL SECURITY;

--
-- Name: account_notes; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.account_notes ENABLE ROW LEVEL SECURITY;

--
-- Name: account_price_lists; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.account_price_lists ENABLE ROW LEVEL SECURITY;

--
-- Name: accounts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.accounts ENABLE ROW LEVEL SECURITY;

--
-- Name: addresses; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.addresses ENABLE ROW LEVEL SECURITY;

--
-- Name: account_members all_account_owner; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_account_owner ON public.account_members TO authenticated USING ((account_id = ANY (( SELECT private.owner_account_ids() AS owner_account_ids)::uuid[]))) WITH CHECK ((account_id = ANY (( SELECT private.owner_account_ids() AS owner_account_ids)::uuid[])));


--
-- Name: account_members all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.account_members TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: account_notes all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.account_notes TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: account_price_lists all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.account_price_lists TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: accounts all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.accounts TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: addresses all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.addresses TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: brands all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.brands TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: cart_items all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.cart_items TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: carts all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.carts TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: categories all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.categories TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: media_objects all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.media_objects TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: offers all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.offers TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: price_list_entries all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.price_list_entries TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: price_lists all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.price_lists TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: product_categories all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.product_categories TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: product_documents all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.product_documents TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: product_images all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.product_images TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: product_specs all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.product_specs TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: product_variants all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.product_variants TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: products all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.products TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: rfq_items all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.rfq_items TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: rfqs all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.rfqs TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: shipment_items all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.shipment_items TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: shipments all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.shipments TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: spec_definitions all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.spec_definitions TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: stock_alerts all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.stock_alerts TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: stock_count_lines all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.stock_count_lines TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: stock_counts all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.stock_counts TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: stock_locations all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.stock_locations TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: users all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.users TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: vendors all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.vendors TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: volume_discounts all_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY all_admin ON public.volume_discounts TO authenticated USING (( SELECT private.is_admin() AS is_admin)) WITH CHECK (( SELECT private.is_admin() AS is_admin));


--
-- Name: audit_log; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.audit_log ENABLE ROW LEVEL SECURITY;

--
-- Name: brands; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.brands ENABLE ROW LEVEL SECURITY;

--
-- Name: cart_items; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.cart_items ENABLE ROW LEVEL SECURITY;

--
-- Name: carts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.carts ENABLE ROW LEVEL SECURITY;

--
-- Name: categories; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.categories ENABLE ROW LEVEL SECURITY;

--
-- Name: account_notes delete_author; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY delete_author ON public.account_notes FOR DELETE TO authenticated USING (((author_id = ( SELECT private.current_user_id() AS current_user_id)) AND (account_id = ANY (( SELECT private.rep_account_ids() AS rep_account_ids)::uuid[]))));


--
-- Name: cart_items delete_cart_editor; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY delete_cart_editor ON public.cart_items FOR DELETE TO authenticated USING (( SELECT private.can_edit_cart(cart_items.cart_id) AS can_edit_cart));


--
-- Name: rfqs delete_draft_requester; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY delete_draft_requester ON public.rfqs FOR DELETE TO authenticated USING (((status = 'draft'::text) AND (requester_id = ( SELECT private.current_user_id() AS current_user_id))));


--
-- Name: addresses delete_owner; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY delete_owner ON public.addresses FOR DELETE TO authenticated USING (((user_id = ( SELECT private.current_user_id() AS current_user_id)) OR (account_id = ANY (( SELECT private.buyer_account_ids() AS buyer_account_ids)::uuid[]))));


--
-- Name: carts delete_owner; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY delete_owner ON public.carts FOR DELETE TO authenticated USING ((((account_id IS NULL) AND (user_id = ( SELECT private.current_user_id() AS current_user_id))) OR (account_id = ANY (( SELECT private.buyer_account_ids() AS buyer_account_ids)::uuid[]))));


--
-- Name: rfq_items delete_rfq_worker; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY delete_rfq_worker ON public.rfq_items FOR DELETE TO authenticated USING (( SELECT private.can_work_on_rfq(rfq_items.rfq_id) AS can_work_on_rfq));


--
-- Name: stock_locations delete_vendor_manager; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY delete_vendor_manager ON public.stock_locations FOR DELETE TO authenticated USING (( SELECT private.is_vendor_manager(stock_locations.vendor_id) AS is_vendor_manager));


--
-- Name: media_objects delete_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY delete_vendor_staff ON public.media_objects FOR DELETE TO authenticated USING ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: offers delete_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY delete_vendor_staff ON public.offers FOR DELETE TO authenticated USING ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: shipment_items delete_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY delete_vendor_staff ON public.shipment_items FOR DELETE TO authenticated USING ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: external_refs; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.external_refs ENABLE ROW LEVEL SECURITY;

--
-- Name: rfqs insert_buyer; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY insert_buyer ON public.rfqs FOR INSERT TO authenticated WITH CHECK (((account_id = ANY (( SELECT private.buyer_account_ids() AS buyer_account_ids)::uuid[])) AND (requester_id = ( SELECT private.current_user_id() AS current_user_id))));


--
-- Name: cart_items insert_cart_editor; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY insert_cart_editor ON public.cart_items FOR INSERT TO authenticated WITH CHECK (( SELECT private.can_edit_cart(cart_items.cart_id) AS can_edit_cart));


--
-- Name: rfq_events insert_comment; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY insert_comment ON public.rfq_events FOR INSERT TO authenticated WITH CHECK (((kind = 'comment'::text) AND (actor_id = ( SELECT private.current_user_id() AS current_user_id)) AND ( SELECT private.can_see_rfq(rfq_events.rfq_id) AS can_see_rfq)));


--
-- Name: users insert_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY insert_own ON public.users FOR INSERT TO authenticated WITH CHECK ((id = ( SELECT private.current_user_id() AS current_user_id)));


--
-- Name: addresses insert_owner; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY insert_owner ON public.addresses FOR INSERT TO authenticated WITH CHECK (((user_id = ( SELECT private.current_user_id() AS current_user_id)) OR (account_id = ANY (( SELECT private.buyer_account_ids() AS buyer_account_ids)::uuid[]))));


--
-- Name: carts insert_owner; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY insert_owner ON public.carts FOR INSERT TO authenticated WITH CHECK (((user_id = ( SELECT private.current_user_id() AS current_user_id)) AND ((account_id IS NULL) OR (account_id = ANY (( SELECT private.buyer_account_ids() AS buyer_account_ids)::uuid[])))));


--
-- Name: account_notes insert_rep; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY insert_rep ON public.account_notes FOR INSERT TO authenticated WITH CHECK (((account_id = ANY (( SELECT private.rep_account_ids() AS rep_account_ids)::uuid[])) AND (author_id = ( SELECT private.current_user_id() AS current_user_id))));


--
-- Name: rfq_items insert_rfq_worker; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY insert_rfq_worker ON public.rfq_items FOR INSERT TO authenticated WITH CHECK (( SELECT private.can_work_on_rfq(rfq_items.rfq_id) AS can_work_on_rfq));


--
-- Name: stock_locations insert_vendor_manager; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY insert_vendor_manager ON public.stock_locations FOR INSERT TO authenticated WITH CHECK (( SELECT private.is_vendor_manager(stock_locations.vendor_id) AS is_vendor_manager));


--
-- Name: media_objects insert_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY insert_vendor_staff ON public.media_objects FOR INSERT TO authenticated WITH CHECK ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: offers insert_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY insert_vendor_staff ON public.offers FOR INSERT TO authenticated WITH CHECK ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: shipment_items insert_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY insert_vendor_staff ON public.shipment_items FOR INSERT TO authenticated WITH CHECK ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: shipments insert_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY insert_vendor_staff ON public.shipments FOR INSERT TO authenticated WITH CHECK (((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)) AND (EXISTS ( SELECT 1
   FROM public.order_items oi
  WHERE ((oi.order_id = shipments.order_id) AND (oi.vendor_id = shipments.vendor_id))))));


--
-- Name: stock_counts insert_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY insert_vendor_staff ON public.stock_counts FOR INSERT TO authenticated WITH CHECK (((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)) AND (status = 'open'::text)));


--
-- Name: integration_runs; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.integration_runs ENABLE ROW LEVEL SECURITY;

--
-- Name: media_objects; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.media_objects ENABLE ROW LEVEL SECURITY;

--
-- Name: offers; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.offers ENABLE ROW LEVEL SECURITY;

--
-- Name: order_items; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.order_items ENABLE ROW LEVEL SECURITY;

--
-- Name: order_status_history; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.order_status_history ENABLE ROW LEVEL SECURITY;

--
-- Name: orders; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;

--
-- Name: outbox_events; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.outbox_events ENABLE ROW LEVEL SECURITY;

--
-- Name: payments; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.payments ENABLE ROW LEVEL SECURITY;

--
-- Name: price_list_entries; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.price_list_entries ENABLE ROW LEVEL SECURITY;

--
-- Name: price_lists; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.price_lists ENABLE ROW LEVEL SECURITY;

--
-- Name: product_categories; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.product_categories ENABLE ROW LEVEL SECURITY;

--
-- Name: product_documents; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.product_documents ENABLE ROW LEVEL SECURITY;

--
-- Name: product_images; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.product_images ENABLE ROW LEVEL SECURITY;

--
-- Name: product_specs; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.product_specs ENABLE ROW LEVEL SECURITY;

--
-- Name: product_variants; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.product_variants ENABLE ROW LEVEL SECURITY;

--
-- Name: products; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.products ENABLE ROW LEVEL SECURITY;

--
-- Name: refunds; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.refunds ENABLE ROW LEVEL SECURITY;

--
-- Name: rfq_events; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.rfq_events ENABLE ROW LEVEL SECURITY;

--
-- Name: rfq_items; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.rfq_items ENABLE ROW LEVEL SECURITY;

--
-- Name: rfqs; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.rfqs ENABLE ROW LEVEL SECURITY;

--
-- Name: offers select_active; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_active ON public.offers FOR SELECT TO anon, authenticated USING (((status = 'active'::text) AND (EXISTS ( SELECT 1
   FROM public.vendors v
  WHERE ((v.id = offers.vendor_id) AND (v.status = 'active'::text)))) AND private.variant_is_listed(variant_id)));


--
-- Name: product_variants select_active; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_active ON public.product_variants FOR SELECT TO anon, authenticated USING (((status = 'active'::text) AND (EXISTS ( SELECT 1
   FROM public.products p
  WHERE ((p.id = product_variants.product_id) AND (p.status = 'active'::text))))));


--
-- Name: products select_active; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_active ON public.products FOR SELECT TO anon, authenticated USING ((status = 'active'::text));


--
-- Name: vendors select_active; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_active ON public.vendors FOR SELECT TO anon, authenticated USING ((status = 'active'::text));


--
-- Name: audit_log select_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_admin ON public.audit_log FOR SELECT TO authenticated USING (( SELECT private.is_admin() AS is_admin));


--
-- Name: external_refs select_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_admin ON public.external_refs FOR SELECT TO authenticated USING (( SELECT private.is_admin() AS is_admin));


--
-- Name: integration_runs select_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_admin ON public.integration_runs FOR SELECT TO authenticated USING (( SELECT private.is_admin() AS is_admin));


--
-- Name: order_items select_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_admin ON public.order_items FOR SELECT TO authenticated USING (( SELECT private.is_admin() AS is_admin));


--
-- Name: order_status_history select_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_admin ON public.order_status_history FOR SELECT TO authenticated USING (( SELECT private.is_admin() AS is_admin));


--
-- Name: orders select_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_admin ON public.orders FOR SELECT TO authenticated USING (( SELECT private.is_admin() AS is_admin));


--
-- Name: outbox_events select_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_admin ON public.outbox_events FOR SELECT TO authenticated USING (( SELECT private.is_admin() AS is_admin));


--
-- Name: payments select_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_admin ON public.payments FOR SELECT TO authenticated USING (( SELECT private.is_admin() AS is_admin));


--
-- Name: refunds select_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_admin ON public.refunds FOR SELECT TO authenticated USING (( SELECT private.is_admin() AS is_admin));


--
-- Name: rfq_events select_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_admin ON public.rfq_events FOR SELECT TO authenticated USING (( SELECT private.is_admin() AS is_admin));


--
-- Name: stock_levels select_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_admin ON public.stock_levels FOR SELECT TO authenticated USING (( SELECT private.is_admin() AS is_admin));


--
-- Name: stock_movements select_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_admin ON public.stock_movements FOR SELECT TO authenticated USING (( SELECT private.is_admin() AS is_admin));


--
-- Name: stock_reservations select_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_admin ON public.stock_reservations FOR SELECT TO authenticated USING (( SELECT private.is_admin() AS is_admin));


--
-- Name: sync_log select_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_admin ON public.sync_log FOR SELECT TO authenticated USING (( SELECT private.is_admin() AS is_admin));


--
-- Name: webhook_receipts select_admin; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_admin ON public.webhook_receipts FOR SELECT TO authenticated USING (( SELECT private.is_admin() AS is_admin));


--
-- Name: brands select_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_all ON public.brands FOR SELECT TO anon, authenticated USING (true);


--
-- Name: categories select_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_all ON public.categories FOR SELECT TO anon, authenticated USING (true);


--
-- Name: spec_definitions select_all; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_all ON public.spec_definitions FOR SELECT TO anon, authenticated USING (true);


--
-- Name: price_list_entries select_assigned; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_assigned ON public.price_list_entries FOR SELECT TO authenticated USING ((price_list_id = ANY (( SELECT private.visible_price_list_ids() AS visible_price_list_ids)::uuid[])));


--
-- Name: price_lists select_assigned; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_assigned ON public.price_lists FOR SELECT TO authenticated USING ((id = ANY (( SELECT private.visible_price_list_ids() AS visible_price_list_ids)::uuid[])));


--
-- Name: volume_discounts select_b2b; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_b2b ON public.volume_discounts FOR SELECT TO authenticated USING (((cardinality(( SELECT private.member_account_ids() AS member_account_ids)) > 0) OR (( SELECT private.current_app_role() AS current_app_role) = 'rep'::text)));


--
-- Name: order_items select_buyer; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_buyer ON public.order_items FOR SELECT TO authenticated USING (( SELECT private.can_see_order(order_items.order_id) AS can_see_order));


--
-- Name: order_status_history select_buyer; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_buyer ON public.order_status_history FOR SELECT TO authenticated USING (( SELECT private.can_see_order(order_status_history.order_id) AS can_see_order));


--
-- Name: orders select_buyer; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_buyer ON public.orders FOR SELECT TO authenticated USING (((user_id = ( SELECT private.current_user_id() AS current_user_id)) OR (account_id = ANY (( SELECT private.visible_account_ids() AS visible_account_ids)::uuid[]))));


--
-- Name: payments select_buyer; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_buyer ON public.payments FOR SELECT TO authenticated USING (( SELECT private.can_see_order(payments.order_id) AS can_see_order));


--
-- Name: refunds select_buyer; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_buyer ON public.refunds FOR SELECT TO authenticated USING (( SELECT private.can_see_order(refunds.order_id) AS can_see_order));


--
-- Name: shipment_items select_buyer; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_buyer ON public.shipment_items FOR SELECT TO authenticated USING ((EXISTS ( SELECT 1
   FROM public.shipments s
  WHERE (s.id = shipment_items.shipment_id))));


--
-- Name: shipments select_buyer; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_buyer ON public.shipments FOR SELECT TO authenticated USING (( SELECT private.can_see_order(shipments.order_id) AS can_see_order));


--
-- Name: cart_items select_cart_visible; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_cart_visible ON public.cart_items FOR SELECT TO authenticated USING ((EXISTS ( SELECT 1
   FROM public.carts c
  WHERE (c.id = cart_items.cart_id))));


--
-- Name: stock_reservations select_holder; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_holder ON public.stock_reservations FOR SELECT TO authenticated USING ((((holder_type = 'cart'::text) AND (EXISTS ( SELECT 1
   FROM public.carts c
  WHERE (c.id = stock_reservations.holder_id)))) OR ((holder_type = 'order'::text) AND (EXISTS ( SELECT 1
   FROM public.orders o
  WHERE (o.id = stock_reservations.holder_id))))));


--
-- Name: account_members select_member_or_rep; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_member_or_rep ON public.account_members FOR SELECT TO authenticated USING ((account_id = ANY (( SELECT private.visible_account_ids() AS visible_account_ids)::uuid[])));


--
-- Name: account_price_lists select_member_or_rep; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_member_or_rep ON public.account_price_lists FOR SELECT TO authenticated USING ((account_id = ANY (( SELECT private.visible_account_ids() AS visible_account_ids)::uuid[])));


--
-- Name: accounts select_member_or_rep; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_member_or_rep ON public.accounts FOR SELECT TO authenticated USING ((id = ANY (( SELECT private.visible_account_ids() AS visible_account_ids)::uuid[])));


--
-- Name: rfqs select_member_or_rep; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_member_or_rep ON public.rfqs FOR SELECT TO authenticated USING (((account_id = ANY (( SELECT private.visible_account_ids() AS visible_account_ids)::uuid[])) OR (assigned_rep_id = ( SELECT private.current_user_id() AS current_user_id))));


--
-- Name: users select_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_own ON public.users FOR SELECT TO authenticated USING ((id = ( SELECT private.current_user_id() AS current_user_id)));


--
-- Name: addresses select_owner; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_owner ON public.addresses FOR SELECT TO authenticated USING (((user_id = ( SELECT private.current_user_id() AS current_user_id)) OR (account_id = ANY (( SELECT private.visible_account_ids() AS visible_account_ids)::uuid[]))));


--
-- Name: carts select_owner; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_owner ON public.carts FOR SELECT TO authenticated USING ((((account_id IS NULL) AND (user_id = ( SELECT private.current_user_id() AS current_user_id))) OR (account_id = ANY (( SELECT private.visible_account_ids() AS visible_account_ids)::uuid[]))));


--
-- Name: users select_related; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_related ON public.users FOR SELECT TO authenticated USING ((id = ANY (( SELECT private.visible_user_ids() AS visible_user_ids)::uuid[])));


--
-- Name: account_notes select_rep; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_rep ON public.account_notes FOR SELECT TO authenticated USING ((account_id = ANY (( SELECT private.rep_account_ids() AS rep_account_ids)::uuid[])));


--
-- Name: rfq_events select_rfq_visible; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_rfq_visible ON public.rfq_events FOR SELECT TO authenticated USING (( SELECT private.can_see_rfq(rfq_events.rfq_id) AS can_see_rfq));


--
-- Name: rfq_items select_rfq_visible; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_rfq_visible ON public.rfq_items FOR SELECT TO authenticated USING (( SELECT private.can_see_rfq(rfq_items.rfq_id) AS can_see_rfq));


--
-- Name: media_objects select_store_media; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_store_media ON public.media_objects FOR SELECT TO anon, authenticated USING ((vendor_id IS NULL));


--
-- Name: media_objects select_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_vendor_staff ON public.media_objects FOR SELECT TO authenticated USING ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: offers select_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_vendor_staff ON public.offers FOR SELECT TO authenticated USING ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: order_items select_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_vendor_staff ON public.order_items FOR SELECT TO authenticated USING ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: product_variants select_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_vendor_staff ON public.product_variants FOR SELECT TO authenticated USING ((EXISTS ( SELECT 1
   FROM public.offers o
  WHERE ((o.variant_id = product_variants.id) AND (o.vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id))))));


--
-- Name: products select_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_vendor_staff ON public.products FOR SELECT TO authenticated USING (
CASE
    WHEN (( SELECT private.current_vendor_id() AS current_vendor_id) IS NULL) THEN false
    ELSE private.vendor_sells_product(id)
END);


--
-- Name: shipment_items select_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_vendor_staff ON public.shipment_items FOR SELECT TO authenticated USING ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: shipments select_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_vendor_staff ON public.shipments FOR SELECT TO authenticated USING ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: stock_alerts select_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_vendor_staff ON public.stock_alerts FOR SELECT TO authenticated USING ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: stock_count_lines select_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_vendor_staff ON public.stock_count_lines FOR SELECT TO authenticated USING ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: stock_counts select_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_vendor_staff ON public.stock_counts FOR SELECT TO authenticated USING ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: stock_levels select_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_vendor_staff ON public.stock_levels FOR SELECT TO authenticated USING ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: stock_locations select_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_vendor_staff ON public.stock_locations FOR SELECT TO authenticated USING ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: stock_movements select_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_vendor_staff ON public.stock_movements FOR SELECT TO authenticated USING ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: stock_reservations select_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_vendor_staff ON public.stock_reservations FOR SELECT TO authenticated USING ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: vendors select_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_vendor_staff ON public.vendors FOR SELECT TO authenticated USING ((id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: product_categories select_visible_product; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_visible_product ON public.product_categories FOR SELECT TO anon, authenticated USING ((EXISTS ( SELECT 1
   FROM public.products p
  WHERE (p.id = product_categories.product_id))));


--
-- Name: product_documents select_visible_product; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_visible_product ON public.product_documents FOR SELECT TO anon, authenticated USING ((EXISTS ( SELECT 1
   FROM public.products p
  WHERE (p.id = product_documents.product_id))));


--
-- Name: product_images select_visible_product; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_visible_product ON public.product_images FOR SELECT TO anon, authenticated USING ((EXISTS ( SELECT 1
   FROM public.products p
  WHERE (p.id = product_images.product_id))));


--
-- Name: product_specs select_visible_product; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY select_visible_product ON public.product_specs FOR SELECT TO anon, authenticated USING ((EXISTS ( SELECT 1
   FROM public.products p
  WHERE (p.id = product_specs.product_id))));


--
-- Name: shipment_items; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.shipment_items ENABLE ROW LEVEL SECURITY;

--
-- Name: shipments; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.shipments ENABLE ROW LEVEL SECURITY;

--
-- Name: spec_definitions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.spec_definitions ENABLE ROW LEVEL SECURITY;

--
-- Name: stock_alerts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.stock_alerts ENABLE ROW LEVEL SECURITY;

--
-- Name: stock_count_lines; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.stock_count_lines ENABLE ROW LEVEL SECURITY;

--
-- Name: stock_counts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.stock_counts ENABLE ROW LEVEL SECURITY;

--
-- Name: stock_levels; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.stock_levels ENABLE ROW LEVEL SECURITY;

--
-- Name: stock_locations; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.stock_locations ENABLE ROW LEVEL SECURITY;

--
-- Name: stock_movements; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.stock_movements ENABLE ROW LEVEL SECURITY;

--
-- Name: stock_reservations; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.stock_reservations ENABLE ROW LEVEL SECURITY;

--
-- Name: sync_log; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.sync_log ENABLE ROW LEVEL SECURITY;

--
-- Name: account_notes update_author; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY update_author ON public.account_notes FOR UPDATE TO authenticated USING (((author_id = ( SELECT private.current_user_id() AS current_user_id)) AND (account_id = ANY (( SELECT private.rep_account_ids() AS rep_account_ids)::uuid[])))) WITH CHECK ((author_id = ( SELECT private.current_user_id() AS current_user_id)));


--
-- Name: rfqs update_buyer_or_rep; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY update_buyer_or_rep ON public.rfqs FOR UPDATE TO authenticated USING (((account_id = ANY (( SELECT private.buyer_account_ids() AS buyer_account_ids)::uuid[])) OR (account_id = ANY (( SELECT private.rep_account_ids() AS rep_account_ids)::uuid[])) OR (assigned_rep_id = ( SELECT private.current_user_id() AS current_user_id)))) WITH CHECK (((account_id = ANY (( SELECT private.buyer_account_ids() AS buyer_account_ids)::uuid[])) OR (account_id = ANY (( SELECT private.rep_account_ids() AS rep_account_ids)::uuid[])) OR (assigned_rep_id = ( SELECT private.current_user_id() AS current_user_id))));


--
-- Name: cart_items update_cart_editor; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY update_cart_editor ON public.cart_items FOR UPDATE TO authenticated USING (( SELECT private.can_edit_cart(cart_items.cart_id) AS can_edit_cart)) WITH CHECK (( SELECT private.can_edit_cart(cart_items.cart_id) AS can_edit_cart));


--
-- Name: users update_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY update_own ON public.users FOR UPDATE TO authenticated USING ((id = ( SELECT private.current_user_id() AS current_user_id))) WITH CHECK ((id = ( SELECT private.current_user_id() AS current_user_id)));


--
-- Name: addresses update_owner; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY update_owner ON public.addresses FOR UPDATE TO authenticated USING (((user_id = ( SELECT private.current_user_id() AS current_user_id)) OR (account_id = ANY (( SELECT private.buyer_account_ids() AS buyer_account_ids)::uuid[])))) WITH CHECK (((user_id = ( SELECT private.current_user_id() AS current_user_id)) OR (account_id = ANY (( SELECT private.buyer_account_ids() AS buyer_account_ids)::uuid[]))));


--
-- Name: carts update_owner; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY update_owner ON public.carts FOR UPDATE TO authenticated USING ((((account_id IS NULL) AND (user_id = ( SELECT private.current_user_id() AS current_user_id))) OR (account_id = ANY (( SELECT private.buyer_account_ids() AS buyer_account_ids)::uuid[])))) WITH CHECK ((((account_id IS NULL) AND (user_id = ( SELECT private.current_user_id() AS current_user_id))) OR (account_id = ANY (( SELECT private.buyer_account_ids() AS buyer_account_ids)::uuid[]))));


--
-- Name: rfq_items update_rfq_worker; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY update_rfq_worker ON public.rfq_items FOR UPDATE TO authenticated USING (( SELECT private.can_work_on_rfq(rfq_items.rfq_id) AS can_work_on_rfq)) WITH CHECK (( SELECT private.can_work_on_rfq(rfq_items.rfq_id) AS can_work_on_rfq));


--
-- Name: stock_locations update_vendor_manager; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY update_vendor_manager ON public.stock_locations FOR UPDATE TO authenticated USING (( SELECT private.is_vendor_manager(stock_locations.vendor_id) AS is_vendor_manager)) WITH CHECK (( SELECT private.is_vendor_manager(stock_locations.vendor_id) AS is_vendor_manager));


--
-- Name: vendors update_vendor_manager; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY update_vendor_manager ON public.vendors FOR UPDATE TO authenticated USING (( SELECT private.is_vendor_manager(vendors.id) AS is_vendor_manager)) WITH CHECK (( SELECT private.is_vendor_manager(vendors.id) AS is_vendor_manager));


--
-- Name: media_objects update_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY update_vendor_staff ON public.media_objects FOR UPDATE TO authenticated USING ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id))) WITH CHECK ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: offers update_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY update_vendor_staff ON public.offers FOR UPDATE TO authenticated USING ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id))) WITH CHECK ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: shipment_items update_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY update_vendor_staff ON public.shipment_items FOR UPDATE TO authenticated USING ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id))) WITH CHECK ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: shipments update_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY update_vendor_staff ON public.shipments FOR UPDATE TO authenticated USING ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id))) WITH CHECK ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: stock_alerts update_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY update_vendor_staff ON public.stock_alerts FOR UPDATE TO authenticated USING ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id))) WITH CHECK (((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)) AND (acknowledged_by = ( SELECT private.current_user_id() AS current_user_id))));


--
-- Name: stock_count_lines update_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY update_vendor_staff ON public.stock_count_lines FOR UPDATE TO authenticated USING ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id))) WITH CHECK ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: stock_counts update_vendor_staff; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY update_vendor_staff ON public.stock_counts FOR UPDATE TO authenticated USING (((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)) AND (status = 'open'::text))) WITH CHECK ((vendor_id = ( SELECT private.current_vendor_id() AS current_vendor_id)));


--
-- Name: users; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;

--
-- Name: vendors; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.vendors ENABLE ROW LEVEL SECURITY;

--
-- Name: volume_discounts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.volume_discounts ENABLE ROW LEVEL SECURITY;

--
-- Name: webhook_receipts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.webhook_receipts ENABLE ROW LEVEL SECURITY;

--
-- Name: SCHEMA private; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA private TO anon;
GRANT USAGE ON SCHEMA private TO authenticated;
GRANT USAGE ON SCHEMA private TO service_role;
GRANT USAGE ON SCHEMA private TO authenticator;


--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA public TO anon;
GRANT USAGE ON SCHEMA public TO authenticated;
GRANT USAGE ON SCHEMA public TO service_role;


--
-- Name: FUNCTION assert_holder(p_holder_type text, p_holder_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.assert_holder(p_holder_type text, p_holder_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION assert_positive(p_name text, p_value integer); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.assert_positive(p_name text, p_value integer) FROM PUBLIC;


--
-- Name: FUNCTION assert_variant(p_variant_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.assert_variant(p_variant_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION buyer_account_ids(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.buyer_account_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.buyer_account_ids() TO anon;
GRANT ALL ON FUNCTION private.buyer_account_ids() TO authenticated;
GRANT ALL ON FUNCTION private.buyer_account_ids() TO service_role;


--
-- Name: FUNCTION can_edit_cart(p_cart_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.can_edit_cart(p_cart_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.can_edit_cart(p_cart_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.can_edit_cart(p_cart_id uuid) TO service_role;


--
-- Name: FUNCTION can_see_order(p_order_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.can_see_order(p_order_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.can_see_order(p_order_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.can_see_order(p_order_id uuid) TO service_role;


--
-- Name: FUNCTION can_see_rfq(p_rfq_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.can_see_rfq(p_rfq_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.can_see_rfq(p_rfq_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.can_see_rfq(p_rfq_id uuid) TO service_role;


--
-- Name: FUNCTION can_work_on_rfq(p_rfq_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.can_work_on_rfq(p_rfq_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.can_work_on_rfq(p_rfq_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.can_work_on_rfq(p_rfq_id uuid) TO service_role;


--
-- Name: FUNCTION colorway_terms(p_colorway text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.colorway_terms(p_colorway text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.colorway_terms(p_colorway text) TO authenticated;
GRANT ALL ON FUNCTION private.colorway_terms(p_colorway text) TO service_role;


--
-- Name: FUNCTION current_app_role(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.current_app_role() FROM PUBLIC;
GRANT ALL ON FUNCTION private.current_app_role() TO anon;
GRANT ALL ON FUNCTION private.current_app_role() TO authenticated;
GRANT ALL ON FUNCTION private.current_app_role() TO service_role;


--
-- Name: FUNCTION current_claims(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.current_claims() FROM PUBLIC;
GRANT ALL ON FUNCTION private.current_claims() TO anon;
GRANT ALL ON FUNCTION private.current_claims() TO authenticated;
GRANT ALL ON FUNCTION private.current_claims() TO service_role;


--
-- Name: FUNCTION current_jwt_role(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.current_jwt_role() FROM PUBLIC;
GRANT ALL ON FUNCTION private.current_jwt_role() TO anon;
GRANT ALL ON FUNCTION private.current_jwt_role() TO authenticated;
GRANT ALL ON FUNCTION private.current_jwt_role() TO service_role;


--
-- Name: FUNCTION current_user_id(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.current_user_id() FROM PUBLIC;
GRANT ALL ON FUNCTION private.current_user_id() TO anon;
GRANT ALL ON FUNCTION private.current_user_id() TO authenticated;
GRANT ALL ON FUNCTION private.current_user_id() TO service_role;


--
-- Name: FUNCTION current_vendor_id(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.current_vendor_id() FROM PUBLIC;
GRANT ALL ON FUNCTION private.current_vendor_id() TO anon;
GRANT ALL ON FUNCTION private.current_vendor_id() TO authenticated;
GRANT ALL ON FUNCTION private.current_vendor_id() TO service_role;


--
-- Name: FUNCTION inventory_raise(p_code text, p_detail jsonb); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.inventory_raise(p_code text, p_detail jsonb) FROM PUBLIC;


--
-- Name: FUNCTION is_admin(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.is_admin() FROM PUBLIC;
GRANT ALL ON FUNCTION private.is_admin() TO anon;
GRANT ALL ON FUNCTION private.is_admin() TO authenticated;
GRANT ALL ON FUNCTION private.is_admin() TO service_role;


--
-- Name: FUNCTION is_service(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.is_service() FROM PUBLIC;
GRANT ALL ON FUNCTION private.is_service() TO authenticated;
GRANT ALL ON FUNCTION private.is_service() TO service_role;


--
-- Name: FUNCTION is_vendor_manager(p_vendor_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.is_vendor_manager(p_vendor_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.is_vendor_manager(p_vendor_id uuid) TO anon;
GRANT ALL ON FUNCTION private.is_vendor_manager(p_vendor_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.is_vendor_manager(p_vendor_id uuid) TO service_role;


--
-- Name: TABLE stock_reservations; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.stock_reservations TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.stock_reservations TO service_role;


--
-- Name: FUNCTION locked_active_reservation(p_reservation_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.locked_active_reservation(p_reservation_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION managed_location_vendor(p_location_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.managed_location_vendor(p_location_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION member_account_ids(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.member_account_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.member_account_ids() TO anon;
GRANT ALL ON FUNCTION private.member_account_ids() TO authenticated;
GRANT ALL ON FUNCTION private.member_account_ids() TO service_role;


--
-- Name: FUNCTION next_document_number(p_prefix text, p_at timestamp with time zone); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.next_document_number(p_prefix text, p_at timestamp with time zone) FROM PUBLIC;
GRANT ALL ON FUNCTION private.next_document_number(p_prefix text, p_at timestamp with time zone) TO service_role;
GRANT ALL ON FUNCTION private.next_document_number(p_prefix text, p_at timestamp with time zone) TO authenticated;


--
-- Name: FUNCTION open_count_vendor(p_count_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.open_count_vendor(p_count_id uuid) FROM PUBLIC;


--
-- Name: FUNCTION order_transition_allowed(p_from text, p_to text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.order_transition_allowed(p_from text, p_to text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.order_transition_allowed(p_from text, p_to text) TO service_role;


--
-- Name: FUNCTION owner_account_ids(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.owner_account_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.owner_account_ids() TO anon;
GRANT ALL ON FUNCTION private.owner_account_ids() TO authenticated;
GRANT ALL ON FUNCTION private.owner_account_ids() TO service_role;


--
-- Name: FUNCTION product_search_document(p_title text, p_brand text, p_model text, p_style_code text, p_colorway text, p_description text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.product_search_document(p_title text, p_brand text, p_model text, p_style_code text, p_colorway text, p_description text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.product_search_document(p_title text, p_brand text, p_model text, p_style_code text, p_colorway text, p_description text) TO authenticated;
GRANT ALL ON FUNCTION private.product_search_document(p_title text, p_brand text, p_model text, p_style_code text, p_colorway text, p_description text) TO service_role;


--
-- Name: FUNCTION rep_account_ids(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.rep_account_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.rep_account_ids() TO anon;
GRANT ALL ON FUNCTION private.rep_account_ids() TO authenticated;
GRANT ALL ON FUNCTION private.rep_account_ids() TO service_role;


--
-- Name: FUNCTION rfq_transition_allowed(p_from text, p_to text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.rfq_transition_allowed(p_from text, p_to text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.rfq_transition_allowed(p_from text, p_to text) TO authenticated;
GRANT ALL ON FUNCTION private.rfq_transition_allowed(p_from text, p_to text) TO service_role;


--
-- Name: FUNCTION style_code_terms(p_style_code text); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.style_code_terms(p_style_code text) FROM PUBLIC;
GRANT ALL ON FUNCTION private.style_code_terms(p_style_code text) TO authenticated;
GRANT ALL ON FUNCTION private.style_code_terms(p_style_code text) TO service_role;


--
-- Name: FUNCTION tg__admin_only_columns(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.tg__admin_only_columns() FROM PUBLIC;


--
-- Name: FUNCTION tg__append_only(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.tg__append_only() FROM PUBLIC;


--
-- Name: FUNCTION tg__audit(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.tg__audit() FROM PUBLIC;


--
-- Name: FUNCTION tg__set_updated_at(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.tg__set_updated_at() FROM PUBLIC;


--
-- Name: FUNCTION tg_accounts__rep_is_rep(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.tg_accounts__rep_is_rep() FROM PUBLIC;


--
-- Name: FUNCTION tg_brands__reindex_products(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.tg_brands__reindex_products() FROM PUBLIC;


--
-- Name: FUNCTION tg_categories__move_subtree(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.tg_categories__move_subtree() FROM PUBLIC;


--
-- Name: FUNCTION tg_categories__path(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.tg_categories__path() FROM PUBLIC;


--
-- Name: FUNCTION tg_orders__before(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.tg_orders__before() FROM PUBLIC;


--
-- Name: FUNCTION tg_orders__history(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.tg_orders__history() FROM PUBLIC;


--
-- Name: FUNCTION tg_product_specs__typed(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.tg_product_specs__typed() FROM PUBLIC;


--
-- Name: FUNCTION tg_products__search(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.tg_products__search() FROM PUBLIC;


--
-- Name: FUNCTION tg_rfq_items__guard(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.tg_rfq_items__guard() FROM PUBLIC;


--
-- Name: FUNCTION tg_rfqs__before(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.tg_rfqs__before() FROM PUBLIC;


--
-- Name: FUNCTION tg_rfqs__events(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.tg_rfqs__events() FROM PUBLIC;


--
-- Name: FUNCTION tg_stock_counts__immutable(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.tg_stock_counts__immutable() FROM PUBLIC;


--
-- Name: FUNCTION tg_stock_levels__alerts(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.tg_stock_levels__alerts() FROM PUBLIC;


--
-- Name: FUNCTION tg_stock_levels__ledger_only(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.tg_stock_levels__ledger_only() FROM PUBLIC;


--
-- Name: FUNCTION tg_stock_movements__apply(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.tg_stock_movements__apply() FROM PUBLIC;


--
-- Name: FUNCTION tg_users__self_insert(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.tg_users__self_insert() FROM PUBLIC;


--
-- Name: FUNCTION variant_is_listed(p_variant_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.variant_is_listed(p_variant_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.variant_is_listed(p_variant_id uuid) TO anon;
GRANT ALL ON FUNCTION private.variant_is_listed(p_variant_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.variant_is_listed(p_variant_id uuid) TO service_role;


--
-- Name: FUNCTION vendor_sells_product(p_product_id uuid); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.vendor_sells_product(p_product_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION private.vendor_sells_product(p_product_id uuid) TO authenticated;
GRANT ALL ON FUNCTION private.vendor_sells_product(p_product_id uuid) TO service_role;


--
-- Name: FUNCTION visible_account_ids(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.visible_account_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.visible_account_ids() TO anon;
GRANT ALL ON FUNCTION private.visible_account_ids() TO authenticated;
GRANT ALL ON FUNCTION private.visible_account_ids() TO service_role;


--
-- Name: FUNCTION visible_price_list_ids(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.visible_price_list_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.visible_price_list_ids() TO authenticated;
GRANT ALL ON FUNCTION private.visible_price_list_ids() TO service_role;


--
-- Name: FUNCTION visible_user_ids(); Type: ACL; Schema: private; Owner: -
--

REVOKE ALL ON FUNCTION private.visible_user_ids() FROM PUBLIC;
GRANT ALL ON FUNCTION private.visible_user_ids() TO anon;
GRANT ALL ON FUNCTION private.visible_user_ids() TO authenticated;
GRANT ALL ON FUNCTION private.visible_user_ids() TO service_role;


--
-- Name: FUNCTION catalog_search_query(p_query text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.catalog_search_query(p_query text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.catalog_search_query(p_query text) TO anon;
GRANT ALL ON FUNCTION public.catalog_search_query(p_query text) TO authenticated;
GRANT ALL ON FUNCTION public.catalog_search_query(p_query text) TO service_role;


--
-- Name: FUNCTION stock_adjust(p_location_id uuid, p_variant_id uuid, p_delta integer, p_reason text, p_reference text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stock_adjust(p_location_id uuid, p_variant_id uuid, p_delta integer, p_reason text, p_reference text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.stock_adjust(p_location_id uuid, p_variant_id uuid, p_delta integer, p_reason text, p_reference text) TO service_role;
GRANT ALL ON FUNCTION public.stock_adjust(p_location_id uuid, p_variant_id uuid, p_delta integer, p_reason text, p_reference text) TO authenticated;


--
-- Name: FUNCTION stock_alert_acknowledge(p_alert_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stock_alert_acknowledge(p_alert_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.stock_alert_acknowledge(p_alert_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.stock_alert_acknowledge(p_alert_id uuid) TO authenticated;


--
-- Name: FUNCTION stock_check_ledger(p_vendor_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stock_check_ledger(p_vendor_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.stock_check_ledger(p_vendor_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.stock_check_ledger(p_vendor_id uuid) TO authenticated;


--
-- Name: FUNCTION stock_commit(p_reservation_id uuid, p_reference text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stock_commit(p_reservation_id uuid, p_reference text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.stock_commit(p_reservation_id uuid, p_reference text) TO service_role;
GRANT ALL ON FUNCTION public.stock_commit(p_reservation_id uuid, p_reference text) TO authenticated;


--
-- Name: FUNCTION stock_count_open(p_location_id uuid, p_note text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stock_count_open(p_location_id uuid, p_note text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.stock_count_open(p_location_id uuid, p_note text) TO service_role;
GRANT ALL ON FUNCTION public.stock_count_open(p_location_id uuid, p_note text) TO authenticated;


--
-- Name: FUNCTION stock_count_post(p_count_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stock_count_post(p_count_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.stock_count_post(p_count_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.stock_count_post(p_count_id uuid) TO authenticated;


--
-- Name: FUNCTION stock_count_record(p_count_id uuid, p_variant_id uuid, p_counted integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stock_count_record(p_count_id uuid, p_variant_id uuid, p_counted integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.stock_count_record(p_count_id uuid, p_variant_id uuid, p_counted integer) TO service_role;
GRANT ALL ON FUNCTION public.stock_count_record(p_count_id uuid, p_variant_id uuid, p_counted integer) TO authenticated;


--
-- Name: FUNCTION stock_expire_reservations(p_batch_size integer); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stock_expire_reservations(p_batch_size integer) FROM PUBLIC;
GRANT ALL ON FUNCTION public.stock_expire_reservations(p_batch_size integer) TO service_role;
GRANT ALL ON FUNCTION public.stock_expire_reservations(p_batch_size integer) TO authenticated;


--
-- Name: FUNCTION stock_receive(p_location_id uuid, p_variant_id uuid, p_quantity integer, p_reason text, p_reference text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stock_receive(p_location_id uuid, p_variant_id uuid, p_quantity integer, p_reason text, p_reference text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.stock_receive(p_location_id uuid, p_variant_id uuid, p_quantity integer, p_reason text, p_reference text) TO service_role;
GRANT ALL ON FUNCTION public.stock_receive(p_location_id uuid, p_variant_id uuid, p_quantity integer, p_reason text, p_reference text) TO authenticated;


--
-- Name: FUNCTION stock_record_oversell_attempt(p_variant_id uuid, p_requested integer, p_available integer, p_vendor_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stock_record_oversell_attempt(p_variant_id uuid, p_requested integer, p_available integer, p_vendor_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.stock_record_oversell_attempt(p_variant_id uuid, p_requested integer, p_available integer, p_vendor_id uuid) TO service_role;


--
-- Name: FUNCTION stock_release(p_reservation_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stock_release(p_reservation_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.stock_release(p_reservation_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.stock_release(p_reservation_id uuid) TO authenticated;


--
-- Name: FUNCTION stock_release_holder(p_holder_type text, p_holder_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stock_release_holder(p_holder_type text, p_holder_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.stock_release_holder(p_holder_type text, p_holder_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.stock_release_holder(p_holder_type text, p_holder_id uuid) TO authenticated;


--
-- Name: FUNCTION stock_reserve(p_variant_id uuid, p_quantity integer, p_ttl_seconds integer, p_holder_type text, p_holder_id uuid, p_vendor_id uuid, p_location_id uuid, p_idempotency_key text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stock_reserve(p_variant_id uuid, p_quantity integer, p_ttl_seconds integer, p_holder_type text, p_holder_id uuid, p_vendor_id uuid, p_location_id uuid, p_idempotency_key text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.stock_reserve(p_variant_id uuid, p_quantity integer, p_ttl_seconds integer, p_holder_type text, p_holder_id uuid, p_vendor_id uuid, p_location_id uuid, p_idempotency_key text) TO service_role;
GRANT ALL ON FUNCTION public.stock_reserve(p_variant_id uuid, p_quantity integer, p_ttl_seconds integer, p_holder_type text, p_holder_id uuid, p_vendor_id uuid, p_location_id uuid, p_idempotency_key text) TO authenticated;


--
-- Name: FUNCTION stock_reserve_lines(p_lines jsonb, p_ttl_seconds integer, p_holder_type text, p_holder_id uuid, p_vendor_id uuid); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stock_reserve_lines(p_lines jsonb, p_ttl_seconds integer, p_holder_type text, p_holder_id uuid, p_vendor_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION public.stock_reserve_lines(p_lines jsonb, p_ttl_seconds integer, p_holder_type text, p_holder_id uuid, p_vendor_id uuid) TO service_role;
GRANT ALL ON FUNCTION public.stock_reserve_lines(p_lines jsonb, p_ttl_seconds integer, p_holder_type text, p_holder_id uuid, p_vendor_id uuid) TO authenticated;


--
-- Name: FUNCTION stock_transfer(p_from_location_id uuid, p_to_location_id uuid, p_variant_id uuid, p_quantity integer, p_reason text); Type: ACL; Schema: public; Owner: -
--

REVOKE ALL ON FUNCTION public.stock_transfer(p_from_location_id uuid, p_to_location_id uuid, p_variant_id uuid, p_quantity integer, p_reason text) FROM PUBLIC;
GRANT ALL ON FUNCTION public.stock_transfer(p_from_location_id uuid, p_to_location_id uuid, p_variant_id uuid, p_quantity integer, p_reason text) TO service_role;
GRANT ALL ON FUNCTION public.stock_transfer(p_from_location_id uuid, p_to_location_id uuid, p_variant_id uuid, p_quantity integer, p_reason text) TO authenticated;


--
-- Name: TABLE alembic_version; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT ON TABLE private.alembic_version TO authenticator;


--
-- Name: TABLE credentials; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE private.credentials TO service_role;


--
-- Name: COLUMN credentials.user_id; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(user_id) ON TABLE private.credentials TO authenticated;


--
-- Name: COLUMN credentials.email; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(email) ON TABLE private.credentials TO authenticated;


--
-- Name: COLUMN credentials.app_role; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(app_role) ON TABLE private.credentials TO authenticated;


--
-- Name: COLUMN credentials.created_at; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(created_at) ON TABLE private.credentials TO authenticated;


--
-- Name: COLUMN credentials.updated_at; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(updated_at) ON TABLE private.credentials TO authenticated;


--
-- Name: TABLE refresh_tokens; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE private.refresh_tokens TO service_role;


--
-- Name: COLUMN refresh_tokens.id; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(id) ON TABLE private.refresh_tokens TO authenticated;


--
-- Name: COLUMN refresh_tokens.user_id; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(user_id) ON TABLE private.refresh_tokens TO authenticated;


--
-- Name: COLUMN refresh_tokens.session_id; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(session_id) ON TABLE private.refresh_tokens TO authenticated;


--
-- Name: COLUMN refresh_tokens.issued_at; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(issued_at) ON TABLE private.refresh_tokens TO authenticated;


--
-- Name: COLUMN refresh_tokens.expires_at; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(expires_at) ON TABLE private.refresh_tokens TO authenticated;


--
-- Name: COLUMN refresh_tokens.revoked_at; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(revoked_at) ON TABLE private.refresh_tokens TO authenticated;


--
-- Name: COLUMN refresh_tokens.revoked_reason; Type: ACL; Schema: private; Owner: -
--

GRANT SELECT(revoked_reason) ON TABLE private.refresh_tokens TO authenticated;


--
-- Name: SEQUENCE refresh_tokens_id_seq; Type: ACL; Schema: private; Owner: -
--

GRANT USAGE ON SEQUENCE private.refresh_tokens_id_seq TO service_role;


--
-- Name: TABLE account_members; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.account_members TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.account_members TO service_role;


--
-- Name: COLUMN account_members.account_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(account_id) ON TABLE public.account_members TO authenticated;


--
-- Name: COLUMN account_members.user_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(user_id) ON TABLE public.account_members TO authenticated;


--
-- Name: COLUMN account_members.role; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(role),UPDATE(role) ON TABLE public.account_members TO authenticated;


--
-- Name: TABLE account_notes; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.account_notes TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.account_notes TO service_role;


--
-- Name: COLUMN account_notes.account_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(account_id) ON TABLE public.account_notes TO authenticated;


--
-- Name: COLUMN account_notes.author_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(author_id) ON TABLE public.account_notes TO authenticated;


--
-- Name: COLUMN account_notes.body; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(body),UPDATE(body) ON TABLE public.account_notes TO authenticated;


--
-- Name: TABLE account_price_lists; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.account_price_lists TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.account_price_lists TO service_role;


--
-- Name: COLUMN account_price_lists.account_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(account_id) ON TABLE public.account_price_lists TO authenticated;


--
-- Name: COLUMN account_price_lists.price_list_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(price_list_id) ON TABLE public.account_price_lists TO authenticated;


--
-- Name: COLUMN account_price_lists.priority; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(priority),UPDATE(priority) ON TABLE public.account_price_lists TO authenticated;


--
-- Name: TABLE accounts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.accounts TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.accounts TO service_role;


--
-- Name: COLUMN accounts.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.accounts TO authenticated;


--
-- Name: COLUMN accounts.name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(name),UPDATE(name) ON TABLE public.accounts TO authenticated;


--
-- Name: COLUMN accounts.type; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(type),UPDATE(type) ON TABLE public.accounts TO authenticated;


--
-- Name: COLUMN accounts.status; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(status),UPDATE(status) ON TABLE public.accounts TO authenticated;


--
-- Name: COLUMN accounts.tier; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(tier),UPDATE(tier) ON TABLE public.accounts TO authenticated;


--
-- Name: COLUMN accounts.credit_limit; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(credit_limit),UPDATE(credit_limit) ON TABLE public.accounts TO authenticated;


--
-- Name: COLUMN accounts.currency; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(currency),UPDATE(currency) ON TABLE public.accounts TO authenticated;


--
-- Name: COLUMN accounts.payment_terms_days; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(payment_terms_days),UPDATE(payment_terms_days) ON TABLE public.accounts TO authenticated;


--
-- Name: COLUMN accounts.rep_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(rep_id),UPDATE(rep_id) ON TABLE public.accounts TO authenticated;


--
-- Name: COLUMN accounts.shopify_customer_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(shopify_customer_id),UPDATE(shopify_customer_id) ON TABLE public.accounts TO authenticated;


--
-- Name: COLUMN accounts.legacy_dealer_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(legacy_dealer_id),UPDATE(legacy_dealer_id) ON TABLE public.accounts TO authenticated;


--
-- Name: COLUMN accounts.tax_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(tax_id),UPDATE(tax_id) ON TABLE public.accounts TO authenticated;


--
-- Name: TABLE addresses; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.addresses TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.addresses TO service_role;


--
-- Name: COLUMN addresses.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.addresses TO authenticated;


--
-- Name: COLUMN addresses.user_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(user_id) ON TABLE public.addresses TO authenticated;


--
-- Name: COLUMN addresses.account_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(account_id) ON TABLE public.addresses TO authenticated;


--
-- Name: COLUMN addresses.label; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(label),UPDATE(label) ON TABLE public.addresses TO authenticated;


--
-- Name: COLUMN addresses.recipient; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(recipient),UPDATE(recipient) ON TABLE public.addresses TO authenticated;


--
-- Name: COLUMN addresses.company; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(company),UPDATE(company) ON TABLE public.addresses TO authenticated;


--
-- Name: COLUMN addresses.line1; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(line1),UPDATE(line1) ON TABLE public.addresses TO authenticated;


--
-- Name: COLUMN addresses.line2; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(line2),UPDATE(line2) ON TABLE public.addresses TO authenticated;


--
-- Name: COLUMN addresses.city; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(city),UPDATE(city) ON TABLE public.addresses TO authenticated;


--
-- Name: COLUMN addresses.region; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(region),UPDATE(region) ON TABLE public.addresses TO authenticated;


--
-- Name: COLUMN addresses.postal_code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(postal_code),UPDATE(postal_code) ON TABLE public.addresses TO authenticated;


--
-- Name: COLUMN addresses.country; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(country),UPDATE(country) ON TABLE public.addresses TO authenticated;


--
-- Name: COLUMN addresses.phone; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(phone),UPDATE(phone) ON TABLE public.addresses TO authenticated;


--
-- Name: COLUMN addresses.is_default_shipping; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(is_default_shipping),UPDATE(is_default_shipping) ON TABLE public.addresses TO authenticated;


--
-- Name: COLUMN addresses.is_default_billing; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(is_default_billing),UPDATE(is_default_billing) ON TABLE public.addresses TO authenticated;


--
-- Name: TABLE audit_log; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.audit_log TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.audit_log TO service_role;


--
-- Name: SEQUENCE audit_log_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.audit_log_id_seq TO service_role;


--
-- Name: TABLE brands; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.brands TO anon;
GRANT SELECT,DELETE ON TABLE public.brands TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.brands TO service_role;


--
-- Name: COLUMN brands.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.brands TO authenticated;


--
-- Name: COLUMN brands.name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(name),UPDATE(name) ON TABLE public.brands TO authenticated;


--
-- Name: COLUMN brands.slug; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(slug),UPDATE(slug) ON TABLE public.brands TO authenticated;


--
-- Name: TABLE cart_items; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.cart_items TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.cart_items TO service_role;


--
-- Name: COLUMN cart_items.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.cart_items TO authenticated;


--
-- Name: COLUMN cart_items.cart_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(cart_id) ON TABLE public.cart_items TO authenticated;


--
-- Name: COLUMN cart_items.offer_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(offer_id) ON TABLE public.cart_items TO authenticated;


--
-- Name: COLUMN cart_items.quantity; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(quantity),UPDATE(quantity) ON TABLE public.cart_items TO authenticated;


--
-- Name: COLUMN cart_items.note; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(note),UPDATE(note) ON TABLE public.cart_items TO authenticated;


--
-- Name: TABLE carts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.carts TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.carts TO service_role;


--
-- Name: COLUMN carts.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.carts TO authenticated;


--
-- Name: COLUMN carts.user_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(user_id) ON TABLE public.carts TO authenticated;


--
-- Name: COLUMN carts.account_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(account_id) ON TABLE public.carts TO authenticated;


--
-- Name: COLUMN carts.status; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(status),UPDATE(status) ON TABLE public.carts TO authenticated;


--
-- Name: COLUMN carts.name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(name),UPDATE(name) ON TABLE public.carts TO authenticated;


--
-- Name: COLUMN carts.currency; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(currency),UPDATE(currency) ON TABLE public.carts TO authenticated;


--
-- Name: TABLE categories; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.categories TO anon;
GRANT SELECT,DELETE ON TABLE public.categories TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.categories TO service_role;


--
-- Name: COLUMN categories.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.categories TO authenticated;


--
-- Name: COLUMN categories.parent_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(parent_id),UPDATE(parent_id) ON TABLE public.categories TO authenticated;


--
-- Name: COLUMN categories.name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(name),UPDATE(name) ON TABLE public.categories TO authenticated;


--
-- Name: COLUMN categories.slug; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(slug),UPDATE(slug) ON TABLE public.categories TO authenticated;


--
-- Name: COLUMN categories.path; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(path) ON TABLE public.categories TO authenticated;


--
-- Name: COLUMN categories."position"; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT("position"),UPDATE("position") ON TABLE public.categories TO authenticated;


--
-- Name: TABLE external_refs; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.external_refs TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.external_refs TO service_role;


--
-- Name: TABLE integration_runs; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.integration_runs TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.integration_runs TO service_role;


--
-- Name: TABLE media_objects; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.media_objects TO anon;
GRANT SELECT,DELETE ON TABLE public.media_objects TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.media_objects TO service_role;


--
-- Name: COLUMN media_objects.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.media_objects TO authenticated;


--
-- Name: COLUMN media_objects.bucket; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(bucket) ON TABLE public.media_objects TO authenticated;


--
-- Name: COLUMN media_objects.key; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(key) ON TABLE public.media_objects TO authenticated;


--
-- Name: COLUMN media_objects.content_type; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(content_type),UPDATE(content_type) ON TABLE public.media_objects TO authenticated;


--
-- Name: COLUMN media_objects.bytes; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(bytes) ON TABLE public.media_objects TO authenticated;


--
-- Name: COLUMN media_objects.sha256; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(sha256) ON TABLE public.media_objects TO authenticated;


--
-- Name: COLUMN media_objects.width; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(width),UPDATE(width) ON TABLE public.media_objects TO authenticated;


--
-- Name: COLUMN media_objects.height; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(height),UPDATE(height) ON TABLE public.media_objects TO authenticated;


--
-- Name: COLUMN media_objects.placeholder; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(placeholder),UPDATE(placeholder) ON TABLE public.media_objects TO authenticated;


--
-- Name: COLUMN media_objects.source_url; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(source_url) ON TABLE public.media_objects TO authenticated;


--
-- Name: COLUMN media_objects.kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(kind) ON TABLE public.media_objects TO authenticated;


--
-- Name: COLUMN media_objects.vendor_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(vendor_id) ON TABLE public.media_objects TO authenticated;


--
-- Name: TABLE offers; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.offers TO anon;
GRANT SELECT,DELETE ON TABLE public.offers TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.offers TO service_role;


--
-- Name: COLUMN offers.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.offers TO authenticated;


--
-- Name: COLUMN offers.vendor_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(vendor_id) ON TABLE public.offers TO authenticated;


--
-- Name: COLUMN offers.variant_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(variant_id) ON TABLE public.offers TO authenticated;


--
-- Name: COLUMN offers.condition; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(condition),UPDATE(condition) ON TABLE public.offers TO authenticated;


--
-- Name: COLUMN offers.price; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(price),UPDATE(price) ON TABLE public.offers TO authenticated;


--
-- Name: COLUMN offers.currency; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(currency),UPDATE(currency) ON TABLE public.offers TO authenticated;


--
-- Name: COLUMN offers.status; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(status),UPDATE(status) ON TABLE public.offers TO authenticated;


--
-- Name: COLUMN offers.min_order_qty; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(min_order_qty),UPDATE(min_order_qty) ON TABLE public.offers TO authenticated;


--
-- Name: COLUMN offers.pack_size; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(pack_size),UPDATE(pack_size) ON TABLE public.offers TO authenticated;


--
-- Name: TABLE order_items; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.order_items TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.order_items TO service_role;


--
-- Name: TABLE order_status_history; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.order_status_history TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.order_status_history TO service_role;


--
-- Name: SEQUENCE order_status_history_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.order_status_history_id_seq TO service_role;


--
-- Name: TABLE orders; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.orders TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.orders TO service_role;


--
-- Name: TABLE outbox_events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.outbox_events TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.outbox_events TO service_role;


--
-- Name: SEQUENCE outbox_events_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.outbox_events_id_seq TO service_role;


--
-- Name: TABLE payments; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.payments TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.payments TO service_role;


--
-- Name: TABLE price_list_entries; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.price_list_entries TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.price_list_entries TO service_role;


--
-- Name: COLUMN price_list_entries.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.price_list_entries TO authenticated;


--
-- Name: COLUMN price_list_entries.price_list_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(price_list_id) ON TABLE public.price_list_entries TO authenticated;


--
-- Name: COLUMN price_list_entries.variant_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(variant_id) ON TABLE public.price_list_entries TO authenticated;


--
-- Name: COLUMN price_list_entries.product_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(product_id) ON TABLE public.price_list_entries TO authenticated;


--
-- Name: COLUMN price_list_entries.min_quantity; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(min_quantity),UPDATE(min_quantity) ON TABLE public.price_list_entries TO authenticated;


--
-- Name: COLUMN price_list_entries.price; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(price),UPDATE(price) ON TABLE public.price_list_entries TO authenticated;


--
-- Name: COLUMN price_list_entries.discount_percent; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(discount_percent),UPDATE(discount_percent) ON TABLE public.price_list_entries TO authenticated;


--
-- Name: COLUMN price_list_entries.effective_from; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(effective_from),UPDATE(effective_from) ON TABLE public.price_list_entries TO authenticated;


--
-- Name: COLUMN price_list_entries.effective_to; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(effective_to),UPDATE(effective_to) ON TABLE public.price_list_entries TO authenticated;


--
-- Name: TABLE price_lists; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.price_lists TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.price_lists TO service_role;


--
-- Name: COLUMN price_lists.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.price_lists TO authenticated;


--
-- Name: COLUMN price_lists.name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(name),UPDATE(name) ON TABLE public.price_lists TO authenticated;


--
-- Name: COLUMN price_lists.currency; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(currency),UPDATE(currency) ON TABLE public.price_lists TO authenticated;


--
-- Name: COLUMN price_lists.kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(kind),UPDATE(kind) ON TABLE public.price_lists TO authenticated;


--
-- Name: COLUMN price_lists.tier; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(tier),UPDATE(tier) ON TABLE public.price_lists TO authenticated;


--
-- Name: COLUMN price_lists.status; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(status),UPDATE(status) ON TABLE public.price_lists TO authenticated;


--
-- Name: COLUMN price_lists.valid_from; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(valid_from),UPDATE(valid_from) ON TABLE public.price_lists TO authenticated;


--
-- Name: COLUMN price_lists.valid_to; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(valid_to),UPDATE(valid_to) ON TABLE public.price_lists TO authenticated;


--
-- Name: TABLE product_categories; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.product_categories TO anon;
GRANT SELECT,DELETE ON TABLE public.product_categories TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.product_categories TO service_role;


--
-- Name: COLUMN product_categories.product_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(product_id) ON TABLE public.product_categories TO authenticated;


--
-- Name: COLUMN product_categories.category_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(category_id) ON TABLE public.product_categories TO authenticated;


--
-- Name: TABLE product_documents; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.product_documents TO anon;
GRANT SELECT,DELETE ON TABLE public.product_documents TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.product_documents TO service_role;


--
-- Name: COLUMN product_documents.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.product_documents TO authenticated;


--
-- Name: COLUMN product_documents.product_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(product_id) ON TABLE public.product_documents TO authenticated;


--
-- Name: COLUMN product_documents.media_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(media_id),UPDATE(media_id) ON TABLE public.product_documents TO authenticated;


--
-- Name: COLUMN product_documents.kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(kind),UPDATE(kind) ON TABLE public.product_documents TO authenticated;


--
-- Name: COLUMN product_documents.title; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(title),UPDATE(title) ON TABLE public.product_documents TO authenticated;


--
-- Name: COLUMN product_documents.language; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(language),UPDATE(language) ON TABLE public.product_documents TO authenticated;


--
-- Name: COLUMN product_documents."position"; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT("position"),UPDATE("position") ON TABLE public.product_documents TO authenticated;


--
-- Name: TABLE product_images; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.product_images TO anon;
GRANT SELECT,DELETE ON TABLE public.product_images TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.product_images TO service_role;


--
-- Name: COLUMN product_images.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.product_images TO authenticated;


--
-- Name: COLUMN product_images.product_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(product_id) ON TABLE public.product_images TO authenticated;


--
-- Name: COLUMN product_images.variant_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(variant_id),UPDATE(variant_id) ON TABLE public.product_images TO authenticated;


--
-- Name: COLUMN product_images.media_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(media_id),UPDATE(media_id) ON TABLE public.product_images TO authenticated;


--
-- Name: COLUMN product_images."position"; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT("position"),UPDATE("position") ON TABLE public.product_images TO authenticated;


--
-- Name: COLUMN product_images.alt; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(alt),UPDATE(alt) ON TABLE public.product_images TO authenticated;


--
-- Name: TABLE product_specs; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.product_specs TO anon;
GRANT SELECT,DELETE ON TABLE public.product_specs TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.product_specs TO service_role;


--
-- Name: COLUMN product_specs.product_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(product_id) ON TABLE public.product_specs TO authenticated;


--
-- Name: COLUMN product_specs.spec_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(spec_id) ON TABLE public.product_specs TO authenticated;


--
-- Name: COLUMN product_specs.value_number; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(value_number),UPDATE(value_number) ON TABLE public.product_specs TO authenticated;


--
-- Name: COLUMN product_specs.value_text; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(value_text),UPDATE(value_text) ON TABLE public.product_specs TO authenticated;


--
-- Name: COLUMN product_specs.value_boolean; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(value_boolean),UPDATE(value_boolean) ON TABLE public.product_specs TO authenticated;


--
-- Name: TABLE product_variants; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.product_variants TO anon;
GRANT SELECT,DELETE ON TABLE public.product_variants TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.product_variants TO service_role;


--
-- Name: COLUMN product_variants.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.product_variants TO authenticated;


--
-- Name: COLUMN product_variants.product_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(product_id) ON TABLE public.product_variants TO authenticated;


--
-- Name: COLUMN product_variants.sku; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(sku),UPDATE(sku) ON TABLE public.product_variants TO authenticated;


--
-- Name: COLUMN product_variants.size_label; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(size_label),UPDATE(size_label) ON TABLE public.product_variants TO authenticated;


--
-- Name: COLUMN product_variants.size_us; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(size_us),UPDATE(size_us) ON TABLE public.product_variants TO authenticated;


--
-- Name: COLUMN product_variants.options; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(options),UPDATE(options) ON TABLE public.product_variants TO authenticated;


--
-- Name: COLUMN product_variants.gtin; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(gtin),UPDATE(gtin) ON TABLE public.product_variants TO authenticated;


--
-- Name: COLUMN product_variants.weight_grams; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(weight_grams),UPDATE(weight_grams) ON TABLE public.product_variants TO authenticated;


--
-- Name: COLUMN product_variants.status; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(status),UPDATE(status) ON TABLE public.product_variants TO authenticated;


--
-- Name: COLUMN product_variants."position"; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT("position"),UPDATE("position") ON TABLE public.product_variants TO authenticated;


--
-- Name: TABLE products; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.products TO anon;
GRANT SELECT,DELETE ON TABLE public.products TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.products TO service_role;


--
-- Name: COLUMN products.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.products TO authenticated;


--
-- Name: COLUMN products.title; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(title),UPDATE(title) ON TABLE public.products TO authenticated;


--
-- Name: COLUMN products.slug; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(slug),UPDATE(slug) ON TABLE public.products TO authenticated;


--
-- Name: COLUMN products.brand_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(brand_id),UPDATE(brand_id) ON TABLE public.products TO authenticated;


--
-- Name: COLUMN products.model; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(model),UPDATE(model) ON TABLE public.products TO authenticated;


--
-- Name: COLUMN products.style_code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(style_code),UPDATE(style_code) ON TABLE public.products TO authenticated;


--
-- Name: COLUMN products.colorway; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(colorway),UPDATE(colorway) ON TABLE public.products TO authenticated;


--
-- Name: COLUMN products.gender; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(gender),UPDATE(gender) ON TABLE public.products TO authenticated;


--
-- Name: COLUMN products.release_date; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(release_date),UPDATE(release_date) ON TABLE public.products TO authenticated;


--
-- Name: COLUMN products.retail_price; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(retail_price),UPDATE(retail_price) ON TABLE public.products TO authenticated;


--
-- Name: COLUMN products.currency; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(currency),UPDATE(currency) ON TABLE public.products TO authenticated;


--
-- Name: COLUMN products.description; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(description),UPDATE(description) ON TABLE public.products TO authenticated;


--
-- Name: COLUMN products.kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(kind),UPDATE(kind) ON TABLE public.products TO authenticated;


--
-- Name: COLUMN products.status; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(status),UPDATE(status) ON TABLE public.products TO authenticated;


--
-- Name: COLUMN products.source; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(source),UPDATE(source) ON TABLE public.products TO authenticated;


--
-- Name: COLUMN products.source_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(source_id),UPDATE(source_id) ON TABLE public.products TO authenticated;


--
-- Name: COLUMN products.source_payload; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(source_payload),UPDATE(source_payload) ON TABLE public.products TO authenticated;


--
-- Name: TABLE refunds; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.refunds TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.refunds TO service_role;


--
-- Name: TABLE rfq_events; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.rfq_events TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.rfq_events TO service_role;


--
-- Name: COLUMN rfq_events.rfq_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(rfq_id) ON TABLE public.rfq_events TO authenticated;


--
-- Name: COLUMN rfq_events.kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(kind) ON TABLE public.rfq_events TO authenticated;


--
-- Name: COLUMN rfq_events.actor_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(actor_id) ON TABLE public.rfq_events TO authenticated;


--
-- Name: COLUMN rfq_events.note; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(note) ON TABLE public.rfq_events TO authenticated;


--
-- Name: SEQUENCE rfq_events_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.rfq_events_id_seq TO service_role;


--
-- Name: TABLE rfq_items; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.rfq_items TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.rfq_items TO service_role;


--
-- Name: COLUMN rfq_items.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.rfq_items TO authenticated;


--
-- Name: COLUMN rfq_items.rfq_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(rfq_id) ON TABLE public.rfq_items TO authenticated;


--
-- Name: COLUMN rfq_items.variant_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(variant_id) ON TABLE public.rfq_items TO authenticated;


--
-- Name: COLUMN rfq_items.quantity; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(quantity),UPDATE(quantity) ON TABLE public.rfq_items TO authenticated;


--
-- Name: COLUMN rfq_items.target_price; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(target_price),UPDATE(target_price) ON TABLE public.rfq_items TO authenticated;


--
-- Name: COLUMN rfq_items.quoted_price; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(quoted_price) ON TABLE public.rfq_items TO authenticated;


--
-- Name: COLUMN rfq_items.lead_time_days; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(lead_time_days) ON TABLE public.rfq_items TO authenticated;


--
-- Name: COLUMN rfq_items.note; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(note),UPDATE(note) ON TABLE public.rfq_items TO authenticated;


--
-- Name: TABLE rfqs; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.rfqs TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.rfqs TO service_role;


--
-- Name: COLUMN rfqs.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.rfqs TO authenticated;


--
-- Name: COLUMN rfqs.account_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(account_id) ON TABLE public.rfqs TO authenticated;


--
-- Name: COLUMN rfqs.requester_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(requester_id) ON TABLE public.rfqs TO authenticated;


--
-- Name: COLUMN rfqs.assigned_rep_id; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(assigned_rep_id) ON TABLE public.rfqs TO authenticated;


--
-- Name: COLUMN rfqs.status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(status) ON TABLE public.rfqs TO authenticated;


--
-- Name: COLUMN rfqs.priority; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(priority),UPDATE(priority) ON TABLE public.rfqs TO authenticated;


--
-- Name: COLUMN rfqs.needed_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(needed_by),UPDATE(needed_by) ON TABLE public.rfqs TO authenticated;


--
-- Name: COLUMN rfqs.expires_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(expires_at) ON TABLE public.rfqs TO authenticated;


--
-- Name: COLUMN rfqs.currency; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(currency) ON TABLE public.rfqs TO authenticated;


--
-- Name: COLUMN rfqs.notes; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(notes),UPDATE(notes) ON TABLE public.rfqs TO authenticated;


--
-- Name: TABLE shipment_items; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.shipment_items TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.shipment_items TO service_role;


--
-- Name: COLUMN shipment_items.shipment_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(shipment_id) ON TABLE public.shipment_items TO authenticated;


--
-- Name: COLUMN shipment_items.order_item_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(order_item_id) ON TABLE public.shipment_items TO authenticated;


--
-- Name: COLUMN shipment_items.vendor_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(vendor_id) ON TABLE public.shipment_items TO authenticated;


--
-- Name: COLUMN shipment_items.quantity; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(quantity),UPDATE(quantity) ON TABLE public.shipment_items TO authenticated;


--
-- Name: TABLE shipments; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.shipments TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.shipments TO service_role;


--
-- Name: COLUMN shipments.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.shipments TO authenticated;


--
-- Name: COLUMN shipments.order_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(order_id) ON TABLE public.shipments TO authenticated;


--
-- Name: COLUMN shipments.vendor_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(vendor_id) ON TABLE public.shipments TO authenticated;


--
-- Name: COLUMN shipments.location_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(location_id) ON TABLE public.shipments TO authenticated;


--
-- Name: COLUMN shipments.carrier; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(carrier),UPDATE(carrier) ON TABLE public.shipments TO authenticated;


--
-- Name: COLUMN shipments.service; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(service),UPDATE(service) ON TABLE public.shipments TO authenticated;


--
-- Name: COLUMN shipments.tracking_number; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(tracking_number),UPDATE(tracking_number) ON TABLE public.shipments TO authenticated;


--
-- Name: COLUMN shipments.status; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(status),UPDATE(status) ON TABLE public.shipments TO authenticated;


--
-- Name: COLUMN shipments.shipped_at; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(shipped_at),UPDATE(shipped_at) ON TABLE public.shipments TO authenticated;


--
-- Name: COLUMN shipments.delivered_at; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(delivered_at),UPDATE(delivered_at) ON TABLE public.shipments TO authenticated;


--
-- Name: TABLE spec_definitions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.spec_definitions TO anon;
GRANT SELECT,DELETE ON TABLE public.spec_definitions TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.spec_definitions TO service_role;


--
-- Name: COLUMN spec_definitions.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.spec_definitions TO authenticated;


--
-- Name: COLUMN spec_definitions.key; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(key) ON TABLE public.spec_definitions TO authenticated;


--
-- Name: COLUMN spec_definitions.label; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(label),UPDATE(label) ON TABLE public.spec_definitions TO authenticated;


--
-- Name: COLUMN spec_definitions.type; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(type),UPDATE(type) ON TABLE public.spec_definitions TO authenticated;


--
-- Name: COLUMN spec_definitions.unit; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(unit),UPDATE(unit) ON TABLE public.spec_definitions TO authenticated;


--
-- Name: COLUMN spec_definitions.filterable; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(filterable),UPDATE(filterable) ON TABLE public.spec_definitions TO authenticated;


--
-- Name: COLUMN spec_definitions.enum_values; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(enum_values),UPDATE(enum_values) ON TABLE public.spec_definitions TO authenticated;


--
-- Name: COLUMN spec_definitions."position"; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT("position"),UPDATE("position") ON TABLE public.spec_definitions TO authenticated;


--
-- Name: TABLE stock_alerts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.stock_alerts TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.stock_alerts TO service_role;


--
-- Name: COLUMN stock_alerts.acknowledged_by; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(acknowledged_by) ON TABLE public.stock_alerts TO authenticated;


--
-- Name: COLUMN stock_alerts.acknowledged_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(acknowledged_at) ON TABLE public.stock_alerts TO authenticated;


--
-- Name: TABLE stock_count_lines; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.stock_count_lines TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.stock_count_lines TO service_role;


--
-- Name: COLUMN stock_count_lines.counted; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(counted) ON TABLE public.stock_count_lines TO authenticated;


--
-- Name: COLUMN stock_count_lines.counted_by; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(counted_by) ON TABLE public.stock_count_lines TO authenticated;


--
-- Name: COLUMN stock_count_lines.counted_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(counted_at) ON TABLE public.stock_count_lines TO authenticated;


--
-- Name: TABLE stock_counts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.stock_counts TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.stock_counts TO service_role;


--
-- Name: COLUMN stock_counts.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.stock_counts TO authenticated;


--
-- Name: COLUMN stock_counts.vendor_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(vendor_id) ON TABLE public.stock_counts TO authenticated;


--
-- Name: COLUMN stock_counts.location_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(location_id) ON TABLE public.stock_counts TO authenticated;


--
-- Name: COLUMN stock_counts.note; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(note),UPDATE(note) ON TABLE public.stock_counts TO authenticated;


--
-- Name: COLUMN stock_counts.opened_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(opened_by) ON TABLE public.stock_counts TO authenticated;


--
-- Name: TABLE stock_levels; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.stock_levels TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.stock_levels TO service_role;


--
-- Name: TABLE stock_locations; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.stock_locations TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.stock_locations TO service_role;


--
-- Name: COLUMN stock_locations.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.stock_locations TO authenticated;


--
-- Name: COLUMN stock_locations.vendor_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(vendor_id) ON TABLE public.stock_locations TO authenticated;


--
-- Name: COLUMN stock_locations.name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(name),UPDATE(name) ON TABLE public.stock_locations TO authenticated;


--
-- Name: COLUMN stock_locations.code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(code),UPDATE(code) ON TABLE public.stock_locations TO authenticated;


--
-- Name: COLUMN stock_locations.priority; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(priority),UPDATE(priority) ON TABLE public.stock_locations TO authenticated;


--
-- Name: COLUMN stock_locations.active; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(active),UPDATE(active) ON TABLE public.stock_locations TO authenticated;


--
-- Name: COLUMN stock_locations.country; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(country),UPDATE(country) ON TABLE public.stock_locations TO authenticated;


--
-- Name: TABLE stock_movements; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.stock_movements TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.stock_movements TO service_role;


--
-- Name: SEQUENCE stock_movements_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.stock_movements_id_seq TO service_role;


--
-- Name: TABLE sync_log; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.sync_log TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.sync_log TO service_role;


--
-- Name: SEQUENCE sync_log_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.sync_log_id_seq TO service_role;


--
-- Name: TABLE users; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.users TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.users TO service_role;


--
-- Name: COLUMN users.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.users TO authenticated;


--
-- Name: COLUMN users.email; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(email),UPDATE(email) ON TABLE public.users TO authenticated;


--
-- Name: COLUMN users.full_name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(full_name),UPDATE(full_name) ON TABLE public.users TO authenticated;


--
-- Name: COLUMN users.role; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(role),UPDATE(role) ON TABLE public.users TO authenticated;


--
-- Name: COLUMN users.vendor_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(vendor_id),UPDATE(vendor_id) ON TABLE public.users TO authenticated;


--
-- Name: COLUMN users.vendor_role; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(vendor_role),UPDATE(vendor_role) ON TABLE public.users TO authenticated;


--
-- Name: COLUMN users.phone; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(phone),UPDATE(phone) ON TABLE public.users TO authenticated;


--
-- Name: TABLE vendors; Type: ACL; Schema: public; Owner: -
--

GRANT DELETE ON TABLE public.vendors TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.vendors TO service_role;


--
-- Name: COLUMN vendors.id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(id) ON TABLE public.vendors TO anon;
GRANT SELECT(id),INSERT(id) ON TABLE public.vendors TO authenticated;


--
-- Name: COLUMN vendors.name; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(name) ON TABLE public.vendors TO anon;
GRANT SELECT(name),INSERT(name),UPDATE(name) ON TABLE public.vendors TO authenticated;


--
-- Name: COLUMN vendors.slug; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(slug) ON TABLE public.vendors TO anon;
GRANT SELECT(slug),INSERT(slug),UPDATE(slug) ON TABLE public.vendors TO authenticated;


--
-- Name: COLUMN vendors.status; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(status) ON TABLE public.vendors TO anon;
GRANT SELECT(status),INSERT(status),UPDATE(status) ON TABLE public.vendors TO authenticated;


--
-- Name: COLUMN vendors.commission_rate; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(commission_rate),UPDATE(commission_rate) ON TABLE public.vendors TO authenticated;


--
-- Name: COLUMN vendors.is_house; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(is_house) ON TABLE public.vendors TO anon;
GRANT SELECT(is_house),INSERT(is_house),UPDATE(is_house) ON TABLE public.vendors TO authenticated;


--
-- Name: COLUMN vendors.contact_email; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(contact_email),UPDATE(contact_email) ON TABLE public.vendors TO authenticated;


--
-- Name: COLUMN vendors.contact_phone; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(contact_phone),UPDATE(contact_phone) ON TABLE public.vendors TO authenticated;


--
-- Name: COLUMN vendors.country; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(country) ON TABLE public.vendors TO anon;
GRANT SELECT(country),INSERT(country),UPDATE(country) ON TABLE public.vendors TO authenticated;


--
-- Name: COLUMN vendors.default_currency; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(default_currency) ON TABLE public.vendors TO anon;
GRANT SELECT(default_currency),INSERT(default_currency),UPDATE(default_currency) ON TABLE public.vendors TO authenticated;


--
-- Name: COLUMN vendors.ships_within_days; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(ships_within_days) ON TABLE public.vendors TO anon;
GRANT SELECT(ships_within_days),INSERT(ships_within_days),UPDATE(ships_within_days) ON TABLE public.vendors TO authenticated;


--
-- Name: COLUMN vendors.accepts_returns; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(accepts_returns) ON TABLE public.vendors TO anon;
GRANT SELECT(accepts_returns),INSERT(accepts_returns),UPDATE(accepts_returns) ON TABLE public.vendors TO authenticated;


--
-- Name: COLUMN vendors.created_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(created_at) ON TABLE public.vendors TO anon;
GRANT SELECT(created_at) ON TABLE public.vendors TO authenticated;


--
-- Name: COLUMN vendors.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(updated_at) ON TABLE public.vendors TO anon;
GRANT SELECT(updated_at) ON TABLE public.vendors TO authenticated;


--
-- Name: TABLE variant_availability; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.variant_availability TO anon;
GRANT SELECT ON TABLE public.variant_availability TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.variant_availability TO service_role;


--
-- Name: TABLE vendor_orders; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.vendor_orders TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.vendor_orders TO service_role;


--
-- Name: TABLE vendor_settings; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.vendor_settings TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.vendor_settings TO service_role;


--
-- Name: TABLE volume_discounts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,DELETE ON TABLE public.volume_discounts TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.volume_discounts TO service_role;


--
-- Name: COLUMN volume_discounts.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.volume_discounts TO authenticated;


--
-- Name: COLUMN volume_discounts.scope; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(scope) ON TABLE public.volume_discounts TO authenticated;


--
-- Name: COLUMN volume_discounts.brand_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(brand_id) ON TABLE public.volume_discounts TO authenticated;


--
-- Name: COLUMN volume_discounts.category_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(category_id) ON TABLE public.volume_discounts TO authenticated;


--
-- Name: COLUMN volume_discounts.product_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(product_id) ON TABLE public.volume_discounts TO authenticated;


--
-- Name: COLUMN volume_discounts.variant_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(variant_id) ON TABLE public.volume_discounts TO authenticated;


--
-- Name: COLUMN volume_discounts.account_tier; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(account_tier),UPDATE(account_tier) ON TABLE public.volume_discounts TO authenticated;


--
-- Name: COLUMN volume_discounts.min_quantity; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(min_quantity),UPDATE(min_quantity) ON TABLE public.volume_discounts TO authenticated;


--
-- Name: COLUMN volume_discounts.discount_percent; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(discount_percent),UPDATE(discount_percent) ON TABLE public.volume_discounts TO authenticated;


--
-- Name: COLUMN volume_discounts.status; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(status),UPDATE(status) ON TABLE public.volume_discounts TO authenticated;


--
-- Name: COLUMN volume_discounts.valid_from; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(valid_from),UPDATE(valid_from) ON TABLE public.volume_discounts TO authenticated;


--
-- Name: COLUMN volume_discounts.valid_to; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(valid_to),UPDATE(valid_to) ON TABLE public.volume_discounts TO authenticated;


--
-- Name: TABLE webhook_receipts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.webhook_receipts TO authenticated;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE public.webhook_receipts TO service_role;


--
-- Name: SEQUENCE webhook_receipts_id_seq; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,USAGE ON SEQUENCE public.webhook_receipts_id_seq TO service_role;


--
-- PostgreSQL database dump complete
--
