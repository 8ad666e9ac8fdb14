"""A parsed document copied once into plain Python lists, for code that asks about the same tokens many times.

Why: every ``doc[i]``, ``token.head`` or ``token.lemma_`` builds a fresh spaCy ``Token`` and looks a string up in
the vocabulary. The role finder asks hundreds of thousands of such questions per batch (each candidate phrase
re-reads its neighbours, its head's governor and the tree path to every attack word of its sentence), which cost
more than the features themselves. One pass over the ``Doc`` answers them all from lists, and tree walks (ancestor
chains, dependency paths) are computed once per token or token pair.

Every helper reproduces the spaCy property it replaces exactly (``Span.root``, ``Token.children``,
``Token.ancestors``, the English noun-chunk iterator), because the role model was trained on their output.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_ALPHA, IS_PUNCT, IS_SPACE, LEMMA, LIKE_NUM, LOWER, ORTH, POS, TAG
from spacy.lang.en.syntax_iterators import noun_chunks as _english_noun_chunks
from spacy.tokens import Doc

_NP_DEPS = frozenset({"oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT"})
_NP_POS = frozenset({"NOUN", "PROPN", "PRON"})


@dataclass(slots=True, eq=False)
class TokenTable:
    """Per-token attributes of one parsed ``Doc`` as lists indexed by token position, plus cached tree walks.

    Tree edges and children are read from spaCy only for the tokens that are asked about: few are, and spaCy's
    edges are what its own ``children`` and ``noun_chunks`` use.
    """

    doc: Doc
    text: list[str]
    lower: list[str]
    lemma: list[str]
    tag: list[str]
    pos: list[str]
    dep: list[str]
    ent_type: list[str]
    head: list[int]
    is_alpha: list[bool]
    like_num: list[bool]
    punct_or_space: list[bool]
    sents: list[tuple[int, int]]
    sent_start: list[int]
    _edges: dict[int, tuple[int, int]] = field(default_factory=dict)
    _children: dict[int, list[int]] = field(default_factory=dict)
    _kids: list[list[int]] = field(default_factory=list)
    _chains: dict[int, tuple[list[int], dict[int, int]]] = field(default_factory=dict)
    _paths: dict[tuple[int, int], tuple[str, int]] = field(default_factory=dict)
    _depth: dict[int, int] = field(default_factory=dict)

    def edges(self, i: int) -> tuple[int, int]:
        """(left edge, right edge) of token ``i``'s subtree, as the parser set them."""
        found = self._edges.get(i)
        if found is None:
            tok = self.doc[i]
            found = self._edges[i] = (tok.left_edge.i, tok.right_edge.i)
        return found

    def children(self, i: int) -> list[int]:
        """Positions of ``token.children`` in text order: tokens headed by ``i`` between its edges (the window
        spaCy scans; it holds every child of a well-formed tree, and is checked rather than assumed)."""
        found = self._children.get(i)
        if found is None:
            if not self._kids:
                self._kids = [[] for _ in self.head]
                for j, h in enumerate(self.head):
                    if h != j:
                        self._kids[h].append(j)
            left, right = self.edges(i)
            found = self._children[i] = [j for j in self._kids[i] if left <= j <= right]
        return found

    def __len__(self) -> int:
        return len(self.text)

    def ancestors(self, i: int) -> list[int]:
        """``[i, *token.ancestors]`` as positions: up the heads to the sentence root, root included."""
        return self._chain(i)[0]

    def _chain(self, i: int) -> tuple[list[int], dict[int, int]]:
        """The ancestor chain of ``i`` and each member's place in it (built once per token)."""
        found = self._chains.get(i)
        if found is None:
            chain = [i]
            cur, steps, head = i, 0, self.head
            while head[cur] != cur and steps < len(head):  # the same cycle guard as ``Token.ancestors``
                cur = head[cur]
                chain.append(cur)
                steps += 1
            found = (chain, {t: n for n, t in enumerate(chain)})
            self._chains[i] = found
        return found

    def dep_path(self, a: int, b: int) -> tuple[str, int]:
        """Dependency labels from ``a`` up to the lowest common ancestor and down to ``b`` ("nsubj^/vdobj"), and
        the number of steps; ("far", 99) when the two tokens share no ancestor (different sentences)."""
        key = (a, b)
        cached = self._paths.get(key)
        if cached is not None:
            return cached
        up, up_ids = self._chain(a)
        result = ("far", 99)
        down: list[int] = []
        dep = self.dep
        for t in self._chain(b)[0]:
            if t in up_ids:
                steps = [dep[x] + "^" for x in up[: up_ids[t]]]
                steps += ["v" + dep[x] for x in reversed(down)]
                result = ("/".join(steps), len(steps))
                break
            down.append(t)
        self._paths[key] = result
        return result

    def depth(self, i: int) -> int:
        """Steps from ``i`` to its sentence root, as ``Span.root`` counts them: a childless punctuation or space
        token counts as ``len(doc) - 1`` so it is never chosen as a phrase's root when a word can be."""
        found = self._depth.get(i)
        if found is None:
            bare = self.punct_or_space[i] and self.doc[i].n_lefts == 0 and self.doc[i].n_rights == 0
            found = self._depth[i] = len(self.head) - 1 if bare else len(self._chain(i)[0]) - 1
        return found

    def root(self, start: int, end: int) -> int:
        """Position of ``doc[start:end].root``: a sentence root inside the span, else the highest token whose head
        lies outside it (the first on ties), else the span's first token."""
        head = self.head
        for i in range(start, end):
            if head[i] == i:
                return i
        best, root = len(head), -1
        for i in range(start, end):
            if start <= head[i] < end:
                continue
            d = self.depth(i)
            if d < best:
                best, root = d, i
        return start if root == -1 else root

    def rights(self, i: int) -> list[int]:
        """Positions of ``token.rights`` (children after the token, in text order)."""
        return [c for c in self.children(i) if c > i]

    def noun_chunks(self, doc: Doc) -> Iterator[tuple[int, int]]:
        """(start, end) of ``doc.noun_chunks``; computed from the lists when the document uses spaCy's English
        iterator, which this reproduces step for step, and asked of spaCy for any other language."""
        if getattr(doc, "noun_chunks_iterator", None) is not _english_noun_chunks or not doc.has_annotation("DEP"):
            yield from ((chunk.start, chunk.end) for chunk in doc.noun_chunks)
            return
        pos, dep, head = self.pos, self.dep, self.head
        prev_end = -1
        for i in range(len(pos)):
            if pos[i] not in _NP_POS:
                continue
            if dep[i] == "conj":
                gov = head[i]
                while dep[gov] == "conj" and head[gov] < gov:
                    gov = head[gov]
                if dep[gov] not in _NP_DEPS:
                    continue
            elif dep[i] not in _NP_DEPS:
                continue
            left = self.edges(i)[0]  # asked last: the only test that needs spaCy
            if left <= prev_end:
                continue
            prev_end = i
            yield left, i + 1


_ATTRS = (ORTH, LOWER, LEMMA, TAG, POS, DEP, ENT_TYPE, HEAD, IS_ALPHA, LIKE_NUM, IS_PUNCT, IS_SPACE)
_STRINGS: dict[int, str] = {}
_MAX_STRINGS = 500_000


def token_table(doc: Doc) -> TokenTable:
    """Copy one parsed document into a :class:`TokenTable`.

    Why ``Doc.to_array``: one C call returns every attribute as a hash, and a hash-to-string memo shared by all
    documents turns them into strings faster than ``token.lemma_`` does token by token. Hashes are of the strings
    themselves, so the memo is valid for any vocabulary.
    """
    cols = doc.to_array(list(_ATTRS)).T.tolist() if len(doc) else [[] for _ in _ATTRS]
    orth, lower, lemma, tag, pos, dep, ent, rel_head, alpha, num, punct, space = cols
    strings = doc.vocab.strings
    if len(_STRINGS) > _MAX_STRINGS:  # a long-running process should not keep every word it ever saw
        _STRINGS.clear()
    memo = _STRINGS

    def text_of(ids: list[int]) -> list[str]:
        out = list(map(memo.get, ids))
        if None in out:
            for n, h in enumerate(ids):
                if out[n] is None:
                    out[n] = memo[h] = strings[h]
        return out  # type: ignore[return-value]

    head = [i + (h if h < 1 << 63 else h - (1 << 64)) for i, h in enumerate(rel_head)]
    sents = [(s.start, s.end) for s in doc.sents]
    sent_start = [0] * len(doc)
    for s, e in sents:
        sent_start[s:e] = [s] * (e - s)
    return TokenTable(
        doc=doc,
        text=text_of(orth),
        lower=text_of(lower),
        lemma=text_of(lemma),
        tag=text_of(tag),
        pos=text_of(pos),
        dep=text_of(dep),
        ent_type=text_of(ent),
        head=head,
        is_alpha=[bool(x) for x in alpha],
        like_num=[bool(x) for x in num],
        punct_or_space=[bool(p or w) for p, w in zip(punct, space, strict=True)],
        sents=sents,
        sent_start=sent_start,
    )
