"""The extractor's batch loop (``extract/pipeline.py``): memory zones free each batch's words, output unchanged."""

from __future__ import annotations

from pathlib import Path

from veracity.extract import Extractor
from veracity.extract.records import to_gold_record
from veracity.model.records import Document

INVENTED = ("Zorvakhtian", "Qelmubarin", "Trosk-Vennadin")


def _reports(shared_dir: Path, count: int) -> list[Document]:
    paths = sorted((shared_dir / "corpus" / "docs").glob("*.txt"))[:count]
    return [Document(text=p.read_text(encoding="utf-8").split("\n---\n", 1)[-1], name=p.stem) for p in paths]


def test_pipeline_extract_many_leaves_no_new_word_in_the_vocabulary(learned: Extractor) -> None:
    text = f"{INVENTED[0]}, a spokesman for the {INVENTED[1]} Front, said the attack in {INVENTED[2]} killed four."
    before = len(learned.nlp.vocab.strings)
    [found] = learned.extract_many([Document(text=text, name="invented")])
    assert any(INVENTED[1] in entity.name for entity in found.entities)  # read while the zone was open
    assert not any(word in learned.nlp.vocab.strings for word in INVENTED)
    assert len(learned.nlp.vocab.strings) == before


def test_pipeline_zoned_batches_extract_what_one_unzoned_pass_extracts(learned: Extractor, shared_dir: Path) -> None:
    docs = _reports(shared_dir, 12)
    first = [to_gold_record(x) for x in learned.extract_many(docs, batch_size=5)]  # words new to the vocabulary
    again = [to_gold_record(x) for x in learned.extract_many(docs, batch_size=5)]  # after they were freed
    unzoned = [to_gold_record(learned._build(doc, sdoc))
               for sdoc, doc in learned.nlp.pipe(((d.text, d) for d in docs), as_tuples=True, batch_size=5)]
    assert first == again == unzoned
    assert sum(len(r["actors"]) for r in first) > 12
