-- Catalog behaviour kept in the database: full-text search documents, the category
-- path, typed specification values.

-- Style codes are searchable as typed: 'DD1391-100', 'dd1391 100' and 'DD1391100' all
-- find DD1391-100. The parser reads 'DD1391-100' as 'dd1391' and '-100', so the document
-- holds the code's alphanumeric parts and its compact form instead.
create or replace function private.style_code_terms(p_style_code text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
    select case when p_style_code is null then ''
        else regexp_replace(p_style_code, '[^[:alnum:]]+', ' ', 'g') || ' '
             || regexp_replace(p_style_code, '[^[:alnum:]]+', '', 'g')
    end
$$;

-- Colorways are written with slashes (Black/White, Sail/University Red), which the parser
-- reads as one file-path token: each colour is searchable on its own instead.
create or replace function private.colorway_terms(p_colorway text)
returns text
language sql
immutable
parallel safe
set search_path = ''
as $$
    select coalesce(replace(p_colorway, '/', ' '), '')
$$;

create or replace function private.product_search_document(
    p_title text, p_brand text, p_model text, p_style_code text, p_colorway text,
    p_description text)
returns tsvector
language sql
immutable
parallel safe
set search_path = ''
as $$
    select setweight(to_tsvector('pg_catalog.english', coalesce(p_brand, '')), 'A')
        || setweight(to_tsvector('pg_catalog.english', coalesce(p_title, '')), 'A')
        || setweight(to_tsvector('pg_catalog.english', private.style_code_terms(p_style_code)), 'A')
        || setweight(to_tsvector('pg_catalog.english',
                                 coalesce(p_model, '') || ' '
                                 || private.colorway_terms(p_colorway)), 'B')
        || setweight(to_tsvector('pg_catalog.english', coalesce(p_description, '')), 'C')
$$;

-- What a shopper typed, as a tsquery that matches product_search_document: websearch
-- syntax ("quoted phrases", -exclusions, or), with hyphens inside codes and slashes inside
-- colorways read as spaces.
create or replace function public.catalog_search_query(p_query text)
returns tsquery
language sql
immutable
parallel safe
set search_path = ''
as $$
    select websearch_to_tsquery('pg_catalog.english',
        regexp_replace(coalesce(p_query, ''), '([[:alnum:]])[-/](?=[[:alnum:]])', '\1 ', 'g'))
$$;

comment on function public.catalog_search_query(text) is
    'Turn search box text into a tsquery for products.search: '
    'where search @@ catalog_search_query(''dunk low dd1391-100'').';

create or replace function private.tg_products__search()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
    new.search := private.product_search_document(
        new.title, (select b.name from public.brands b where b.id = new.brand_id),
        new.model, new.style_code, new.colorway, new.description);
    return new;
end
$$;

-- A renamed brand re-indexes its products.
create or replace function private.tg_brands__reindex_products()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
    update public.products p set search = private.product_search_document(
        p.title, new.name, p.model, p.style_code, p.colorway, p.description)
    where p.brand_id = new.id;
    return null;
end
$$;

-- The category path: parent's path + '/' + slug; moving a category moves its subtree.
create or replace function private.tg_categories__path()
returns trigger
language plpgsql
set search_path = ''
as $$
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

create or replace function private.tg_categories__move_subtree()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
    update public.categories c set path = new.path || substr(c.path, length(old.path) + 1)
    where c.path like old.path || '/%';
    return null;
end
$$;

-- A product_specs value must be in the column of its definition's type (and, for enums,
-- one of the listed values).
create or replace function private.tg_product_specs__typed()
returns trigger
language plpgsql
set search_path = ''
as $$
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

grant execute on function public.catalog_search_query(text) to anon, authenticated, service_role;
-- private.product_search_document calls it as the writer of products (admins, service work;
-- see the grants of its other helpers in catalog/policies.sql).
revoke all on function private.colorway_terms(text) from public;
grant execute on function private.colorway_terms(text) to authenticated, service_role;
