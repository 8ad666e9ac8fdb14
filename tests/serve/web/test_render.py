"""The reader's segmentation: overlapping highlights never cross tags, and the pieces rebuild the text."""

from __future__ import annotations

from veracity.serve.web.render import link, spans

TEXT = "Pakistan backs ISIS-K, he said. Kabul denies it."


def test_render_pieces_rebuild_the_text_and_carry_every_mark() -> None:
    marks = [{"start": 0, "end": 8, "kind": "actor", "name": "Pakistan"},
             {"start": 15, "end": 21, "kind": "actor", "name": "ISKP"},
             {"start": 0, "end": 31, "kind": "claim", "id": "c1"},
             {"start": 9, "end": 48, "kind": "claim", "id": "c2"},
             {"start": 40, "end": 999, "kind": "claim", "id": "out-of-range"}]
    pieces = spans(TEXT, marks)
    assert "".join(p["text"] for p in pieces) == TEXT
    at = {p["text"]: p for p in pieces}
    assert at["Pakistan"]["claims"] == ["c1"] and at["Pakistan"]["entities"][0]["name"] == "Pakistan"
    assert at["ISIS-K"]["claims"] == ["c1", "c2"]
    assert all("out-of-range" not in p["claims"] for p in pieces)


def test_render_links_encode_their_parameters() -> None:
    assert link("/claims", about="ISIS-K & co", as_of="2025", stance=None) == "/claims?about=ISIS-K+%26+co&as-of=2025"
