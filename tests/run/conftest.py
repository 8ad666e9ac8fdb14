"""Run fixtures: the store fixtures of ``tests/store/conftest.py`` (real PostgreSQL as well as SQLite), shared
rather than copied, since a run is asserted on both backends like the store itself."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location("veracity_store_fixtures", Path(__file__).parents[1] / "store" /
                                               "conftest.py")
assert _spec is not None and _spec.loader is not None
_store_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_store_fixtures)

pg_store = _store_fixtures.pg_store
any_store = _store_fixtures.any_store
PG_ADMIN = _store_fixtures.PG_ADMIN
