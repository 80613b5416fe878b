"""Legacy value parsers: each messy legacy column value -> what it becomes, or why it can't.

The migrator reads the DISTINCT raw values of a messy column, runs them through these pure
functions and copies the results into lookup tables that the set-based SQL transform joins
against. So every parser takes one raw value, never raises (any unicode, control characters,
megabyte strings), never does I/O, and answers with a small frozen dataclass whose
``reason`` is None when the value was understood, else a stable code from :data:`REASONS`
that the migrator records as a ``legacy_issues`` row. The implementations live in
``parsers_money``, ``parsers_sizes``, ``parsers_dates``, ``parsers_choices`` and
``parsers_text``; import them from here.

What each parser accepts
========================

==================  ==============================================  =============================
parser              accepts (case-insensitive, trimmed)             otherwise (reason)
==================  ==============================================  =============================
parse_money         '$120.00' '120' '1,299.99' '$1,299.99' '€95'    missing, not_a_number,
                    '95 EUR' 'USD 12.5' '12.5usd' '£10' '¥500'      unknown_currency, negative,
                    'US$5' 'C$5' 'A$5' '$12 CAD' '$ 120' '.5'       too_large (> 10 integer
                    '95,50' (decimal comma: 1-2 digits, no dot)     digits: numeric(14,4))
                    '1.299,99' '1.299.999' '1 299,99 €'
parse_size          'US 10.5' '10.5' '10,5' 'us10.5' '10.5 US'      missing, unparseable_size
                    'US10' '10½' 'Size 10' 'M 10' -> 'US 10.5';     (label = the trimmed
                    'M 9 / W 10.5' 'M9/W10.5' 'W 10.5 / M 9'        original if <= 40 chars),
                    'Men 9 / Women 10.5' -> 'M 9 / W 10.5';         unconvertible_size (EU
                    'W 10.5' 'Wmns 10.5' (us = W - 1.5);            off the chart: label kept,
                    'EU 44' '44 EU' (Nike men's chart);             us None)
                    'UK 9' '9 UK' (us = UK + 1)
parse_date          '2021-03-10' '2021/03/10' '2021-03-10T..Z'      missing (also TBA TBD TBC
                    '03/10/2021' '3/1/2021' (month/day/year)        N/A none null unknown '-'),
                    'Mar 10, 2021' '10 Mar 2021' (day);             unparseable_date (impossible
                    'Mar 2021' 'March, 2021' '2021-03'              day, year not 1900..2100,
                    '03/2021' (month); '2021' (year)                anything else)
parse_role          ROLE_SPELLINGS; 'staff' is not known            customer + missing_role /
                                                                    unknown_role
parse_order_status  ORDER_STATUS_SPELLINGS                          pending + missing_status /
                                                                    unknown_status
parse_tier          bronze silver gold platinum                     bronze + missing_tier /
                                                                    unknown_tier
parse_condition     CONDITION_SPELLINGS ('DS' 'NIB' 'VNDS'          new + missing_condition /
                    'Used - good' 'pre-owned' 'worn' ...);          unknown_condition;
                    'like new (no box)' -> vnds                     condition_remark_dropped
parse_style_code    'DD1391-100' 'dd1391 100' 'dd1391_100'          missing,
                    -> code 'DD1391-100', key 'DD1391100'           unparseable_style_code
parse_email         ' A@B.com ' -> 'a@b.com'                        missing, invalid_email
parse_discount_pct  Decimal 0 < p <= 100 -> p (2 places);           missing, out_of_range,
                    0 -> no discount (None, no reason)              not_a_number (NaN)
parse_int_ref       ' 42 ' -> 42 (1 .. 2^31-1)                      None
parse_uuid_ref      dashed uuid, any case, optionally {braced}      None
classify_image_url  kind url / relative / dead_placeholder /        (kinds, not reasons)
                    invalid / missing
text_key            ' sneaker  PALACE' -> 'sneaker palace'          None when empty
display_name        ' Sneaker   Palace ' -> 'Sneaker Palace'        None when empty
slugify             'Dunk Low "Panda"' -> 'dunk-low-panda'          None when nothing is left
                    (ASCII, <= 80 characters)
==================  ==============================================  =============================

Decisions (each one a judgement the report can point at)
========================================================

Money
    Failure means ``amount`` and ``currency`` are both None. More than 4 decimals are
    rounded half-even to 4 (numeric(14,4)) without a reason; the given scale is kept
    otherwise ('120.00' -> Decimal('120.00')). A comma is a decimal separator only when it
    is the only separator and 1-2 digits follow it ('95,50'); '1,299' is one thousand two
    hundred ninety-nine. A single dot is always a decimal point ('1.299' is 1.299), two or
    more dots are European thousands ('1.299.999'). A currency this store does not convert
    (e.g. 'CHF 12') or two that disagree ('$12 EUR') is ``unknown_currency`` (a code added
    beyond the four the brief named, to keep 'not a number' honest). A minus anywhere the
    sign can go ('-5', '$-5', '-$5') is ``negative`` unless the amount is zero; ``negative``
    is checked before ``too_large``. Text over 100 characters is ``not_a_number``.
Sizes
    The canonical size is the men's US size in half steps 1..22, one decimal place. Men's
    only ('M 10') has the same label as plain '10' ('US 10'), so the variants merge; a
    women's or men's/women's pair keeps its own label ('W 10.5', 'M 9 / W 10.5'). In a
    pair the men's size wins; both must be valid sizes. UK and women's sizes must land on a
    valid US half size. An EU number outside 15..60 is not a shoe size (unparseable).
    Youth sizes ('5Y', 'GS 5') and fractions ('42 2/3') are unparseable, label kept.
Dates
    Slash dates are always US month/day/year, never guessed as day/month ('25/12/2021' is
    unparseable). A time part is ignored: the date as written, not converted to UTC.
    Two-digit years are unparseable.
Statuses
    'in transit'/'dispatched' -> shipped; 'returned' -> refunded (emporium has no returned
    state, and a returned order must not count as sold); 'processing' -> confirmed;
    'new' -> pending; 'complete(d)' -> delivered; 'void' -> cancelled. 'on hold', 'closed',
    'partially refunded' are unknown: they are ambiguous.
Conditions and other choices
    Spellings compare without case, spaces, underscores, dashes, dots and slashes; other
    marks count ('GOLD+' is not gold). A known condition with a remark in parentheses keeps
    the condition, reason ``condition_remark_dropped`` (the remark has nowhere to go).
Roles
    'staff' is unknown (could be store staff or the platform's). 'store' and 'merchant'
    are vendor; 'sales' and 'account manager' are rep; 'user' and 'member' are customer.
Style codes
    NFKC first (full-width letters and digits become ASCII); only spaces, underscores,
    dashes and dots are separators ('/' is kept in the code but not in the key). A code
    with no letter or digit, over 40 characters, or with control characters is unparseable.
text_key
    Unicode caseless matching (NFKC + casefold), so 'STRASSE' == 'straße'.
Image URLs
    ``url`` is the trimmed text for url / relative / dead_placeholder, None otherwise.
    Protocol-relative '//host/a.jpg' becomes 'https://host/a.jpg'. A scheme-less path whose
    first segment is a dead host ('via.placeholder.com/150') is dead_placeholder. Any
    whitespace, control character or backslash, or a scheme other than http(s), is invalid.
"""

from __future__ import annotations

from emporium.legacy.parsers_choices import (
    CONDITION_SPELLINGS,
    ORDER_STATUS_SPELLINGS,
    ROLE_SPELLINGS,
    TIER_SPELLINGS,
    Choice,
    choice_key,
    parse_condition,
    parse_order_status,
    parse_role,
    parse_tier,
)
from emporium.legacy.parsers_dates import ParsedDate, parse_date
from emporium.legacy.parsers_money import (
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    Discount,
    Money,
    parse_discount_pct,
    parse_int_ref,
    parse_money,
    parse_uuid_ref,
)
from emporium.legacy.parsers_sizes import EU_TO_US_MEN, Size, parse_size
from emporium.legacy.parsers_text import (
    DEAD_PLACEHOLDER_HOSTS,
    Email,
    ImageUrl,
    StyleCode,
    classify_image_url,
    display_name,
    parse_email,
    parse_style_code,
    slugify,
    text_key,
)

__all__ = [
    "CONDITION_SPELLINGS",
    "CURRENCY_CODES",
    "CURRENCY_SYMBOLS",
    "DEAD_PLACEHOLDER_HOSTS",
    "EU_TO_US_MEN",
    "ORDER_STATUS_SPELLINGS",
    "REASONS",
    "ROLE_SPELLINGS",
    "TIER_SPELLINGS",
    "Choice",
    "Discount",
    "Email",
    "ImageUrl",
    "Money",
    "ParsedDate",
    "Size",
    "StyleCode",
    "choice_key",
    "classify_image_url",
    "display_name",
    "parse_condition",
    "parse_date",
    "parse_discount_pct",
    "parse_email",
    "parse_int_ref",
    "parse_money",
    "parse_order_status",
    "parse_role",
    "parse_size",
    "parse_style_code",
    "parse_tier",
    "parse_uuid_ref",
    "slugify",
    "text_key",
]

# Every reason code a parser can return, explained in one line for the migration report.
REASONS: dict[str, str] = {
    "missing": "No value: NULL, empty or only whitespace (for dates also TBA, TBD, unknown).",
    "not_a_number": "Not readable as a number (e.g. 'N/A', free text, NaN).",
    "unknown_currency": "Names a currency other than USD, EUR, GBP, CAD, AUD, JPY, or two "
    "currencies that disagree.",
    "negative": "A negative amount; a price or total can't be below zero.",
    "too_large": "More than 10 digits before the decimal point; doesn't fit numeric(14,4).",
    "unparseable_size": "Not a shoe size we can read, or not a US half size from 1 to 22.",
    "unconvertible_size": "An EU size off the Nike men's chart: kept as a label, no US size.",
    "unparseable_date": "Not a date we can read, an impossible day, or a year outside 1900-2100.",
    "missing_role": "No role: migrated as a customer.",
    "unknown_role": "A role spelling we don't know (or an ambiguous one like 'staff'): "
    "migrated as a customer.",
    "missing_status": "No order status: migrated as pending.",
    "unknown_status": "An order status spelling we don't know: migrated as pending.",
    "missing_tier": "No dealer tier: migrated as bronze.",
    "unknown_tier": "A dealer tier spelling we don't know: migrated as bronze.",
    "condition_remark_dropped": "A known condition with a remark in parentheses (e.g. "
    "'like new (no box)'): the condition was kept, the remark dropped.",
    "missing_condition": "No item condition: migrated as new.",
    "unknown_condition": "An item condition spelling we don't know: migrated as new.",
    "unparseable_style_code": "A style code with no letters or digits, control characters, "
    "or over 40 characters.",
    "invalid_email": "Not an email address (needs local@domain.tld, no spaces, <= 254 chars).",
    "out_of_range": "A discount below 0 or above 100 percent (or infinite).",
}
