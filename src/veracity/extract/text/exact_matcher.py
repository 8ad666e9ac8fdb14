"""Token patterns of plain attribute tests, matched through an index of their first token instead of a state
machine.

Why: spaCy's ``Matcher`` starts every pattern at every token and steps them all along the document, and evaluates
``IN``/``REGEX`` tests in Python token by token, so its cost grows with the number of patterns. The rule components
of the pipeline (the registry's ~1,250 names, the model's ~180 attribute rules) are fixed-length sequences of
simple tests (``{"LOWER": "haqqani"}``, ``{"TAG": "NNS"}``, ``{"DEP": {"IN": ["aux", "auxpass"]}}``): the patterns
that can start at a token are found by one dictionary lookup per indexed attribute, and only those are checked.

The result is the ``Matcher``'s own: the same (key, start, end) triples, once each, in the same order (by end,
then start, then the order the patterns were added). :meth:`ExactMatcher.add` declines any other kind of pattern
(operators such as ``?`` or ``+``, comparisons, extension attributes), and callers keep a ``Matcher`` for those.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.attrs import DEP, IS_PUNCT, IS_SPACE, LOWER, ORTH, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

_STRING_ATTRS = {"ORTH": ORTH, "LOWER": LOWER, "TAG": TAG, "DEP": DEP}
_FLAG_ATTRS = {"IS_SPACE": IS_SPACE, "IS_PUNCT": IS_PUNCT}
EQ, IN, NOT_IN, REGEX = range(4)

Check = tuple[int, int, Any]  # (attribute id, test kind, expected value / value set / compiled pattern)
Test = tuple[Check, ...]  # one pattern token: every check must hold
Entry = tuple[int, int, Test, tuple[Test, ...]]  # (order added, match key, first token, the tokens after it)


class _Columns:
    """A document's attribute values by attribute id, with their strings built only if a regex asks."""

    def __init__(self, doc: Doc, attrs: list[int]) -> None:
        ids: list[int | str] = list(attrs)
        self.doc = doc
        self.values: dict[int, list[int]] = dict(zip(attrs, doc.to_array(ids).T.tolist(), strict=True))
        self._texts: dict[int, list[str]] = {}

    def text(self, attr: int, i: int) -> str:
        """The string of attribute ``attr`` of token ``i``."""
        if attr not in self._texts:
            strings = self.doc.vocab.strings
            self._texts[attr] = [strings[h] for h in self.values[attr]]
        return self._texts[attr][i]

    def fits(self, i: int, test: Test) -> bool:
        """Whether token ``i`` passes every check of one pattern token."""
        for attr, kind, expected in test:
            value = self.values[attr][i]
            if kind == EQ:
                ok = value == expected
            elif kind == IN:
                ok = value in expected
            elif kind == NOT_IN:
                ok = value not in expected
            else:
                ok = expected.search(self.text(attr, i)) is not None
            if not ok:
                return False
        return True


class ExactMatcher:
    """A ``Matcher`` for fixed-length patterns of equality, ``IN``, ``NOT_IN`` and ``REGEX`` tests."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._index: dict[tuple[int, int], list[Entry]] = {}
        self._unindexed: list[Entry] = []
        self._attrs: list[int] = []
        self._added = 0

    def __len__(self) -> int:
        return self._added

    def add(self, key: int, pattern: list[dict[str, Any]]) -> bool:
        """File ``pattern`` under ``key`` (a string hash, as the ``Matcher`` stores keys); False, and nothing
        filed, when some token asks for more than this class checks."""
        tests = [_test(token, self.vocab) for token in pattern]
        if not tests or any(t is None for t in tests):
            return False
        first, *rest = (t for t in tests if t is not None)
        for attr, _, _ in (check for t in tests if t is not None for check in t):
            if attr not in self._attrs:
                self._attrs.append(attr)
        entry = (self._added, key, first, tuple(rest))
        self._added += 1
        for index_key in _index_keys(first):
            self._index.setdefault(index_key, []).append(entry)
        if not _index_keys(first):
            self._unindexed.append(entry)
        return True

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(key, start, end) of every match, in ``Matcher`` order, each once."""
        if not self._added or not len(doc):
            return []
        cols = _Columns(doc, self._attrs)
        indexed = sorted({attr for attr, _ in self._index})
        found: list[tuple[int, int, int, int]] = []
        for start in range(len(doc)):
            entries = [e for attr in indexed for e in self._index.get((attr, cols.values[attr][start]), ())]
            for order, key, first, rest in entries + self._unindexed:
                end = start + 1 + len(rest)
                if end > len(doc) or not cols.fits(start, first):
                    continue
                if all(cols.fits(start + 1 + n, test) for n, test in enumerate(rest)):
                    found.append((end, start, order, key))
        found.sort()
        out: list[tuple[int, int, int]] = []
        seen: set[tuple[int, int, int]] = set()
        for end, start, _, key in found:
            if (key, start, end) not in seen:
                seen.add((key, start, end))
                out.append((key, start, end))
        return out


def _index_keys(first: Test) -> list[tuple[int, int]]:
    """Where a pattern is filed: under the value of its first token's first equality test, else under every
    value of its first ``IN`` test; nowhere (tried at every token) when it has neither."""
    for attr, kind, expected in first:
        if kind == EQ:
            return [(attr, expected)]
    for attr, kind, expected in first:
        if kind == IN:
            return [(attr, value) for value in sorted(expected)]
    return []


def _test(token: Any, vocab: Vocab) -> Test | None:
    """The checks of one pattern token, or None when it asks for something this module does not check."""
    if not isinstance(token, dict) or not token:
        return None
    checks: list[Check] = []
    for name, value in token.items():
        upper = str(name).upper()
        if upper in _FLAG_ATTRS and isinstance(value, bool):
            checks.append((_FLAG_ATTRS[upper], EQ, int(value)))
        elif upper not in _STRING_ATTRS:
            return None
        elif isinstance(value, str):
            checks.append((_STRING_ATTRS[upper], EQ, vocab.strings.add(value)))
        elif isinstance(value, dict) and value and all(_predicate(k, v) for k, v in value.items()):
            checks += [(_STRING_ATTRS[upper], *_predicate(k, v)) for k, v in value.items()]  # type: ignore[misc]
        else:
            return None
    return tuple(checks)


def _predicate(kind: str, arg: Any) -> tuple[int, Any] | None:
    """(kind, value) of one ``IN``, ``NOT_IN`` or ``REGEX`` test on a string attribute, hashed as the ``Matcher``
    hashes it; None for any other test."""
    if kind in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
        return (IN if kind == "IN" else NOT_IN), frozenset(get_string_id(v) for v in arg)
    if kind == "REGEX" and isinstance(arg, str):
        return REGEX, re.compile(arg)
    return None
