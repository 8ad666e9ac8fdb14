"""Quoted speech: sentences inside quotation marks belong to the speaker the article names around them.

News attributes quotes three ways: a trailer after the closing mark (``,” the official said.``), a lead-in before
the opening mark (``He said: “...``), or a paragraph ending in a colon that introduces a block (``As a Pakistan
official said:`` then a quoted paragraph). A quote that opens a paragraph and is not closed runs on to the paragraph
end, and on into the next paragraph when that one opens with a quotation mark again (the multi-paragraph
convention). Short quotes (scare quotes such as “jailbreaks”) are left alone.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from veracity.extract.claims.finder import EXTRACTOR, claimant_of
from veracity.extract.claims.links import hedge_for, links_in
from veracity.extract.context import Ctx
from veracity.extract.text.lexicon import cues
from veracity.model.records import Stance

MIN_WORDS = 6
_OPEN, _CLOSE = '“"', '”"'


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks, running to the paragraph end when a quote is not closed there."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        label = _label_at(text, i)
        if label is not None:
            spans.append((label, _para_end(text, i)))
            i = _para_end(text, i) + 1
            continue
        if text[i] in _OPEN and (i == 0 or not text[i - 1].isalnum()):
            para_end = text.find("\n", i)
            para_end = len(text) if para_end < 0 else para_end
            close = next(
                (
                    j
                    for j in range(i + 1, para_end)
                    if text[j] in _CLOSE and (j + 1 >= len(text) or not text[j + 1].isalnum())
                ),
                None,
            )
            end = close if close is not None else para_end
            if len(text[i + 1 : end].split()) >= MIN_WORDS:
                spans.append((i + 1, end))
            i = end + 1
            continue
        i += 1
    return spans


def _label_at(text: str, i: int) -> int | None:
    """Start of the quoted text when a paragraph opens at ``i`` with a quote label ("English Translation: ...")."""
    if i and text[i - 1] != "\n":
        return None
    m = re.match(r"[ \t]*([A-Za-z][A-Za-z ]{0,30}?)\s*:\s*[“\"]?", text[i : _para_end(text, i)])
    if m is None or m.group(1).strip().lower() not in cues().words("quote_labels"):
        return None
    return i + m.end()


def _quoted_paragraph(text: str, start: int, end: int) -> bool:
    """A paragraph that is itself quoted: it opens with a quotation mark or a quote label."""
    return text[start:end].lstrip()[:1] in _OPEN or _label_at(text, start) is not None


def _run_intro(ctx: Ctx, start: int) -> str | None:
    """The speaker of a run of quoted paragraphs: the first speaker named in the plain paragraph above the run."""
    text = ctx.doc.text  # the parsed text itself; Doc.text would rebuild it from the tokens
    para = _previous_paragraph(text, start)
    while para is not None and _quoted_paragraph(text, *para):
        para = _previous_paragraph(text, para[0])
    span = ctx.sdoc.char_span(*para, alignment_mode="expand") if para else None
    for token in span or []:
        if token.pos_ == "VERB" and token.lemma_.lower() in cues().words("speech_verbs"):
            claimant = claimant_of(ctx, token)
            if claimant:
                return claimant
    return None


def _speech_verbs(tokens: Span | list[Token]) -> list[Token]:
    speech = cues().words("speech_verbs")
    return [t for t in tokens if t.pos_ == "VERB" and t.lemma_.lower() in speech]


def _speech_verb(tokens: Span | list[Token]) -> Token | None:
    return next(iter(_speech_verbs(tokens)), None)


def _lead_in_speaker(ctx: Ctx, span: Span) -> str | None:
    """The speaker of a lead-in: the speech verb nearest the quote whose speaker is known ("... the former chief,
    where he brags to an audience claiming, “...”": 'claiming' has no usable subject, 'brags' has)."""
    for verb in reversed(_speech_verbs(span)):
        claimant = claimant_of(ctx, verb)
        if claimant:
            return claimant
    return None


def _speaker(ctx: Ctx, start: int, end: int) -> str | None:
    """Claimant of a quote: the colon paragraph that introduces it (the most explicit), a lead-in before it in its
    paragraph, or a trailer after it."""
    sdoc = ctx.sdoc
    text = ctx.doc.text  # the parsed text itself; Doc.text would rebuild it from the tokens
    intro = _previous_paragraph(text, start)
    if intro and text[intro[0] : intro[1]].rstrip().endswith(":"):
        span = sdoc.char_span(*intro, alignment_mode="expand")
        verb = _speech_verb(span) if span is not None else None
        claimant = claimant_of(ctx, verb) if verb is not None else None
        if claimant:
            return claimant
    after = sdoc.char_span(end, min(len(text), _para_end(text, end)), alignment_mode="expand")
    before = sdoc.char_span(_para_start(text, start), max(0, start - 1), alignment_mode="expand")
    if before is not None and len(before) and (lead := _lead_in_speaker(ctx, before)):
        return lead
    if after is not None and len(after):
        verb = _speech_verb(after) or _speech_verb(list(after.sent))
        claimant = claimant_of(ctx, verb) if verb is not None else None
        if claimant:
            return claimant
    if _quoted_paragraph(text, _para_start(text, start), _para_end(text, start)):
        return _run_intro(ctx, _para_start(text, start))
    return None


def _para_end(text: str, i: int) -> int:
    j = text.find("\n", i)
    return len(text) if j < 0 else j


def _para_start(text: str, i: int) -> int:
    return text.rfind("\n", 0, i) + 1


def _previous_paragraph(text: str, i: int) -> tuple[int, int] | None:
    start = _para_start(text, i)
    if start <= 1:
        return None
    prev = text[:start].rstrip("\n ")
    return (_para_start(prev, len(prev)), len(prev)) if prev else None


def _continued(text: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group quote spans that continue a quote left open in the paragraph before (one speaker for the group)."""
    groups: list[list[tuple[int, int]]] = []
    for span in spans:
        prev = groups[-1][-1] if groups else None
        if prev and prev[1] == _para_end(text, prev[0]) and re.fullmatch(r"\s*[“\"]?", text[prev[1] : span[0]]):
            groups[-1].append(span)
        else:
            groups.append([span])
    return groups


def quoted_speech(ctx: Ctx, used: set[int]) -> None:
    """Record the links inside quotes as claims of their speaker."""
    text = ctx.doc.text  # the parsed text itself; Doc.text would rebuild it from the tokens
    for group in _continued(text, quote_spans(text)):
        speaker = _speaker(ctx, group[0][0], group[0][1]) or _speaker(ctx, group[-1][0], group[-1][1])
        if speaker is None:
            continue
        for start, end in group:
            span = ctx.sdoc.char_span(start, end, alignment_mode="contract")
            if span is None:
                continue
            free = [t for t in span if t.i not in used]
            for link in (x for x in links_in(ctx, free) if not x.presupposed):
                cue = ctx.sdoc[link.cue]
                ctx.add_link(
                    link,
                    claimant=speaker,
                    sent=cue.sent,
                    extractor=EXTRACTOR,
                    stance=Stance.DENIES if link.negated else Stance.ASSERTS,
                    hedge=hedge_for(cue),
                )
            used.update(t.i for t in span)
