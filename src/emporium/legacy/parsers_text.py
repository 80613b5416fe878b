"""Legacy text: style codes, emails, names compared loosely, slugs and image URLs.

Pure, no I/O; the rules are tabled in :mod:`emporium.legacy.parsers`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

__all__ = [
    "DEAD_PLACEHOLDER_HOSTS",
    "Email",
    "ImageUrl",
    "StyleCode",
    "classify_image_url",
    "display_name",
    "parse_email",
    "parse_style_code",
    "slugify",
    "text_key",
]

# Placeholder-image services that no longer answer (or never served real product photos).
DEAD_PLACEHOLDER_HOSTS: tuple[str, ...] = (
    "via.placeholder.com",
    "placeholder.com",
    "placehold.it",
    "placehold.co",
    "dummyimage.com",
    "placekitten.com",
    "lorempixel.com",
    "fakeimg.pl",
)

_MAX_STYLE_CODE = 40
_MAX_EMAIL = 254  # RFC 5321 path limit
_MAX_SLUG = 80
_MAX_URL = 2048

_STYLE_SEPARATORS = re.compile(r"[\s_.\-\u2010-\u2015]+")
_NOT_ALNUM = re.compile(r"[\W_]+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
# Letters NFKD does not decompose into ASCII, spelled the way a person would.
_TRANSLITERATE = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "đ": "d",
     "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D"}
)  # fmt: skip
_URL_CHARS = re.compile(r"[^\s\\<>\"`{}|^\x00-\x1f\x7f]+")


@dataclass(frozen=True, slots=True)
class StyleCode:
    """A style code in display form ('DD1391-100') and its matching key ('DD1391100')."""

    code: str | None
    key: str | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class Email:
    """An email address trimmed and lower-cased, or the reason it is not one."""

    value: str | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class ImageUrl:
    """What a legacy image reference is (url, relative, dead_placeholder, invalid, missing)."""

    kind: str
    url: str | None


def parse_style_code(raw: str | None) -> StyleCode:
    """A manufacturer style code in one canonical spelling plus a separator-blind key."""
    if raw is None:
        return StyleCode(None, None, "missing")
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text:
        return StyleCode(None, None, "missing")
    # NFKC again after upper(): upper-casing can decompose ('ΐ'), and the code must be stable.
    upper = unicodedata.normalize("NFKC", text.upper())
    code = _STYLE_SEPARATORS.sub("-", upper).strip("-")
    key = _NOT_ALNUM.sub("", code)
    if not key or len(code) > _MAX_STYLE_CODE or not code.isprintable():
        return StyleCode(None, None, "unparseable_style_code")
    return StyleCode(code, key, None)


def parse_email(raw: str | None) -> Email:
    """An email trimmed and lower-cased when it has the shape local@domain.tld."""
    if raw is None:
        return Email(None, "missing")
    value = raw.strip().lower()
    if not value:
        return Email(None, "missing")
    if len(value) > _MAX_EMAIL or not value.isprintable() or _EMAIL.fullmatch(value) is None:
        return Email(None, "invalid_email")
    return Email(value, None)


def text_key(raw: str | None) -> str | None:
    """A loose comparison key for names and brands: case-folded, whitespace collapsed."""
    if raw is None:
        return None
    # NFKC around casefold is Unicode's compatibility caseless match (ﬁ == fi, ß == SS).
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", raw).casefold())
    key = " ".join(folded.split())
    return key or None


def display_name(raw: str | None) -> str | None:
    """A name as shown: trimmed, runs of whitespace collapsed, case untouched."""
    if raw is None:
        return None
    name = " ".join(raw.split())
    return name or None


def slugify(raw: str | None) -> str | None:
    """An ASCII URL slug ('nike-dunk-low-panda'), at most 80 characters, or None."""
    if raw is None:
        return None
    ascii_text = (
        unicodedata.normalize("NFKD", raw.translate(_TRANSLITERATE))
        .encode("ascii", "ignore")
        .decode("ascii")
        .lower()
    )
    slug = _SLUG_JUNK.sub("-", ascii_text).strip("-")
    if len(slug) > _MAX_SLUG:
        cut = slug.rfind("-", 0, _MAX_SLUG + 1)  # a dash right after the 80th char counts
        slug = slug[:cut] if cut > 0 else slug[:_MAX_SLUG]
    return slug or None


_DEAD_HOSTS = frozenset(DEAD_PLACEHOLDER_HOSTS)
_DEAD_SUFFIXES = tuple("." + dead for dead in DEAD_PLACEHOLDER_HOSTS)
# The common shape, 'https://cdn.example.com/x.jpg' (a plain host: no port, user or IPv6
# brackets), decided without urlsplit, which costs most of the time at 400k distinct URLs.
# It gives what the general path gives for it (tests/legacy/test_parsers.py checks).
_PLAIN_HTTP = re.compile(r"(?i:https?)://([A-Za-z0-9.-]+)(?:[/?#]|\Z)")


def _is_dead_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    return host in _DEAD_HOSTS or host.endswith(_DEAD_SUFFIXES)


def classify_image_url(raw: str | None) -> ImageUrl:
    """Sort a legacy image reference: usable URL, relative path, dead placeholder, junk."""
    if raw is None:
        return ImageUrl("missing", None)
    text = raw.strip()
    if not text:
        return ImageUrl("missing", None)
    if len(text) > _MAX_URL or _URL_CHARS.fullmatch(text) is None:
        return ImageUrl("invalid", None)
    plain = _PLAIN_HTTP.match(text)
    if plain is not None:
        return ImageUrl("dead_placeholder" if _is_dead_host(plain[1]) else "url", text)
    return _classify_general(text)


def _classify_general(text: str) -> ImageUrl:
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
    except ValueError:  # e.g. an unbalanced '[' in the host part
        return ImageUrl("invalid", None)
    scheme = parts.scheme.lower()
    if text.startswith("//"):  # protocol-relative: the store served pages over https
        if not host:
            return ImageUrl("invalid", None)
        text, scheme = "https:" + text, "https"
    if scheme in ("http", "https"):
        if not host:
            return ImageUrl("invalid", None)
        return ImageUrl("dead_placeholder" if _is_dead_host(host) else "url", text)
    if scheme or parts.netloc or not any(c.isalnum() for c in parts.path):
        return ImageUrl("invalid", None)
    # A scheme-less 'via.placeholder.com/150' is the dead service too, not a local file.
    first = parts.path.lstrip("/").split("/", 1)[0]
    return ImageUrl("dead_placeholder" if _is_dead_host(first) else "relative", text)
