-- batch over reorg.w_stock.n in (reorg.lo, reorg.hi]: opening-balance movements and the
-- levels they add up to, written together (the ledger triggers are off inside this
-- transaction, so on_hand = sum(delta) by construction; stock_check_ledger proves it).
-- Their legacy_row_map rows were written with reorg.w_stock (products and sneakers steps).
alter table public.stock_movements disable trigger tg_stock_movements__apply;
alter table public.stock_levels disable trigger tg_stock_levels__ledger_only;
alter table public.stock_levels disable trigger tg_stock_levels__alerts_insert;
alter table public.stock_levels disable trigger tg_stock_levels__alerts_update;

insert into public.stock_movements (vendor_id, location_id, variant_id, delta, kind, reason,
                                    reference, created_at)
select vendor_id, location_id, variant_id, qty, 'opening_balance', 'legacy opening balance',
       'legacy:' || src_table || ':' || src_key, at
from reorg.w_stock
where n > current_setting('reorg.lo')::bigint and n <= current_setting('reorg.hi')::bigint
order by n;

insert into public.stock_levels (location_id, variant_id, vendor_id, on_hand)
select location_id, variant_id, min(vendor_id::text)::uuid, sum(qty)
from reorg.w_stock
where n > current_setting('reorg.lo')::bigint and n <= current_setting('reorg.hi')::bigint
group by location_id, variant_id
order by location_id, variant_id
on conflict (location_id, variant_id)
do update set on_hand = public.stock_levels.on_hand + excluded.on_hand;

alter table public.stock_movements enable trigger tg_stock_movements__apply;
alter table public.stock_levels enable trigger tg_stock_levels__ledger_only;
alter table public.stock_levels enable trigger tg_stock_levels__alerts_insert;
alter table public.stock_levels enable trigger tg_stock_levels__alerts_update;
