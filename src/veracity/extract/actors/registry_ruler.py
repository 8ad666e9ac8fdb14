"""The entity ruler that puts registry names on the document, its exact-word patterns found by dictionary lookup.

Why not spaCy's ``EntityRuler`` as is: its ``Matcher`` steps every one of the registry's ~1,250 patterns through
every document, which cost more than the statistical NER itself. The registry's patterns are plain word sequences
(each token an exact ``ORTH`` or ``LOWER`` value), which :class:`~veracity.extract.text.exact_matcher.ExactMatcher`
finds by lookup.

Which matches win is unchanged: the list handed to ``EntityRuler``'s own filtering is the one the ``Matcher``
would have returned, in the same order, so even ties between two actors with the same name resolve as before.
Patterns of any other shape make the ruler fall back to the ``Matcher``.
"""

from __future__ import annotations

import warnings
from typing import Any

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from veracity.extract.text.exact_matcher import ExactMatcher

FACTORY = "veracity_registry_ruler"


class RegistryRuler(EntityRuler):
    """An ``EntityRuler`` whose token patterns are matched by an :class:`ExactMatcher` when all of them allow it."""

    def __init__(self, nlp: Language, name: str) -> None:
        self._exact = ExactMatcher(nlp.vocab)
        self._all_exact = True
        super().__init__(nlp, name, phrase_matcher_attr=None)

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        """Add patterns as ``EntityRuler`` does, and index the token patterns in the order the ``Matcher`` got."""
        super().add_patterns(patterns)
        for entry in patterns:
            if isinstance(entry["pattern"], list):
                label = entry["label"] if "id" not in entry else self._create_label(entry["label"], entry["id"])
                taken = self._exact.add(self.nlp.vocab.strings.add(label), entry["pattern"])
                self._all_exact = self._all_exact and taken

    def clear(self) -> None:
        """Forget every pattern, the index included."""
        super().clear()
        self._exact, self._all_exact = ExactMatcher(self.nlp.vocab), True

    def token_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """What ``self.matcher(doc)`` returns: (key, start, end) in the ``Matcher``'s order."""
        return self._exact(doc) if self._all_exact else list(self.matcher(doc))

    def match(self, doc: Doc) -> list[tuple[int, int, int]]:
        """``EntityRuler.match`` with the indexed token matches in place of the ``Matcher``'s."""
        self._require_patterns()
        matches = self.token_matches(doc)
        if self.phrase_patterns:
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message="\\[W036")
                matches += list(self.phrase_matcher(doc))
        final = {(m_id, start, end) for m_id, start, end in matches if start != end}
        return sorted(final, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)


@Language.factory(FACTORY)
def make_registry_ruler(nlp: Language, name: str) -> RegistryRuler:
    """Factory for ``nlp.add_pipe``: an empty ruler, filled by ``add_patterns``."""
    return RegistryRuler(nlp, name)
