"""Outlet reliability: which publisher a document comes from, and its Admiralty source-reliability grade.

Grades are data (``data/outlets.yaml``), each with the one-line basis it rests on, so an analyst can see why a
source counts for more or less and change it: a user file (the ``outlets`` setting) is merged over the shipped
one, entry by entry. Any outlet that is listed nowhere is graded F, "reliability cannot be judged", never a
middling C: an unknown blog must not borrow the standing of a newspaper.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from veracity.model.errors import ConfigError
from veracity.model.records import Outlet
from veracity.model.values import normalise_name
from veracity.model.vocabulary import load_data

GRADES = ("A", "B", "C", "D", "E", "F")
UNJUDGED = "F"
_KEYS = frozenset({"name", "domains", "domain", "reliability", "basis", "aliases"})


@dataclass(frozen=True, slots=True)
class OutletEntry:
    """An outlet with every domain and alias it is known by (the :class:`Outlet` record keeps one domain)."""

    outlet: Outlet
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


def _strings(raw: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key) or ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: outlet {raw.get('name')!r}: {key} must be a list of strings",
                          fix=f"fix {where}")
    return tuple(v.strip() for v in value)


def _entry(raw: Any, where: str) -> OutletEntry:
    """One YAML entry checked and turned into an :class:`OutletEntry`; ``where`` names the file for errors."""
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"].strip():
        raise ConfigError(f"{where}: outlet entry without a name: {raw!r}", fix=f"give every entry a name in {where}")
    unknown = set(raw) - _KEYS
    if unknown:
        raise ConfigError(f"{where}: outlet {raw['name']!r} has unknown keys {sorted(unknown)}",
                          fix=f"use only {', '.join(sorted(_KEYS))}")
    grade = str(raw.get("reliability", UNJUDGED)).strip().upper()
    if grade not in GRADES:
        raise ConfigError(f"{where}: outlet {raw['name']!r} has reliability {raw.get('reliability')!r}",
                          fix="use an Admiralty grade A-F (F = cannot be judged)")
    domains = tuple(d.lower().removeprefix("www.") for d in
                    (*_strings(raw, "domain", where), *_strings(raw, "domains", where)))
    outlet = Outlet(name=raw["name"].strip(), domain=domains[0] if domains else None, reliability=grade,
                    basis=str(raw.get("basis") or ""))
    return OutletEntry(outlet, domains, _strings(raw, "aliases", where))


def _entries(data: Any, where: str) -> list[OutletEntry]:
    items = data.get("outlets") if isinstance(data, dict) else data
    if items is None:
        return []
    if not isinstance(items, list):
        raise ConfigError(f"{where}: expected a list of outlets (or a mapping with an 'outlets' list)",
                          fix=f"see veracity/model/data/outlets.yaml for the format and fix {where}")
    return [_entry(raw, where) for raw in items]


def _read_user_file(path: str) -> list[OutletEntry]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read outlets file {path}: {exc}", fix="fix the YAML or the outlets setting") from exc
    return _entries(data, path)


class OutletBook:
    """The merged outlet list with indexes by name, alias and domain."""

    def __init__(self, entries: list[OutletEntry]) -> None:
        self.entries: dict[str, OutletEntry] = {}
        for entry in entries:  # later entries (the user's) replace earlier ones of the same name
            self.entries[normalise_name(entry.outlet.name)] = entry
        self._names: dict[str, OutletEntry] = {}
        self._domains: dict[str, OutletEntry] = {}
        for entry in self.entries.values():
            for alias in (*entry.aliases, entry.outlet.name):  # a canonical name beats another outlet's alias
                self._names[normalise_name(alias)] = entry
            for domain in entry.domains:
                self._domains[domain] = entry

    def outlets(self) -> dict[str, Outlet]:
        """Every listed outlet by canonical name."""
        return {e.outlet.name: e.outlet for e in self.entries.values()}

    def find(self, name_or_url: str) -> OutletEntry | None:
        """The entry for a URL (by host, subdomains included), a domain, a name or an alias; None if unlisted."""
        text = name_or_url.strip()
        host = _host(text)
        if host:
            parts = host.split(".")
            for i in range(len(parts) - 1):
                found = self._domains.get(".".join(parts[i:]))
                if found:
                    return found
        return self._names.get(normalise_name(text)) if text else None

    def outlet_for(self, name_or_url: str) -> Outlet:
        """The graded outlet, or an ungraded (F) one named after the input's host or text."""
        found = self.find(name_or_url)
        if found:
            return found.outlet
        host = _host(name_or_url.strip())
        return Outlet(name=host or name_or_url.strip(), domain=host, reliability=UNJUDGED)


def _host(text: str) -> str | None:
    """The lower-case host of a URL or bare domain ("www.dawn.com/news/1" -> "dawn.com"); None for a name."""
    if " " in text or "." not in text:
        return None
    split = urlsplit(text if "//" in text else f"//{text}")
    host = (split.hostname or "").removeprefix("www.")
    return host if "." in host else None


@cache
def outlet_book(extra_path: str | None = None) -> OutletBook:
    """The shipped outlets with the user's file (if any) merged over them; cached per path."""
    entries = _entries(load_data("outlets.yaml"), "veracity/model/data/outlets.yaml")
    if extra_path:
        entries += _read_user_file(extra_path)
    return OutletBook(entries)


def outlets(extra_path: str | None = None) -> dict[str, Outlet]:
    """Every known outlet by name: the shipped list, overridden entry by entry by ``extra_path``."""
    return outlet_book(extra_path).outlets()


def outlet_for(name_or_url: str, extra_path: str | None = None) -> Outlet:
    """The outlet a name, alias, domain or URL belongs to; unlisted ones get reliability F."""
    return outlet_book(extra_path).outlet_for(name_or_url)
