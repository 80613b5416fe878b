-- dealer_prices -> one contract price list per dealer with its entries (min_qty ->
-- min_quantity), product-level, found by the style code. The table has no key: a row's
-- legacy_key is its ctid, stable because the legacy tables are never rewritten.
drop table if exists reorg.w_dealer_prices;
create table reorg.w_dealer_prices as
select dp.ctid::text as key, (dp.ctid::text::point)[0]::bigint * 1000 + (dp.ctid::text::point)[1]::bigint as ord,
       dp.dealer_id, dp.sku as raw_sku, dp.price as raw_price, dp.min_qty,
       d.account_id, d.name as dealer_name,
       st.key as style_key, m.amount, m.currency,
       sp.pid as product_id
from legacy.dealer_prices dp
left join reorg.w_dealers d on d.id = dp.dealer_id
left join reorg.lk_style st on st.raw = coalesce(dp.sku, '')
left join reorg.lk_money m on m.raw = coalesce(dp.price, '')
left join reorg.w_style_products sp on sp.style_key = st.key;
alter table reorg.w_dealer_prices add column quarantine text, add column list_id uuid,
    add column entry_id uuid, add column min_quantity integer;
update reorg.w_dealer_prices set quarantine = case
    when account_id is null then 'orphan_dealer_price'
    when product_id is null then 'unknown_sku'
    when amount is null then 'unparseable_price' end,
    list_id = reorg.uid('price_list', dealer_id::text),
    min_quantity = case when min_qty >= 1 then min_qty else 1 end;
update reorg.w_dealer_prices set entry_id =
    reorg.uid('price_entry', list_id || '|' || product_id || '|' || min_quantity)
where quarantine is null;

alter table public.price_lists disable trigger tg__audit;
alter table public.account_price_lists disable trigger tg__audit;
alter table public.price_list_entries disable trigger tg__audit;
insert into public.price_lists (id, name, kind, status, created_at, updated_at)
select distinct on (list_id) list_id, 'Contract: ' || coalesce(dealer_name, 'Dealer #' || dealer_id),
       'contract', 'active', '2000-01-01T00:00:00Z'::timestamptz, '2000-01-01T00:00:00Z'::timestamptz
from reorg.w_dealer_prices where quarantine is null
order by list_id
on conflict do nothing;
insert into public.account_price_lists (account_id, price_list_id, priority, created_at)
select distinct account_id, list_id, 10, '2000-01-01T00:00:00Z'::timestamptz
from reorg.w_dealer_prices where quarantine is null
on conflict do nothing;
insert into public.price_list_entries (id, price_list_id, product_id, min_quantity, price,
                                       created_at, updated_at)
select distinct on (entry_id) entry_id, list_id, product_id, min_quantity, amount,
       '2000-01-01T00:00:00Z'::timestamptz, '2000-01-01T00:00:00Z'::timestamptz
from reorg.w_dealer_prices where quarantine is null
order by entry_id, ord
on conflict do nothing;
alter table public.price_lists enable trigger tg__audit;
alter table public.account_price_lists enable trigger tg__audit;
alter table public.price_list_entries enable trigger tg__audit;

insert into reorg.legacy_row_map (legacy_table, legacy_key, target_table, target_id)
select 'dealer_prices', key, 'price_list_entries', entry_id::text
from reorg.w_dealer_prices where quarantine is null;

insert into reorg.legacy_quarantine (legacy_table, legacy_key, reason_code, detail, "row")
select 'dealer_prices', w.key, w.quarantine,
       case w.quarantine
           when 'orphan_dealer_price' then format('dealer %s does not exist', w.dealer_id)
           when 'unknown_sku' then format('sku %L matches no product', w.raw_sku)
           else format('price %L not a price: a contract price needs one', w.raw_price) end,
       to_jsonb(dp)
from reorg.w_dealer_prices w join legacy.dealer_prices dp on dp.ctid::text = w.key
where w.quarantine is not null
on conflict do nothing;

insert into reorg.legacy_issues (legacy_table, legacy_key, reason_code, detail)
select 'dealer_prices', key, 'invalid_min_qty',
       format('min_qty %s read as 1', coalesce(min_qty::text, 'NULL'))
from reorg.w_dealer_prices where quarantine is null and min_qty is not null and min_qty < 1
union all
select 'dealer_prices', key, 'merged_duplicate',
       'the same dealer, product and min_qty priced again: the first row''s price is kept'
from (select key, row_number() over (partition by entry_id order by ord) as rank
      from reorg.w_dealer_prices where quarantine is null) r
where rank > 1
on conflict do nothing;
