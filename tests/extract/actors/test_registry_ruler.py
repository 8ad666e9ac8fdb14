"""Tests for ``veracity.extract.actors.registry_ruler``: the indexed ruler puts exactly spaCy's entities on a text."""

from __future__ import annotations

from typing import Any

import spacy
from spacy.pipeline import EntityRuler

from veracity.extract import Extractor
from veracity.extract.actors.finder import RULER, ruler_patterns
from veracity.extract.actors.registry_ruler import FACTORY, RegistryRuler

TEXT = (
    "Taliban fighters and the Haqqani network attacked a post, while ISIS-K. claimed the bombing in Kabul; "
    "officials blamed al-Qaeda and Al Qaeda, not the TTP, Tehrik-i-Taliban Pakistan or the ISI."
)


def _surfaces(patterns: list[dict[str, Any]], count: int) -> list[str]:
    """Text forms of the first ``count`` patterns: every registry name appears cased as stored, upper, title."""
    words = [" ".join(str(next(iter(tok.values()))) for tok in p["pattern"]) for p in patterns[:count]]
    return [form for w in words for form in (w, w.upper(), w.title())]


def test_registry_ruler_returns_the_matchers_own_list(extractor: Extractor) -> None:
    ruler = extractor.nlp.get_pipe(RULER)
    assert isinstance(ruler, RegistryRuler)
    texts = [TEXT, TEXT.lower(), TEXT.upper(), "Reports named " + ", ".join(_surfaces(ruler.patterns, 300)) + "."]
    for doc in extractor.nlp.tokenizer.pipe(texts):
        fast = ruler.token_matches(doc)
        assert fast == list(ruler.matcher(doc))
    assert len(ruler.token_matches(extractor.nlp.make_doc(TEXT))) >= 4


def test_registry_ruler_sets_the_same_entities_as_entity_ruler(extractor: Extractor) -> None:
    patterns = ruler_patterns(extractor.nlp)
    plain_nlp, fast_nlp = spacy.blank("en"), spacy.blank("en")
    plain = plain_nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": None})
    fast = fast_nlp.add_pipe(FACTORY)
    assert isinstance(plain, EntityRuler) and isinstance(fast, RegistryRuler)
    plain.add_patterns(patterns)
    fast.add_patterns(patterns)
    text = TEXT + " " + " ".join(_surfaces(patterns, len(patterns)))
    expected = [(e.start, e.end, e.label_, e.ent_id_) for e in plain_nlp(text).ents]
    assert [(e.start, e.end, e.label_, e.ent_id_) for e in fast_nlp(text).ents] == expected
    assert any(e[3] for e in expected)


def test_registry_ruler_falls_back_to_the_matcher_for_other_patterns() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(FACTORY)
    assert isinstance(ruler, RegistryRuler)
    ruler.add_patterns([{"label": "ORG", "pattern": [{"LOWER": "red"}, {"IS_DIGIT": True}]}])
    doc = nlp("Red 5 and red 7 and red team")
    assert [(e.start, e.end) for e in doc.ents] == [(0, 2), (3, 5)]
