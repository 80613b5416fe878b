"""Legacy free-text enumerations (roles, order statuses, dealer tiers, conditions) onto
emporium's fixed values.

Pure, no I/O; the spellings are tabled in :mod:`emporium.legacy.parsers`. A spelling is
compared by its key: lower case with spaces, underscores, dashes, dots and slashes removed,
so 'Used - good', 'used_good' and 'USED GOOD' are one spelling, as are 'account rep' and
'account_rep'. Other marks stay, so 'GOLD+' and 'staff?' are not 'gold' and 'staff'.
A value never seen falls back to the safest target (a customer, a pending order, bronze, a
new item) with a reason, so the migrator records the judgement instead of inventing one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "CONDITION_SPELLINGS",
    "ORDER_STATUS_SPELLINGS",
    "ROLE_SPELLINGS",
    "TIER_SPELLINGS",
    "Choice",
    "choice_key",
    "parse_condition",
    "parse_order_status",
    "parse_role",
    "parse_tier",
]

_MAX_CHARS = 64
_SEPARATORS = re.compile(r"[\s_.\-/\u2010-\u2015]+")
# A condition with a remark: 'like new (no box)'. The remark can't be kept, so it is a reason.
_REMARK = re.compile(r"(?P<base>[^()]*[^()\s])\s*\((?P<remark>[^()]*)\)")


@dataclass(frozen=True, slots=True)
class Choice:
    """The target value (always one of the allowed ones) and why it was a guess, if it was."""

    value: str | None
    reason: str | None


# target -> the legacy spellings that certainly mean it (each compared by choice_key).
ROLE_SPELLINGS: Mapping[str, tuple[str, ...]] = {
    "admin": ("admin", "administrator", "superuser", "super user", "super admin", "superadmin"),
    "vendor": ("vendor", "seller", "merchant", "store", "vendor staff"),
    "rep": (
        "rep", "account rep", "sales rep", "sales", "representative", "sales representative",
        "account representative", "account manager",
    ),
    "customer": ("customer", "buyer", "client", "user", "member"),
}  # fmt: skip
ORDER_STATUS_SPELLINGS: Mapping[str, tuple[str, ...]] = {
    "pending": ("pending", "new", "created", "unpaid", "awaiting payment", "pending payment"),
    "confirmed": ("confirmed", "processing", "accepted"),
    "paid": ("paid", "payment received"),
    "fulfilled": ("fulfilled", "packed", "ready to ship"),
    "shipped": ("shipped", "in transit", "dispatched"),
    "delivered": ("delivered", "complete", "completed"),
    "cancelled": ("cancelled", "canceled", "void", "voided"),
    "refunded": ("refunded", "returned"),
}
TIER_SPELLINGS: Mapping[str, tuple[str, ...]] = {
    "bronze": ("bronze",),
    "silver": ("silver",),
    "gold": ("gold",),
    "platinum": ("platinum",),
}
CONDITION_SPELLINGS: Mapping[str, tuple[str, ...]] = {
    "new": (
        "new", "ds", "deadstock", "dead stock", "brand new", "nib", "bnib", "new in box",
        "brand new in box", "new with box",
    ),
    "vnds": ("vnds", "very near deadstock", "very near dead stock", "like new"),
    "used_good": ("used", "used - good", "used good", "good", "pre-owned", "preowned"),
    "used_fair": ("used - fair", "used fair", "fair", "worn"),
    "refurbished": ("refurbished", "refurb"),
}  # fmt: skip


def choice_key(raw: str) -> str:
    """The comparison key of a spelling: lower case, without separators."""
    return _SEPARATORS.sub("", raw.lower())


def _lookup(spellings: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for target, names in spellings.items():
        for name in names:
            key = choice_key(name)
            if table.setdefault(key, target) != target:  # a spelling must mean one thing
                raise ValueError(f"spelling {name!r} maps to {table[key]!r} and {target!r}")
    return table


class _Parser:
    """One enumeration: its lookup, its fallback, and the reasons for a NULL or an unknown."""

    __slots__ = ("_missing", "_table", "_unknown")

    def __init__(
        self, spellings: Mapping[str, tuple[str, ...]], *, fallback: str, what: str
    ) -> None:
        results = {target: Choice(target, None) for target in spellings}
        self._table = {key: results[target] for key, target in _lookup(spellings).items()}
        self._missing = Choice(fallback, f"missing_{what}")
        self._unknown = Choice(fallback, f"unknown_{what}")

    def __call__(self, raw: str | None) -> Choice:
        if raw is None:
            return self._missing
        found = self._table.get(raw)  # most legacy values are already a plain key
        if found is not None:
            return found
        if len(raw) > _MAX_CHARS:
            return self._unknown if raw.strip() else self._missing
        key = choice_key(raw)
        if not key and not raw.strip():
            return self._missing
        return self._table.get(key, self._unknown)


_role = _Parser(ROLE_SPELLINGS, fallback="customer", what="role")
_status = _Parser(ORDER_STATUS_SPELLINGS, fallback="pending", what="status")
_tier = _Parser(TIER_SPELLINGS, fallback="bronze", what="tier")
_condition = _Parser(CONDITION_SPELLINGS, fallback="new", what="condition")


def parse_role(raw: str | None) -> Choice:
    """users.role onto customer / vendor / rep / admin ('staff' is ambiguous: unknown)."""
    return _role(raw)


def parse_order_status(raw: str | None) -> Choice:
    """orders.status onto the emporium order machine's eight states."""
    return _status(raw)


def parse_tier(raw: str | None) -> Choice:
    """dealers.tier onto bronze / silver / gold / platinum."""
    return _tier(raw)


def parse_condition(raw: str | None) -> Choice:
    """sneakers.condition onto new / vnds / used_good / used_fair / refurbished.

    A known condition followed by a remark in parentheses ('like new (no box)') keeps the
    condition, with reason ``condition_remark_dropped`` so the lost remark is reviewed.
    """
    choice = _condition(raw)
    if choice.reason == "unknown_condition" and raw is not None and len(raw) <= _MAX_CHARS:
        remark = _REMARK.fullmatch(raw.strip())
        if remark is not None:
            base = _condition(remark.group("base"))
            if base.reason is None and not remark.group("remark").strip():
                return base
            if base.reason is None:
                return Choice(base.value, "condition_remark_dropped")
    return choice
