"""Deterministic identifiers.

Every stored row gets an id computed from its content, so re-ingesting or re-extracting the same thing produces the
same id and the store can ignore it (idempotency without lookups).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from typing import Any

_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def content_hash(*parts: Any) -> str:
    """SHA-256 (hex, first 24 chars) of the JSON encoding of ``parts``."""
    payload = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]


def text_hash(text: str) -> str:
    """Full SHA-256 of a normalised text: the document id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def slug(name: str) -> str:
    """A readable, stable key for a name: ascii, lower case, words joined by '-'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _SLUG_DROP.sub("-", ascii_name.lower()).strip("-") or content_hash(name)[:12]


def entity_id(kind: str, name: str) -> str:
    """Entity ids read like ``actor:islamic-state-khorasan-province``."""
    return f"{kind}:{slug(name)}"
