-- image URLs -> media objects and product images; dead placeholder hosts are not copied:
-- a product left without any image gets a generated placeholder instead.
-- Only this step writes media objects and product images, each once (one per URL, one per
-- product and URL, one placeholder per product without any), so the inserts carry no
-- `on conflict`: see 21_products.sql.
drop table if exists reorg.w_images;
create table reorg.w_images as
with sources as (
    select w.pid, 'products' as src_table, w.id::text as src_key, 0 as prio, 0::bigint as ord,
           p.image as raw
    from reorg.w_products w join legacy.products p on p.id = w.id
    where p.image is not null
    union all
    select w.pid, 'products', w.id::text, 0, g.ord, g.url
    from reorg.w_products w join legacy.products p on p.id = w.id
    cross join lateral jsonb_array_elements_text(
        case when jsonb_typeof(p.gallery) = 'array' then p.gallery else '[]'::jsonb end
    ) with ordinality as g(url, ord)
    union all
    select s.pid, 'sneakers', s.id::text, 1, s.id, l.image_url
    from reorg.w_sneakers s join legacy.sneakers l on l.id = s.id
    where l.image_url is not null
)
select s.*, i.kind, i.url from sources s join reorg.lk_image i on i.raw = coalesce(s.raw, '');

drop table if exists reorg.w_product_images;
create table reorg.w_product_images as
select pid, url, reorg.uid('media', url) as media_id,
       (row_number() over (partition by pid order by min_prio, min_key, min_ord) - 1)::integer
           as position
from (select pid, url, min(prio) as min_prio, min(src_key) as min_key, min(ord) as min_ord
      from reorg.w_images where kind = 'url' group by pid, url) u;

insert into public.media_objects (id, bucket, key, content_type, bytes, sha256, source_url, kind,
                                  created_at, updated_at)
select distinct on (media_id) media_id, 'legacy-import', 'url/' || md5(url),
       case lower(substring(url from '\.([A-Za-z0-9]+)(?:[?#].*)?$'))
           when 'png' then 'image/png' when 'webp' then 'image/webp'
           when 'gif' then 'image/gif' when 'svg' then 'image/svg+xml' else 'image/jpeg' end,
       0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', url, 'import',
       '2000-01-01T00:00:00Z'::timestamptz, '2000-01-01T00:00:00Z'::timestamptz
from reorg.w_product_images
order by media_id;

-- A product with no usable image: an SVG placeholder with its brand's initials.
drop table if exists reorg.w_placeholders;
create table reorg.w_placeholders as
select p.id as pid, reorg.uid('placeholder', p.id::text) as media_id,
       '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400">'
       || '<rect width="400" height="400" fill="#eeeeee"/>'
       || '<text x="200" y="215" text-anchor="middle" font-family="sans-serif" font-size="48" '
       || 'fill="#888888">'
       || coalesce(upper(left(regexp_replace(p.title, '[^A-Za-z0-9]', '', 'g'), 2)), '?')
       || '</text></svg>' as svg
from public.products p
where p.id in (select pid from reorg.w_products union select pid from reorg.w_sneakers)
  and not exists (select 1 from reorg.w_product_images i where i.pid = p.id);

insert into public.media_objects (id, bucket, key, content_type, bytes, sha256, width, height,
                                  placeholder, kind, created_at, updated_at)
select media_id, 'generated', 'placeholders/' || pid || '.svg', 'image/svg+xml',
       octet_length(svg), encode(sha256(convert_to(svg, 'UTF8')), 'hex'), 400, 400,
       'data:image/svg+xml;utf8,' || svg, 'generated_placeholder',
       '2000-01-01T00:00:00Z'::timestamptz, '2000-01-01T00:00:00Z'::timestamptz
from reorg.w_placeholders
order by media_id;

insert into public.product_images (id, product_id, media_id, position, alt, created_at)
select reorg.uid('product_image', i.pid || '|' || i.media_id), i.pid, i.media_id, i.position,
       p.title, '2000-01-01T00:00:00Z'::timestamptz
from reorg.w_product_images i join public.products p on p.id = i.pid
union all
select reorg.uid('product_image', ph.pid || '|' || ph.media_id), ph.pid, ph.media_id, 0,
       p.title || ' (placeholder)', '2000-01-01T00:00:00Z'::timestamptz
from reorg.w_placeholders ph join public.products p on p.id = ph.pid
order by 1;

insert into reorg.legacy_issues (legacy_table, legacy_key, reason_code, detail)
select src_table, src_key, reason, string_agg(detail, '; ' order by detail)
from (select distinct src_table, src_key,
             case kind when 'dead_placeholder' then 'dead_placeholder_image'
                       when 'relative' then 'relative_image_url'
                       else 'invalid_image_url' end as reason,
             case kind when 'dead_placeholder'
                       then format('%s points at a dead placeholder service: not copied', raw)
                       when 'relative' then format('%s is a relative path with no host: not copied', raw)
                       else format('%L is not an image URL: not copied', left(raw, 120)) end as detail
      from reorg.w_images where kind in ('dead_placeholder', 'relative', 'invalid')) d
group by src_table, src_key, reason;
