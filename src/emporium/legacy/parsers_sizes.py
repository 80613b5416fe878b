"""Legacy shoe sizes: 'US 10.5', '10,5', 'M 9 / W 10.5', 'EU 44', 'UK 9' onto a men's US size.

Pure, no I/O; the rules are tabled in :mod:`emporium.legacy.parsers`. The canonical size is
the men's US size (what the catalog's ``size_us`` holds, in half steps from 1 to 22); the
label is what a shopper reads, normalized so that the spellings of one size share one label
('10.5', 'US 10.5', '10,5' all become 'US 10.5').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["EU_TO_US_MEN", "Size", "parse_size"]

# Nike's men's EU -> US chart (the catalog is mostly Nike / Jordan; other brands differ by
# up to half a size, which is why an EU size off this chart is kept as a label only). The
# brief's chart ran 38.5-49.5; the small and large ends of Nike's chart are added.
EU_TO_US_MEN: dict[Decimal, Decimal] = {
    Decimal(eu): Decimal(us)
    for eu, us in (
        ("35.5", "3.5"), ("36", "4.0"), ("36.5", "4.5"), ("37.5", "5.0"), ("38", "5.5"),
        ("38.5", "6.0"), ("39", "6.5"), ("40", "7.0"), ("40.5", "7.5"), ("41", "8.0"),
        ("42", "8.5"), ("42.5", "9.0"), ("43", "9.5"), ("44", "10.0"), ("44.5", "10.5"),
        ("45", "11.0"), ("45.5", "11.5"), ("46", "12.0"), ("47", "12.5"), ("47.5", "13.0"),
        ("48", "13.5"), ("48.5", "14.0"), ("49.5", "15.0"),
        ("50.5", "16.0"), ("51.5", "17.0"), ("52.5", "18.0"),
    )
}  # fmt: skip

_US_MIN = Decimal(1)
_US_MAX = Decimal(22)
_WOMEN_OFFSET = Decimal("1.5")  # women's US = men's US + 1.5
_UK_OFFSET = Decimal(1)  # men's US = UK + 1
_EU_MIN = Decimal(15)  # a number outside this range is not an EU shoe size at all
_EU_MAX = Decimal(60)
_ONE_PLACE = Decimal("0.1")
_MAX_LABEL = 40

_N = r"[0-9]{1,3}(?:[.,][0-9]{1,2}|½)?"
_MEN = "m(?:en(?:'s|\u2019s|s)?)?"
_WOMEN = "w(?:mns|omen(?:'s|\u2019s|s)?)?"
_US = r"(?:us ?)?"
# Input is lower-cased, whitespace collapsed to single spaces, an optional 'size' dropped.
_FORMS = re.compile(
    rf"{_US}(?P<us>{_N})(?: ?us)?"
    rf"|{_US}{_MEN} ?(?P<m>{_N})(?: ?us)?"
    rf"|{_US}{_WOMEN} ?(?P<w>{_N})(?: ?us)?"
    rf"|{_US}{_MEN} ?(?P<pm>{_N}) ?[/|-]? ?{_WOMEN} ?(?P<pw>{_N})"
    rf"|{_US}{_WOMEN} ?(?P<rw>{_N}) ?[/|-]? ?{_MEN} ?(?P<rm>{_N})"
    rf"|eur? ?(?P<eu>{_N})|(?P<eu2>{_N}) ?eur?"
    rf"|uk ?(?P<uk>{_N})|(?P<uk2>{_N}) ?uk"
)
_SIZE_WORD = re.compile(r"size:? ?")


@dataclass(frozen=True, slots=True)
class Size:
    """A shoe size: men's US (one decimal place), display label, system it was written in."""

    us: Decimal | None
    label: str | None
    system: str | None
    reason: str | None


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ".").replace("½", ".5"))


def _us(value: Decimal) -> Decimal | None:
    """VALUE as a men's US size (one place) when it is a half step in range, else None."""
    if not (_US_MIN <= value <= _US_MAX) or (value * 2) % 1 != 0:
        return None
    return value.quantize(_ONE_PLACE)


def _show(value: Decimal) -> str:
    """'10', '10.5': a size number as printed on a box."""
    return format(value.normalize(), "f")


def _unparseable(shown: str) -> Size:
    return Size(None, shown if len(shown) <= _MAX_LABEL else None, None, "unparseable_size")


def parse_size(raw: str | None) -> Size:
    """Read a legacy size text; the men's US size when it converts, else a label or a reason."""
    if raw is None:
        return Size(None, None, None, "missing")
    shown = " ".join(raw.split())
    if not shown:
        return Size(None, None, None, "missing")
    if len(shown) > _MAX_LABEL:
        return _unparseable(shown)
    text = shown.lower()
    if text.startswith("size"):
        text = _SIZE_WORD.sub("", text, count=1)
    form = _FORMS.fullmatch(text)
    if form is None:
        return _unparseable(shown)
    us_, m, w, pm, pw, rw, rm, eu, eu2, uk, uk2 = form.groups()
    if us_ is not None or m is not None:
        us = _us(_number(us_ or m))
        return _unparseable(shown) if us is None else Size(us, f"US {_show(us)}", "us", None)
    if w is not None:
        women = _number(w)
        us = _us(women - _WOMEN_OFFSET)
        if us is None:
            return _unparseable(shown)
        return Size(us, f"W {_show(women)}", "us", None)
    if pm is not None or rm is not None:
        men, women = _number(pm or rm), _number(pw or rw)
        us = _us(men)
        if us is None or _us(women - _WOMEN_OFFSET) is None:
            return _unparseable(shown)
        return Size(us, f"M {_show(men)} / W {_show(women)}", "us", None)
    if eu is not None or eu2 is not None:
        size = _number(eu or eu2)
        if not (_EU_MIN <= size <= _EU_MAX):
            return _unparseable(shown)
        label = f"EU {_show(size)}"
        us = EU_TO_US_MEN.get(size)
        if us is None:
            return Size(None, label, "eu", "unconvertible_size")
        return Size(us, label, "eu", None)
    size = _number(uk or uk2)
    us = _us(size + _UK_OFFSET)
    if us is None:
        return _unparseable(shown)
    return Size(us, f"UK {_show(size)}", "uk", None)
