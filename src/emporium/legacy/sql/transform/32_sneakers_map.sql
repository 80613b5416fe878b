-- What every legacy sneakers row became (legacy_row_map) and the decisions taken on it
-- (legacy_issues): from the working tables alone, beside the order lines.
-- Every branch below has reason codes of its own (the parsers' codes included: sizes
-- missing/unparseable_size/unconvertible_size, conditions missing_condition/unknown_condition/
-- condition_remark_dropped, sellers missing/unknown/not vendor) and names a listing at most
-- once: no `on conflict` (see 22_products_map.sql).
insert into reorg.legacy_row_map (legacy_table, legacy_key, target_table, target_id)
select 'sneakers', id::text, 'products', pid::text from reorg.w_sneakers
union all
select 'sneakers', id::text, 'product_variants', variant_id::text from reorg.w_sneakers
union all
select 'sneakers', s.id::text, 'offers', s.offer_id::text from reorg.w_sneakers s
where s.offer_id in (select offer_id from reorg.w_sneakers where offer_rank = 1 and amount is not null)
union all
select 'sneakers', src_key, 'stock_levels', location_id || '/' || variant_id
from reorg.w_stock where src_table = 'sneakers';

insert into reorg.legacy_issues (legacy_table, legacy_key, reason_code, detail)
select 'sneakers', id::text, 'unparseable_price',
       format('price %L not a price: no offer from this listing', raw_price)
from reorg.w_sneakers where amount is null
union all
select 'sneakers', id::text, 'merged_duplicate',
       format('same seller, size and condition as listing %s: one offer (its price); stock adds up',
              offer_first)
from reorg.w_sneakers where offer_rank > 1
union all
select 'sneakers', id::text, 'negative_stock', format('quantity %s migrated as 0', quantity)
from reorg.w_sneakers where quantity < 0
union all
select 'sneakers', id::text, 'missing_stock', 'quantity NULL migrated as 0'
from reorg.w_sneakers where quantity is null
union all
select 'sneakers', id::text, seller_reason,
       format('seller %s is %s: the listing goes to the house vendor', coalesce(seller_id::text, 'NULL'),
              case seller_reason when 'missing_seller' then 'not given'
                   when 'unknown_seller' then 'not a user' else 'not vendor staff' end)
from reorg.w_sneakers where seller_reason is not null
union all
select 'sneakers', id::text, case size_reason when 'missing' then 'missing_size' else size_reason end,
       format('size %L: %s', raw_size, case when label is null then 'no size (one size)'
                                           else 'kept as the label ' || label end)
from reorg.w_sneakers where size_reason is not null
union all
select 'sneakers', id::text, 'size_converted',
       format('size %L is %s on the US chart: the same variant as every spelling of it',
              raw_size, label)
from reorg.w_sneakers where size_original is not null
union all
select 'sneakers', id::text, condition_reason,
       format('condition %L read as %s', raw_condition, condition)
from reorg.w_sneakers where condition_reason is not null
union all
select 'sneakers', id::text, 'new_product',
       format('no product with style code %s or this brand and name: a new product %s',
              coalesce(style_code, '-'), pid)
from reorg.w_sneakers where match = 'new' and style_key is null;
