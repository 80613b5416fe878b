-- Which trigger runs on which table. The functions live in private/identity.sql and the
-- domain files; this file only attaches them.

-- updated_at on every table that has the column
do $$
declare
    t record;
begin
    for t in
        select c.table_name from information_schema.columns c
        join information_schema.tables tb using (table_schema, table_name)
        where c.table_schema = 'public' and c.column_name = 'updated_at'
          and tb.table_type = 'BASE TABLE'
        order by c.table_name
    loop
        execute format('create or replace trigger tg__set_updated_at before update on public.%I '
                       'for each row execute function private.tg__set_updated_at()', t.table_name);
    end loop;
end
$$;

-- the audit trail of business tables (argument: the primary key columns)
create or replace trigger tg__audit after insert or update or delete on public.vendors
    for each row execute function private.tg__audit('id');
create or replace trigger tg__audit after insert or update or delete on public.users
    for each row execute function private.tg__audit('id');
create or replace trigger tg__audit after insert or update or delete on public.accounts
    for each row execute function private.tg__audit('id');
create or replace trigger tg__audit after insert or update or delete on public.account_members
    for each row execute function private.tg__audit('account_id', 'user_id');
create or replace trigger tg__audit after insert or update or delete on public.products
    for each row execute function private.tg__audit('id');
create or replace trigger tg__audit after insert or update or delete on public.product_variants
    for each row execute function private.tg__audit('id');
create or replace trigger tg__audit after insert or update or delete on public.offers
    for each row execute function private.tg__audit('id');
create or replace trigger tg__audit after insert or update or delete on public.stock_locations
    for each row execute function private.tg__audit('id');
create or replace trigger tg__audit after insert or update or delete on public.stock_counts
    for each row execute function private.tg__audit('id');
create or replace trigger tg__audit after insert or update or delete on public.orders
    for each row execute function private.tg__audit('id');
create or replace trigger tg__audit after insert or update or delete on public.payments
    for each row execute function private.tg__audit('id');
create or replace trigger tg__audit after insert or update or delete on public.refunds
    for each row execute function private.tg__audit('id');
create or replace trigger tg__audit after insert or update or delete on public.shipments
    for each row execute function private.tg__audit('id');
create or replace trigger tg__audit after insert or update or delete on public.price_lists
    for each row execute function private.tg__audit('id');
create or replace trigger tg__audit after insert or update or delete on public.price_list_entries
    for each row execute function private.tg__audit('id');
create or replace trigger tg__audit after insert or update or delete on public.account_price_lists
    for each row execute function private.tg__audit('account_id', 'price_list_id');
create or replace trigger tg__audit after insert or update or delete on public.volume_discounts
    for each row execute function private.tg__audit('id');
create or replace trigger tg__audit after insert or update or delete on public.rfqs
    for each row execute function private.tg__audit('id');
create or replace trigger tg__audit after insert or update or delete on public.rfq_items
    for each row execute function private.tg__audit('id');

-- append-only ledgers and histories
create or replace trigger tg__append_only before update or delete on public.stock_movements
    for each row execute function private.tg__append_only();
create or replace trigger tg__append_only before update or delete on public.order_status_history
    for each row execute function private.tg__append_only();
create or replace trigger tg__append_only before update or delete on public.rfq_events
    for each row execute function private.tg__append_only();
create or replace trigger tg__append_only before update or delete on public.sync_log
    for each row execute function private.tg__append_only();
create or replace trigger tg__append_only before update or delete on public.audit_log
    for each row execute function private.tg__append_only();

-- people
create or replace trigger tg_accounts__rep_is_rep before insert or update of rep_id on public.accounts
    for each row execute function private.tg_accounts__rep_is_rep();
create or replace trigger tg_users__self_insert before insert on public.users
    for each row execute function private.tg_users__self_insert();
create or replace trigger tg_users__admin_only_columns before update on public.users
    for each row execute function private.tg__admin_only_columns('role', 'vendor_id', 'vendor_role', 'email');
create or replace trigger tg_vendors__admin_only_columns before update on public.vendors
    for each row execute function private.tg__admin_only_columns('status', 'commission_rate', 'is_house', 'slug');
create or replace trigger tg_rfqs__admin_only_columns before update on public.rfqs
    for each row execute function private.tg__admin_only_columns('assigned_rep_id', 'account_id', 'requester_id');

-- catalog
create or replace trigger tg_products__search before insert or update of title, brand_id, model,
    style_code, colorway, description on public.products
    for each row execute function private.tg_products__search();
create or replace trigger tg_brands__reindex_products after update of name on public.brands
    for each row execute function private.tg_brands__reindex_products();
create or replace trigger tg_categories__path before insert or update of parent_id, slug
    on public.categories
    for each row execute function private.tg_categories__path();
-- (on any update: the path changes in tg_categories__path, and a column-specific trigger
-- only sees the columns an UPDATE names in its SET list)
create or replace trigger tg_categories__move_subtree after update on public.categories
    for each row when (old.path is distinct from new.path)
    execute function private.tg_categories__move_subtree();
create or replace trigger tg_product_specs__typed before insert or update on public.product_specs
    for each row execute function private.tg_product_specs__typed();

-- orders and RFQs
create or replace trigger tg_orders__before before insert or update on public.orders
    for each row execute function private.tg_orders__before();
create or replace trigger tg_orders__history after insert or update of status on public.orders
    for each row execute function private.tg_orders__history();
create or replace trigger tg_rfqs__before before insert or update on public.rfqs
    for each row execute function private.tg_rfqs__before();
create or replace trigger tg_rfqs__events after insert or update of status on public.rfqs
    for each row execute function private.tg_rfqs__events();
create or replace trigger tg_rfq_items__guard before insert or update or delete on public.rfq_items
    for each row execute function private.tg_rfq_items__guard();
