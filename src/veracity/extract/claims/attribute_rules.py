"""The model's attribute ruler (tag to part of speech, morphology, lemma exceptions) with indexed matching.

Why: spaCy's ``AttributeRuler`` runs its ~180 rules through a ``Matcher``, which steps every rule through every
token, and cost the Extractor about as much as the tagger and the lemmatizer together. Almost all of the rules are
exact values (``{"TAG": "NNS"}``, ``{"LOWER": "gon"}, {"LOWER": "na"}``); those go to an
:class:`~veracity.extract.text.exact_matcher.ExactMatcher` and only the few with ``IN``, ``NOT_IN`` or ``REGEX`` stay
with a ``Matcher``. ``AttributeRuler.match`` sorts its matches by rule number before applying them, so the union
of the two gives exactly the attributes the original sets.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

from veracity.extract.text.exact_matcher import ExactMatcher

FACTORY = "veracity_attribute_ruler"


class IndexedAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` whose exact-value rules are matched by lookup and the rest by a small ``Matcher``."""

    def __init__(self, vocab: Vocab, name: str) -> None:
        super().__init__(vocab, name)
        self._exact = ExactMatcher(vocab)
        self._rest = Matcher(vocab)

    def clear(self) -> None:
        """Forget every rule, in both matchers too."""
        super().clear()
        self._exact, self._rest = ExactMatcher(self.vocab), Matcher(self.vocab)

    def add(self, patterns: Iterable[Any], attrs: dict[str, Any], index: int = 0) -> None:
        """Add one rule as ``AttributeRuler.add`` does, filing each of its patterns with the matcher that can
        take it (under the key the ``AttributeRuler`` gives the rule)."""
        patterns = list(patterns)
        key = self.vocab.strings.add(str(len(self.attrs)))
        super().add(patterns, attrs, index)
        rest = [p for p in patterns if not self._exact.add(key, p)]
        if rest:
            self._rest.add(key, rest)

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """``AttributeRuler.match``: (rule number, key, start, end) of every match, sorted so later rules win."""
        found = set(self._exact(doc))
        if len(self._rest):
            found.update(self._rest(doc, allow_missing=True, as_spans=False))
        matches = [(int(self.vocab.strings[m_id]), m_id, s, e) for m_id, s, e in found]
        matches.sort()
        return matches


@Language.factory(FACTORY)
def make_indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    """Factory for ``nlp.replace_pipe``: an empty ruler, filled from the one it replaces."""
    return IndexedAttributeRuler(nlp.vocab, name)


def index_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Replace a loaded pipeline's plain ``AttributeRuler`` by an :class:`IndexedAttributeRuler` with its rules."""
    if name not in nlp.pipe_names or type(nlp.get_pipe(name)) is not AttributeRuler:
        return
    rules = nlp.get_pipe(name).patterns  # type: ignore[attr-defined]
    ruler = nlp.replace_pipe(name, FACTORY)
    ruler.add_patterns(rules)  # type: ignore[attr-defined]
