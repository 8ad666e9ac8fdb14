"""Sparse features of a node pair, of its context (stance, hedge) and of a claimant candidate.

Why these and not the surface words alone: 140 training reports are too few to learn English from strings, so
every feature also comes in a generalised form (the cue class of a lemma from ``cues.yaml``, the dependency labels
of the path, the entity types), which is what carries a learned link to reporting the model has never seen.
Features are plain strings; a model maps the ones it knows to weights and ignores the rest.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from veracity.extract.statements.nodes import Node
from veracity.extract.text.lexicon import cues

_MAX_BETWEEN = 12
_QUOTES = frozenset('"“”')


@cache
def _classes() -> dict[str, str]:
    """Lemma -> cue class, from the shipped lexicons (the generalising half of every lexical feature)."""
    c = cues()
    table: dict[str, str] = {}
    for lemma, pred in c.rel_verbs.items():
        table[lemma] = f"rel_{pred}"
    for lemma, pred in c.rel_nouns.items():
        table.setdefault(lemma, f"reln_{pred}")
    for group, name in ((c.assert_verbs, "report"), (c.claim_nouns, "claimnoun"), (c.hedging_verbs, "hedgeverb"),
                        (c.hedge_words, "hedge"), (c.deny_verbs, "deny"), (c.negations, "neg")):
        for lemma in group:
            table[lemma] = name
    return table


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def cue_class(token: Token) -> str | None:
    """The lexicon class of a token's lemma (or of its lower-cased form, for hedge words like 'reportedly')."""
    table = _classes()
    return table.get(lemma(token)) or table.get(token.lower_)


_CHAINS = "veracity.statements.chains"


def _ancestors_to(token: Token, stop: Token | None) -> list[Token]:
    """The token and its ancestors up to ``stop`` (or the root). Whole chains are kept in the document's
    ``user_data``: every pair of a sentence walks the same chains, and each step builds spaCy tokens anew."""
    chains: dict[int, list[Token]] = token.doc.user_data.setdefault(_CHAINS, {})
    chain = chains.get(token.i)
    if chain is None:
        chain = [token]
        while chain[-1].head.i != chain[-1].i:
            chain.append(chain[-1].head)
        chains[token.i] = chain
    if stop is None:
        return chain
    end = next((k for k, t in enumerate(chain) if t.i == stop.i), len(chain) - 1)
    return chain[: end + 1]


def dep_path(a: Token, b: Token) -> tuple[list[Token], Token, list[Token]]:
    """The dependency path from ``a`` up to the lowest common ancestor and down to ``b`` (both ends included)."""
    up_a = _ancestors_to(a, None)
    seen = {t.i for t in up_a}
    up_b = _ancestors_to(b, None)
    lca = next((t for t in up_b if t.i in seen), up_a[-1])
    left = up_a[: next(k for k, t in enumerate(up_a) if t.i == lca.i)]
    right = up_b[: next((k for k, t in enumerate(up_b) if t.i == lca.i), len(up_b))]
    return left, lca, right


def _word(token: Token) -> list[str]:
    out = [lemma(token)]
    if (cls := cue_class(token)) is not None:
        out.append(f"#{cls}")
    return out


def pair_features(sent: Span, s: Node, o: Node) -> list[str]:
    """Features of the ordered pair (subject candidate ``s``, object candidate ``o``) in one sentence."""
    doc = sent.doc
    a, b = doc[s.head], doc[o.head]
    left, lca, right = dep_path(a, b)
    order = "so" if s.start < o.start else "os"
    feats = [f"t={s.kind}:{s.type}>{o.kind}:{o.type}", f"k={s.kind}>{o.kind}", f"ord={order}"]
    gap = abs(o.start - s.end) if s.start < o.start else abs(s.start - o.end)
    feats.append(f"gap={min(gap, 10) // 3}")
    deps = [t.dep_ for t in left] + ["^"] + [t.dep_ for t in reversed(right)]
    feats.append("pd=" + "/".join(deps))
    inner = [t for t in left[1:]] + [lca] + [t for t in right[1:]]
    inner = [t for t in inner if t.i != a.i and t.i != b.i]
    feats.append("pl=" + "/".join(lemma(t) for t in inner[:6]))
    for t in inner:
        for w in _word(t):
            feats.append(f"p:{w}")
    for w in _word(lca):
        feats.append(f"lca:{w}")
    feats.append(f"lcadep:{lca.dep_}:{lca.pos_}")
    feats.append(f"sd:{a.dep_}")
    feats.append(f"od:{b.dep_}")
    feats.append(f"sh:{lemma(a.head)}")
    feats.append(f"oh:{lemma(b.head)}")
    lo, hi = (s.end, o.start) if s.start < o.start else (o.end, s.start)
    between = list(doc[lo:hi])
    if len(between) <= _MAX_BETWEEN:
        for t in between:
            if (t.is_alpha and not t.is_stop) or cue_class(t):
                for w in _word(t):
                    feats.append(f"b:{w}")
    else:
        feats.append("b:far")
    for t in doc[max(sent.start, min(s.start, o.start) - 3) : min(s.start, o.start)]:
        feats.append(f"pre:{lemma(t)}")
    if any(t.dep_ == "neg" or cue_class(t) == "neg" for t in inner):
        feats.append("neg_on_path")
    return feats


def _governors(lca: Token) -> list[str]:
    feats = []
    for t in _ancestors_to(lca, None):
        for w in _word(t):
            feats.append(f"anc:{w}")
        if any(c.dep_ == "neg" for c in t.children):
            feats.append(f"ancneg:{lemma(t)}")
            feats.append("ancneg")
        for c in t.children:
            if c.dep_ == "aux" and c.tag_ == "MD":
                feats.append(f"modal:{lemma(c)}")
            if c.dep_ == "advmod" and (cls := cue_class(c)):
                feats.append(f"adv#{cls}")
    return feats


def _sentence_cues(sent: Span, prev: Span | None) -> list[str]:
    feats = ["bias"]
    for t in sent:
        if (cls := cue_class(t)) is not None:
            feats.append(f"s#{cls}")
            feats.append(f"s:{lemma(t)}")
    if any(t.text in _QUOTES for t in sent):
        feats.append("quoted")
    if sent.text.rstrip().endswith("?"):
        feats.append("question")
    if prev is not None and any(cue_class(t) == "deny" for t in prev):
        feats.append("prev#deny")
    return feats


def context_features(sent: Span, s: Node, o: Node, prev: Span | None,
                     cache: dict[tuple[str, int], list[str]] | None = None) -> list[str]:
    """What stance and hedge depend on: the governing words above the pair and their negations, the sentence's
    cue words, quotation marks, and a question mark. ``cache`` (one per document) keeps the parts shared by the
    pairs of one sentence or one governing word, which would otherwise be recomputed for every pair."""
    cache = {} if cache is None else cache
    _, lca, _ = dep_path(sent.doc[s.head], sent.doc[o.head])
    if ("lca", lca.i) not in cache:
        cache[("lca", lca.i)] = _governors(lca)
    if ("sent", sent.start) not in cache:
        cache[("sent", sent.start)] = _sentence_cues(sent, prev)
    return cache[("sent", sent.start)] + cache[("lca", lca.i)]


def claimant_features(sent: Span, s: Node, o: Node, cand: Node | None, where: str, rule_verb: Token | None,
                      taken: frozenset[int] = frozenset()) -> list[str]:
    """Features of one claimant candidate for the pair: ``cand`` is a node (None for the article's own voice),
    ``where`` says where it was found (author, same sentence, previous sentence, rule), ``rule_verb`` is the
    reporting verb through which a rule proposed it; ``taken`` holds the tokens of the sentence's actor nodes."""
    doc = sent.doc
    if cand is None:
        feats = ["author"]
        for t in sent:
            if (cls := cue_class(t)) is not None:
                feats.append(f"a#{cls}")
        if any(t.text in _QUOTES for t in sent):
            feats.append("a:quoted")
        return feats + _governing_speech(doc[s.head], doc[o.head], taken)
    feats = [f"w={where}", f"ct={cand.kind}:{cand.type}"]
    if cand.ident == s.ident:
        feats.append("is_subj")
    if cand.ident == o.ident:
        feats.append("is_obj")
    if rule_verb is not None:
        feats.append(f"rule:{lemma(rule_verb)}")
        feats.append("rule")
    c = doc[cand.head]
    feats.append(f"cd={c.dep_}")
    feats.append(f"cdh={c.dep_}:{lemma(c.head)}")
    for w in _word(c.head):
        feats.append(f"ch:{w}")
    if where == "sent":
        _, lca, _ = dep_path(doc[s.head], doc[o.head])
        left, top, right = dep_path(c, lca)
        if top.i == c.head.i or (top.i == lca.i and c.head.i in {t.i for t in _ancestors_to(lca, None)}):
            feats.append("governs")
        feats.append("cp=" + "/".join(t.dep_ for t in left) + "^" + "/".join(t.dep_ for t in reversed(right)))
        for w in _word(top):
            feats.append(f"ctop:{w}")
        feats.append("c_before" if cand.start < min(s.start, o.start) else "c_after")
        verb = _speech_above(doc[s.head], doc[o.head])
        if verb is not None and c.head.i == verb.i:
            feats += [f"speaks#{cue_class(verb)}", f"speaks:{c.dep_}"]
    return feats


_SPEECH = frozenset({"report", "deny", "hedgeverb", "claimnoun"})
_SPEAKER_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "csubj"})


def _speech_above(a: Token, b: Token) -> Token | None:
    """The nearest word of saying, denying or claiming above a pair (its lowest common ancestor included): the
    act whose speaker is the claimant when the pair is what is said."""
    _, lca, _ = dep_path(a, b)
    chain = _ancestors_to(lca, None)
    for k, t in enumerate(chain):
        if k and chain[k - 1].dep_ in _SPEAKER_DEPS:
            return None  # the pair is inside a speaker's own phrase ("TTP spokesman X said"): not what is said
        if cue_class(t) in _SPEECH:
            return t
    return None


def _governing_speech(a: Token, b: Token, taken: frozenset[int]) -> list[str]:
    """For the article's own voice: is the pair said by someone else? The class of the speech act above it and
    what its subject is (a named actor, a pronoun, another noun, nobody), or an "according to" above it. Why:
    "said", "told" and "claimed" in a sentence do not by themselves mean that the pair is reported; the same
    verb governing the pair does."""
    verb = _speech_above(a, b)
    feats = []
    if verb is not None:
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "agent"}]
        kind = "none"
        if subjects:
            head = subjects[0]
            kind = "actor" if head.i in taken or any(t.i in taken for t in head.subtree) else (
                "pron" if head.pos_ == "PRON" else "noun")
        feats += [f"a:gov#{cue_class(verb)}", f"a:gov_subj={kind}", f"a:gov#{cue_class(verb)}={kind}"]
    for t in _ancestors_to(dep_path(a, b)[1], None):
        if any(c.lower_ == "according" for c in t.children):
            feats.append("a:according")
            break
    return feats
