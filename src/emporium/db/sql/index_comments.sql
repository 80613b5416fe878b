-- What every index in public is for: the query it serves or, for a unique index, what it
-- guarantees. docs/schema.md prints these next to each index (emporium db docs).
-- Foreign-key indexes also serve the check PostgreSQL makes when the referenced row is
-- deleted (RESTRICT) or the cascade it runs (CASCADE, SET NULL).

-- accounts
comment on index public.ix_account_members__user_id is
    'A user''s memberships: where user_id = $1 (private.member_account_ids() in every account policy).';
comment on index public.ix_account_notes__account_id is
    'An account''s notes: where account_id = $1 order by created_at.';
comment on index public.ix_account_notes__author_id is
    'Foreign key to users: notes by an author, and the check when a user is deleted.';
comment on index public.ix_accounts__rep_id is
    'A rep''s accounts: where rep_id = $1 (private.rep_account_ids()).';
comment on index public.ix_accounts__status_tier is
    'Admin lists of accounts: where status = $1 [and tier = $2].';
comment on index public.uq_accounts__legacy_dealer_id is
    'Guarantees one account per legacy dealer id; the migration looks accounts up by it.';
comment on index public.uq_accounts__shopify_customer_id is
    'Guarantees one account per Shopify customer; Shopify imports look accounts up by it.';
comment on index public.ix_addresses__account_id is
    'An account''s addresses: where account_id = $1.';
comment on index public.ix_addresses__user_id is
    'A user''s addresses: where user_id = $1.';
comment on index public.uq_addresses__default_billing is
    'Guarantees at most one default billing address per owner (user or account).';
comment on index public.uq_addresses__default_shipping is
    'Guarantees at most one default shipping address per owner (user or account).';
comment on index public.ix_users__vendor_id is
    'A vendor''s staff: where vendor_id = $1 (private.visible_user_ids()).';
comment on index public.uq_users__email_lower is
    'Guarantees emails unique case-insensitively; sign-in looks users up by lower(email) = lower($1).';
comment on index public.uq_vendors__one_house is
    'Guarantees at most one house vendor (the store itself).';
comment on index public.uq_vendors__slug is
    'Guarantees unique vendor slugs; storefront URLs look vendors up by slug = $1.';

-- audit
comment on index public.ix_audit_log__actor_id_at is
    'What a user did: where actor_id = $1 order by at.';
comment on index public.ix_audit_log__at is
    'The recent audit trail and retention: where at >= $1 / at < $1.';
comment on index public.ix_audit_log__table_row_at is
    'The history of one row: where table_name = $1 and row_key = $2 order by at.';

-- catalog
comment on index public.uq_brands__name_lower is
    'Guarantees brand names unique case-insensitively; imports match brands by lower(name) = lower($1).';
comment on index public.uq_brands__slug is
    'Guarantees unique brand slugs; brand pages look brands up by slug = $1.';
comment on index public.ix_categories__parent_id is
    'A category''s children: where parent_id = $1.';
comment on index public.ix_categories__path_prefix is
    'A category''s subtree: where path like $1 || ''/%'' (text_pattern_ops, so a prefix match uses it).';
comment on index public.uq_categories__path is
    'Guarantees unique category paths (siblings have distinct slugs); looks categories up by path = $1.';
comment on index public.ix_offers__variant_id_price is
    'Offers of a variant, cheapest first: where variant_id = $1 [and status = ''active''] order by price; serves the foreign key to product_variants.';
comment on index public.ix_offers__vendor_id_status is
    'A vendor''s offers: where vendor_id = $1 [and status = $2].';
comment on index public.uq_offers__id_vendor_id is
    'Target of the (offer_id, vendor_id) foreign keys that keep an order item''s vendor equal to its offer''s.';
comment on index public.uq_offers__vendor_id_variant_id_condition is
    'Guarantees one offer per vendor, variant and condition; vendors upsert offers on it.';
comment on index public.ix_product_categories__category_id is
    'A category''s products: where category_id = $1 (product_id lookups use the primary key).';
comment on index public.ix_product_documents__media_id is
    'Foreign key to media_objects: which products use a file, and the check when it is deleted.';
comment on index public.ix_product_documents__product_id is
    'A product''s documents: where product_id = $1 order by position.';
comment on index public.ix_product_images__media_id is
    'Foreign key to media_objects: which products show a file, and the check when it is deleted.';
comment on index public.ix_product_images__variant_id is
    'A variant''s images: where variant_id = $1.';
comment on index public.uq_product_images__product_id_position is
    'Guarantees one image per product and position; serves a product''s gallery: where product_id = $1 order by position.';
comment on index public.ix_product_specs__boolean is
    'Boolean spec filters: where spec_id = $1 and value_boolean = $2 (e.g. vegan = true).';
comment on index public.ix_product_specs__number is
    'Numeric spec filters: where spec_id = $1 and value_number >= $2 (e.g. protein >= 20 g).';
comment on index public.ix_product_specs__spec_id is
    'Foreign key to spec_definitions: the values of a spec, and the check when a definition is deleted.';
comment on index public.ix_product_specs__text is
    'Text and enum spec filters: where spec_id = $1 and value_text = $2 (e.g. certification = NSF).';
comment on index public.ix_product_variants__product_id is
    'A product''s variants: where product_id = $1 order by position.';
comment on index public.uq_product_variants__product_option is
    'Guarantees one variant per product and option combination (size label and options).';
comment on index public.uq_product_variants__sku is
    'Guarantees unique SKUs; imports, carts and orders look variants up by sku = $1.';
comment on index public.ix_products__brand_id_status is
    'A brand''s products: where brand_id = $1 and status = ''active''.';
comment on index public.ix_products__search is
    'Full-text catalog search: where search @@ catalog_search_query($1).';
comment on index public.ix_products__status_release_date is
    'New releases: where status = ''active'' order by release_date desc nulls last.';
comment on index public.ix_products__status_retail_price is
    'Browsing by price: where status = ''active'' [and retail_price between $1 and $2] order by retail_price.';
comment on index public.uq_products__slug is
    'Guarantees unique product slugs; product pages look products up by slug = $1.';
comment on index public.uq_products__source_source_id is
    'Guarantees one product per source record; imports upsert on (source, source_id).';
comment on index public.uq_products__style_code is
    'Guarantees one product per style code (e.g. DD1391-100); serves lookups by style_code = $1.';
comment on index public.uq_spec_definitions__key is
    'Guarantees unique spec keys; filters look definitions up by key = $1.';

-- integrations
comment on index public.ix_external_refs__entity_entity_id is
    'The external ids of one of our rows: where entity = $1 and entity_id = $2.';
comment on index public.uq_external_refs__source_entity_entity_id is
    'Guarantees one external id per source for each of our rows.';
comment on index public.uq_external_refs__source_external_id is
    'Guarantees one row per external id and source: the key of idempotent upserts (where source = $1 and external_id = $2).';
comment on index public.ix_integration_runs__source_kind is
    'The latest runs of an integration: where source = $1 and kind = $2 order by started_at desc.';
comment on index public.ix_integration_runs__started_by is
    'Foreign key to users: runs started by a user, and the check when a user is deleted.';
comment on index public.ix_outbox_events__aggregate_type_aggregate_id is
    'The events of one entity: where aggregate_type = $1 and aggregate_id = $2.';
comment on index public.ix_outbox_events__unpublished is
    'The publisher''s queue: where published_at is null order by id.';
comment on index public.ix_sync_log__entity_external_id is
    'The sync history of one external record: where entity = $1 and external_id = $2.';
comment on index public.ix_sync_log__run_id is
    'The log of a run: where run_id = $1.';
comment on index public.uq_webhook_receipts__source_event_id is
    'Guarantees each webhook delivery is processed once: a replay of (source, event_id) conflicts.';

-- inventory
comment on index public.ix_stock_alerts__location_id is
    'Alerts of a location; serves the foreign key (location_id, vendor_id) to stock_locations.';
comment on index public.ix_stock_alerts__acknowledged_by is
    'Foreign key to users: alerts acknowledged by a user, and the check when a user is deleted.';
comment on index public.ix_stock_alerts__variant_id is
    'A variant''s alerts: where variant_id = $1.';
comment on index public.ix_stock_alerts__vendor_id_opened_at is
    'A vendor''s alert list: where vendor_id = $1 order by opened_at.';
comment on index public.uq_stock_alerts__open is
    'Guarantees at most one open alert per location, variant and kind; serves where resolved_at is null lookups.';
comment on index public.ix_stock_count_lines__counted_by is
    'Foreign key to users: lines counted by a user, and the check when a user is deleted.';
comment on index public.ix_stock_count_lines__variant_id is
    'A variant''s count lines: where variant_id = $1.';
comment on index public.ix_stock_count_lines__vendor_id is
    'A vendor''s count lines (the RLS filter vendor_id = private.current_vendor_id()).';
comment on index public.ix_stock_counts__location_id_status is
    'A location''s counts: where location_id = $1 and status = ''open''.';
comment on index public.ix_stock_counts__opened_by is
    'Foreign key to users: counts opened by a user, and the check when a user is deleted.';
comment on index public.ix_stock_counts__posted_by is
    'Foreign key to users: counts posted by a user, and the check when a user is deleted.';
comment on index public.ix_stock_counts__vendor_id_status is
    'A vendor''s counts: where vendor_id = $1 [and status = $2].';
comment on index public.uq_stock_counts__id_vendor_id is
    'Target of the (count_id, vendor_id) foreign key that keeps a count line''s vendor equal to its count''s.';
comment on index public.ix_stock_levels__variant_id is
    'Stock of a variant across locations: where variant_id = $1 (availability, allocation).';
comment on index public.ix_stock_levels__vendor_id_variant_id is
    'A vendor''s stock of a variant: where vendor_id = $1 and variant_id = $2 (reservation by vendor).';
comment on index public.ix_stock_locations__vendor_id is
    'A vendor''s locations: where vendor_id = $1 order by priority.';
comment on index public.uq_stock_locations__id_vendor_id is
    'Target of the (location_id, vendor_id) foreign keys that keep a stock row''s vendor equal to its location''s.';
comment on index public.uq_stock_locations__vendor_id_code is
    'Guarantees location codes unique per vendor; looks locations up by vendor_id = $1 and code = $2.';
comment on index public.ix_stock_movements__actor_id is
    'Foreign key to users: movements made by a user, and the check when a user is deleted.';
comment on index public.ix_stock_movements__location_variant_created is
    'The ledger of one location and variant: where location_id = $1 and variant_id = $2 order by created_at (ledger check).';
comment on index public.ix_stock_movements__variant_id is
    'A variant''s movements across locations: where variant_id = $1.';
comment on index public.ix_stock_movements__vendor_id_created_at is
    'A vendor''s movement history: where vendor_id = $1 order by created_at.';
comment on index public.ix_stock_reservations__active_expires_at is
    'The expiry sweep: where status = ''active'' and expires_at < now().';
comment on index public.ix_stock_reservations__created_by is
    'Foreign key to users: reservations made by a user, and the check when a user is deleted.';
comment on index public.ix_stock_reservations__holder_id is
    'The reservations of a cart or order: where holder_id = $1 (release, commit).';
comment on index public.ix_stock_reservations__location_id_variant_id is
    'The reservations at one location and variant: where location_id = $1 and variant_id = $2.';
comment on index public.ix_stock_reservations__variant_id is
    'A variant''s reservations: where variant_id = $1.';
comment on index public.ix_stock_reservations__vendor_id_status is
    'A vendor''s reservations: where vendor_id = $1 [and status = $2].';
comment on index public.uq_stock_reservations__idempotency_key_location is
    'Guarantees one reservation row per idempotency key and location (a split reservation has one per location): a retried stock_reserve finds the rows of the first call.';

-- media
comment on index public.ix_media_objects__vendor_id is
    'A vendor''s files: where vendor_id = $1.';
comment on index public.uq_media_objects__bucket_key is
    'Guarantees one object per bucket and key; serves file lookups by (bucket, key).';

-- orders
comment on index public.ix_cart_items__offer_id is
    'Carts holding an offer: where offer_id = $1 (and the cascade when an offer is deleted).';
comment on index public.uq_cart_items__cart_id_offer_id is
    'Guarantees one line per offer in a cart; serves a cart''s lines: where cart_id = $1.';
comment on index public.ix_carts__account_id is
    'An account''s carts: where account_id = $1.';
comment on index public.ix_carts__user_id is
    'A user''s carts: where user_id = $1.';
comment on index public.uq_carts__one_active is
    'Guarantees one active cart per user and account context; finds it: where user_id = $1 and status = ''active''.';
comment on index public.ix_order_items__offer_id is
    'Order items of an offer: where offer_id = $1.';
comment on index public.ix_order_items__order_id is
    'An order''s items: where order_id = $1.';
comment on index public.ix_order_items__variant_id is
    'Sales of a variant: where variant_id = $1.';
comment on index public.ix_order_items__vendor_created is
    'A vendor''s sales, newest first: where vendor_id = $1 order by created_at desc.';
comment on index public.uq_order_items__id_vendor_id is
    'Target of the (order_item_id, vendor_id) foreign key that keeps a shipment item''s vendor equal to its order item''s.';
comment on index public.ix_order_status_history__actor_id is
    'Foreign key to users: transitions made by a user, and the check when a user is deleted.';
comment on index public.ix_order_status_history__order_id is
    'An order''s history: where order_id = $1.';
comment on index public.ix_orders__account_created is
    'An account''s orders, newest first: where account_id = $1 order by created_at desc.';
comment on index public.ix_orders__status_created is
    'Orders to work on: where status = $1 order by created_at desc.';
comment on index public.ix_orders__user_created is
    'A buyer''s orders, newest first: where user_id = $1 order by created_at desc.';
comment on index public.uq_orders__legacy_id is
    'Guarantees one order per legacy order id; the migration looks orders up by it.';
comment on index public.uq_orders__number is
    'Guarantees unique order numbers; serves lookups by number = $1 (EM-2026-000001).';
comment on index public.uq_orders__rfq_id is
    'Guarantees an accepted quote converts to one order, once; finds the order of an RFQ.';
comment on index public.ix_payments__order_id is
    'An order''s payments: where order_id = $1.';
comment on index public.uq_payments__idempotency_key is
    'Guarantees one payment per idempotency key: a retried payment request finds the first one.';
comment on index public.uq_payments__provider_reference is
    'Guarantees one payment per provider reference; provider webhooks look payments up by it.';
comment on index public.ix_refunds__created_by is
    'Foreign key to users: refunds made by a user, and the check when a user is deleted.';
comment on index public.ix_refunds__order_id is
    'An order''s refunds: where order_id = $1.';
comment on index public.ix_refunds__payment_id is
    'A payment''s refunds: where payment_id = $1.';
comment on index public.ix_shipment_items__order_item_id is
    'Shipments of an order item: where order_item_id = $1 (quantity shipped so far).';
comment on index public.ix_shipment_items__vendor_id is
    'A vendor''s shipment items (the RLS filter vendor_id = private.current_vendor_id()).';
comment on index public.ix_shipments__location_id is
    'Shipments from a location: where location_id = $1.';
comment on index public.ix_shipments__order_id is
    'An order''s shipments: where order_id = $1.';
comment on index public.ix_shipments__tracking_number is
    'Carrier updates: where tracking_number = $1.';
comment on index public.ix_shipments__vendor_id_status is
    'A vendor''s shipments: where vendor_id = $1 [and status = $2].';
comment on index public.uq_shipments__id_vendor_id is
    'Target of the (shipment_id, vendor_id) foreign key that keeps a shipment item''s vendor equal to its shipment''s.';

-- pricing
comment on index public.ix_account_price_lists__price_list_id is
    'The accounts on a price list: where price_list_id = $1 (account_id lookups use the primary key).';
comment on index public.ix_price_list_entries__list_product_qty is
    'price_for(): a list''s product entry: where price_list_id = $1 and product_id = $2 and min_quantity <= $3.';
comment on index public.ix_price_list_entries__list_variant_qty is
    'price_for(): a list''s variant entry: where price_list_id = $1 and variant_id = $2 and min_quantity <= $3.';
comment on index public.ix_price_list_entries__product_id is
    'Foreign key to products: entries for a product across lists, and the cascade when it is deleted.';
comment on index public.ix_price_list_entries__variant_id is
    'Foreign key to product_variants: entries for a variant across lists, and the cascade when it is deleted.';
comment on index public.ix_volume_discounts__brand_id is
    'Volume discounts of a brand: where brand_id = $1 (price_for()).';
comment on index public.ix_volume_discounts__category_id is
    'Volume discounts of a category: where category_id = $1 (price_for()).';
comment on index public.ix_volume_discounts__product_id is
    'Volume discounts of a product: where product_id = $1 (price_for()).';
comment on index public.ix_volume_discounts__variant_id is
    'Volume discounts of a variant: where variant_id = $1 (price_for()).';

-- rfq
comment on index public.ix_rfq_events__actor_id is
    'Foreign key to users: RFQ events by a user, and the check when a user is deleted.';
comment on index public.ix_rfq_events__rfq_id is
    'An RFQ''s history: where rfq_id = $1.';
comment on index public.ix_rfq_items__rfq_id is
    'An RFQ''s items: where rfq_id = $1.';
comment on index public.ix_rfq_items__variant_id is
    'RFQs asking for a variant: where variant_id = $1.';
comment on index public.ix_rfqs__account_created is
    'An account''s RFQs, newest first: where account_id = $1 order by created_at desc.';
comment on index public.ix_rfqs__rep_status is
    'A rep''s queue: where assigned_rep_id = $1 and status = ''submitted''.';
comment on index public.ix_rfqs__requester_id is
    'RFQs a user asked for: where requester_id = $1.';
comment on index public.ix_rfqs__status_priority_created is
    'The RFQ work queue: where status = $1 order by priority, created_at.';
comment on index public.uq_rfqs__number is
    'Guarantees unique RFQ numbers; serves lookups by number = $1 (RFQ-2026-000001).';
