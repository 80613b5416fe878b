-- What every legacy products row became (legacy_row_map) and the decisions taken on it
-- (legacy_issues): from the working tables alone, beside the sneakers.
-- Each issue's reason code comes from one branch only and each branch names a row at most
-- once (the sizes' branch groups by row and reason), so the issue keys are distinct by
-- construction: no `on conflict` (a duplicate would stop the step on the key, never lose a
-- decision quietly).
insert into reorg.legacy_row_map (legacy_table, legacy_key, target_table, target_id)
select 'products', id::text, 'products', pid::text from reorg.w_products
union all
select distinct 'products', legacy_id::text, 'product_variants', variant_id::text
from reorg.w_json_variants where variant_id is not null
union all
select 'products', legacy_id::text, 'offers',
       reorg.uid('offer', reorg.uid('vendor', '~house') || '|' || variant_id || '|new')::text
from reorg.w_json_variants where pick = 1 and amount is not null
union all
select 'products', split_part(src_key, '#', 1), 'stock_levels', location_id || '/' || variant_id
from reorg.w_stock where src_table = 'products';

insert into reorg.legacy_issues (legacy_table, legacy_key, reason_code, detail)
select 'products', id::text, 'merged_duplicate',
       format('same product as an older row (kicksdb id %s, style code %s): merged into %s',
              coalesce(kicksdb_id, '-'), coalesce(style_code, '-'), pid)
from reorg.w_products where rn > 1
union all
select 'products', id::text, 'unparseable_release_date',
       format('release_date %L not a date: left empty', raw_date)
from reorg.w_products where date_reason = 'unparseable_date'
union all
select 'products', id::text, 'unparseable_style_code',
       format('sku %L is not a style code: the product has none', raw_sku)
from reorg.w_products where style_reason = 'unparseable_style_code'
union all
select 'products', w.id::text, 'no_sizes',
       format('variants %s holds no usable size: the product has no variants from this row',
              left(coalesce(p.variants::text, 'NULL'), 80))
from reorg.w_products w join legacy.products p on p.id = w.id
where not exists (select 1 from reorg.w_json_variants j
                  where j.legacy_id = w.id and j.variant_id is not null);

insert into reorg.legacy_issues (legacy_table, legacy_key, reason_code, detail)
select 'products', legacy_id::text, reason, string_agg(detail, '; ' order by ord)
from (
    select legacy_id, ord, 'bad_size_entry' as reason,
           format('entry %s (%s) has no usable size: skipped', ord, elem_type) as detail
    from reorg.w_json_variants where variant_id is null
    union all
    select legacy_id, ord, 'unparseable_price',
           format('size %s: price %L not a price, no house offer', label, raw_price)
    from reorg.w_json_variants where pick = 1 and amount is null
    union all
    select legacy_id, ord, 'negative_stock',
           format('size %s: stock %s migrated as 0', label, stock)
    from reorg.w_json_variants where pick = 1 and stock < 0
    union all
    select legacy_id, ord, 'missing_stock',
           format('size %s: stock %L migrated as 0', label, raw_stock)
    from reorg.w_json_variants where pick = 1 and stock is null
    union all
    select legacy_id, ord, 'duplicate_size',
           format('size %s listed again: the first listing''s price and stock are kept', label)
    from reorg.w_json_variants where pick > 1
) d
group by legacy_id, reason;
