-- dealers -> accounts (type dealer, tier normalized, legacy_dealer_id), the rep found by
-- email; the contact joins as the account's owner when a user has that email.
drop table if exists reorg.w_dealers;
create table reorg.w_dealers as
select d.id, reorg.uid('account', d.id::text) as account_id, d.created_at,
       n.display as name, d.company_name as raw_name,
       t.value as tier, t.reason as tier_reason, d.tier as raw_tier,
       d.discount_pct,
       re.value as rep_email, d.rep_email as raw_rep_email,
       ce.value as contact_email, d.contact_email as raw_contact_email,
       nullif(btrim(d.shopify_customer_id), '') as shopify_id,
       row_number() over (partition by nullif(btrim(d.shopify_customer_id), '')
                          order by d.created_at nulls last, d.id) as shopify_rank
from legacy.dealers d
left join reorg.lk_text n on n.raw = coalesce(d.company_name, '')
join reorg.lk_tier t on t.raw = coalesce(d.tier, '')
left join reorg.lk_email re on re.raw = coalesce(d.rep_email, '')
left join reorg.lk_email ce on ce.raw = coalesce(d.contact_email, '');
alter table reorg.w_dealers add column rep_id uuid, add column rep_role text,
    add column contact_id uuid;
update reorg.w_dealers d set rep_id = case when u.role = 'rep' then u.id end, rep_role = u.role
from public.users u where lower(u.email) = d.rep_email;
update reorg.w_dealers d set contact_id = u.id
from public.users u where lower(u.email) = d.contact_email;

alter table public.accounts disable trigger tg__audit;
alter table public.account_members disable trigger tg__audit;
insert into public.accounts (id, name, type, status, tier, rep_id, shopify_customer_id,
                             legacy_dealer_id, created_at, updated_at)
select account_id, coalesce(name, 'Dealer #' || id), 'dealer', 'active', tier, rep_id,
       case when shopify_rank = 1 then shopify_id end, id,
       coalesce(created_at, '2000-01-01T00:00:00Z'::timestamptz), coalesce(created_at, '2000-01-01T00:00:00Z'::timestamptz)
from reorg.w_dealers
order by id
on conflict (id) do nothing;
insert into public.account_members (account_id, user_id, role, created_at)
select account_id, contact_id, 'owner', coalesce(created_at, '2000-01-01T00:00:00Z'::timestamptz)
from reorg.w_dealers where contact_id is not null
order by account_id
on conflict do nothing;
alter table public.accounts enable trigger tg__audit;
alter table public.account_members enable trigger tg__audit;

insert into reorg.legacy_row_map (legacy_table, legacy_key, target_table, target_id)
select 'dealers', id::text, 'accounts', account_id::text from reorg.w_dealers;

insert into reorg.legacy_issues (legacy_table, legacy_key, reason_code, detail)
select 'dealers', id::text, 'missing_company_name',
       format('company_name %L: the account is named Dealer #%s', raw_name, id)
from reorg.w_dealers where name is null
union all
select 'dealers', id::text, tier_reason, format('tier %L read as %s', raw_tier, tier)
from reorg.w_dealers where tier_reason is not null
union all
select 'dealers', id::text, 'discount_not_applied',
       format('discount_pct %s: emporium prices dealers by tier and contract price lists; '
              'review the tier (%s) or add contract prices', discount_pct, tier)
from reorg.w_dealers where discount_pct is not null and discount_pct <> 0
union all
select 'dealers', id::text,
       case when rep_role is null then 'unknown_rep' else 'rep_not_a_rep' end,
       case when rep_role is null then format('rep_email %L is no user: no rep assigned', raw_rep_email)
            else format('rep_email %L is a %s, not a rep: no rep assigned', raw_rep_email, rep_role) end
from reorg.w_dealers where raw_rep_email is not null and rep_id is null
union all
select 'dealers', id::text, 'contact_not_a_user',
       format('contact_email %L is no user: not linked to the account', raw_contact_email)
from reorg.w_dealers where raw_contact_email is not null and contact_id is null
union all
select 'dealers', id::text, 'duplicate_shopify_customer_id',
       format('shopify_customer_id %s already belongs to an older dealer: left empty here', shopify_id)
from reorg.w_dealers where shopify_id is not null and shopify_rank > 1
on conflict do nothing;
