"""Independence: cluster a proposition's evidence into independent lines of reporting, each saying why.

Counting articles is the trap: a hundred outlets repeating one spokesman are one source, a syndicated wire story
is one report, and an author citing his own earlier analysis corroborates nothing. Items join one line when they
share an original source (the claimant, or the organisation a spokesman speaks for; a party the article cites;
the group whose claim the article relays), when the article's own voice comes from the same outlet, from
near-duplicate text (syndication) or from an identical sentence, when the author cites himself, and when an
article's own voice only repeats a source it quotes. Items for and against are clustered separately.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from datasketch import MinHash, MinHashLSH

from veracity.assess.context import Context
from veracity.assess.weights import Weights
from veracity.model.ids import slug
from veracity.model.records import Evidence, is_author

Factor = tuple[float, Any, str]
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Scored:
    """One piece of evidence with its direction, weight (log-odds) and the factors that made it."""

    evidence: Evidence
    direction: str
    weight: float
    factors: dict[str, Factor] = field(default_factory=dict)
    via: str | None = None
    confirmed: bool = False


@dataclass(frozen=True, slots=True)
class Line:
    """An independent line of reporting: its members and why they were merged. Its weight is its best member's
    (the first such member, in input order, when several tie)."""

    direction: str
    members: tuple[Scored, ...]
    reasons: tuple[str, ...]
    weight: float = 0.0

    @classmethod
    def of(cls, direction: str, members: tuple[Scored, ...], reasons: tuple[str, ...]) -> Line:
        weight = members[0].weight if len(members) == 1 else max(s.weight for s in members)
        return cls(direction, members, reasons, weight)

    @property
    def representative(self) -> Scored:
        return max(self.members, key=lambda s: s.weight)

    @property
    def confirmed(self) -> bool:
        return any(s.confirmed for s in self.members)


@lru_cache(maxsize=65536)
def source_key(name: str) -> str:
    """One key for a party however it appears: claimant id, outlet name or a cited name ("according to Reuters")."""
    bare = name.split(":", 1)[1] if name.startswith(("actor:", "registry:")) else name
    key = slug(bare)
    return "src:" + (key[4:] if key.startswith("the-") else key)


def cited_source(quote: str, weights: Weights) -> str | None:
    """The party an article cites for this sentence ("according to Reuters", "Indian media reported")."""
    for pattern in weights.patterns("citation"):
        match = pattern.search(quote)
        if match:
            return match.group("source").strip().rstrip(".,;:")
    return None


def self_citation(quote: str, weights: Weights) -> str | None:
    """The cue by which an author cites his own earlier work ("this analysis here"), or ``None``."""
    for pattern in weights.patterns("self_citation", ignore_case=True):
        match = pattern.search(quote)
        if match:
            return match.group(0)
    return None


def _shingles(text: str, size: int) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


class Syndication:
    """Near-duplicate documents (MinHash LSH over word shingles): doc id -> its cluster's first doc id."""

    def __init__(self, doc_ids: Iterable[str], text: Callable[[str], str | None], weights: Weights) -> None:
        spec = weights["syndication"]
        threshold, perms = float(spec["threshold"]), int(spec["num_perm"])
        texts = {d: t for d in dict.fromkeys(doc_ids) if (t := text(d))}
        ids = list(texts)
        hashes = MinHash.bulk([_shingles(texts[d], int(spec["shingle"])) for d in ids], num_perm=perms,
                              hashfunc=zlib.crc32)
        lsh = MinHashLSH(threshold=threshold, num_perm=perms)
        seen: dict[str, Any] = {}
        root: dict[str, str] = {}
        for doc, mh in zip(ids, hashes, strict=True):
            near = [d for d in lsh.query(mh) if mh.jaccard(seen[d]) >= threshold]
            root[doc] = min((root[d] for d in near), default=doc)
            lsh.insert(doc, mh)
            seen[doc] = mh
        sizes: dict[str, int] = defaultdict(int)
        for r in root.values():
            sizes[r] += 1
        self.root = {doc: r for doc, r in root.items() if sizes[r] > 1}

    def cluster(self, doc_id: str) -> str | None:
        """The cluster's first document when ``doc_id`` has a near-duplicate, else ``None``."""
        return self.root.get(doc_id)


class _Union:
    """Union-find over item indexes that remembers why each merge happened."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.reasons: dict[int, list[str]] = defaultdict(list)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, reason: str) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return
        ri, rj = min(ri, rj), max(ri, rj)
        self.parent[rj] = ri
        self.reasons[ri].extend(self.reasons.pop(rj, []))
        if reason not in self.reasons[ri]:
            self.reasons[ri].append(reason)


Namer = Callable[[str], str]


def _own_voice_keys(item: Evidence, syndication: Syndication | None) -> list[tuple[str, str]]:
    """Keys for an article speaking in its own voice: its outlet (or the article), its syndicate, its sentence."""
    outlet = item.outlet or _domain(item.url)
    keys = [(source_key(outlet), f"the same outlet's own voice: {outlet}") if outlet
            else ("doc:" + item.assertion.doc_id, "the same article")]
    root = syndication.cluster(item.assertion.doc_id) if syndication else None
    if root:
        keys.append(("syn:" + root, f"near-duplicate text (syndication) of document {root[:12]}"))
    sentence = " ".join(_WORD.findall(item.assertion.quote.lower()))
    if len(sentence) >= 40:
        keys.append(("quote:" + sentence, "the identical sentence in several documents"))
    return keys


def _domain(url: str | None) -> str | None:
    if not url or "://" not in url:
        return None
    host = url.split("://", 1)[1].split("/", 1)[0].lower()
    return host[4:] if host.startswith("www.") else host or None


def item_keys(s: Scored, context: Context, syndication: Syndication | None, weights: Weights,
              name: Namer) -> tuple[list[tuple[str, str]], bool]:
    """The (key, reason) pairs that tie this item to others, and whether it is the article's own voice."""
    a = s.evidence.assertion
    if not is_author(a.claimant):
        keys = [(source_key(a.claimant), f"the same original claimant: {name(a.claimant)}")]
        keys += [(source_key(p), f"{name(a.claimant)} speaks for {name(p)}")
                 for p in sorted(context.parents.get(a.claimant, ()))]
        return keys, False
    if a.attribution == "claimed":
        return [(source_key(a.subject), f"articles relay the claim of {name(a.subject)} itself")], False
    cited = cited_source(a.quote, weights)
    if cited:
        return [(source_key(cited), f"cites the same source: {cited}")], False
    return _own_voice_keys(s.evidence, syndication), True


def _self_citations(items: Sequence[Scored], own: list[int], uf: _Union, weights: Weights) -> None:
    """An author citing his own earlier analysis joins every own-voice line: it is not an independent source."""
    for i in own:
        cue = self_citation(items[i].evidence.assertion.quote, weights)
        if cue:
            for j in own:
                uf.union(i, j, f"self-citation (\"{cue}\"): the author's earlier work is not a second source")


def _absorb_own_voice(items: Sequence[Scored], own: list[int], uf: _Union, name: Namer) -> None:
    """An article's own voice that repeats a source quoted in the same article joins that source's line."""
    own_set = set(own)
    quoted_by_doc: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(items):
        if i not in own_set:
            quoted_by_doc[s.evidence.assertion.doc_id].append(i)
    candidates = [i for i in own if items[i].evidence.assertion.doc_id in quoted_by_doc]
    if not candidates:
        return
    total = Counter(uf.find(i) for i in range(len(items)))
    owned = Counter(uf.find(i) for i in own)
    by_root: dict[int, list[int]] = defaultdict(list)
    for i in candidates:
        root = uf.find(i)
        if owned[root] == total[root]:
            by_root[root].append(i)
    for root, members in sorted(by_root.items()):
        docs = sorted({items[i].evidence.assertion.doc_id for i in members})
        best = max((j for d in docs for j in quoted_by_doc[d]), key=lambda j: items[j].weight)
        claimant = items[best].evidence.assertion.claimant
        uf.union(root, best, f"the article's own voice repeats {name(claimant)}, whom it quotes")


KeyCache = dict[int, tuple[list[tuple[str, str]], bool]]


def _cluster(items: Sequence[Scored], direction: str, context: Context, syndication: Syndication | None,
             weights: Weights, name: Namer, cache: KeyCache) -> list[Line]:
    uf = _Union(len(items))
    first: dict[str, tuple[int, str]] = {}
    own: list[int] = []
    for i, s in enumerate(items):
        known = cache.get(id(s.evidence))
        if known is None:
            known = cache[id(s.evidence)] = item_keys(s, context, syndication, weights, name)
        keys, own_voice = known
        if own_voice:
            own.append(i)
        for key, reason in keys:
            if key not in first:
                first[key] = (i, reason)
                continue
            j, earlier = first[key]
            uf.union(j, i, reason if reason == earlier else f"{reason} (and {earlier})")
    _self_citations(items, own, uf, weights)
    _absorb_own_voice(items, own, uf, name)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[uf.find(i)].append(i)
    return [Line.of(direction, tuple([items[i] for i in idx]), tuple(uf.reasons.get(root, ())))
            for root, idx in sorted(groups.items())]


def cluster_lines(items: Sequence[Scored], *, context: Context, syndication: Syndication | None,
                  weights: Weights, name: Namer = str, cache: KeyCache | None = None) -> list[Line]:
    """Independent lines for and against, strongest first; each line lists why its members were merged.

    ``cache`` (keyed by the evidence object's identity, so valid while the caller holds the evidence) lets a
    caller that clusters many propositions compute each item's keys once.
    """
    lines: list[Line] = []
    keys: KeyCache = {} if cache is None else cache
    for direction in ("supports", "opposes"):
        group = [s for s in items if s.direction == direction]
        if group:
            lines.extend(_cluster(group, direction, context, syndication, weights, name, keys))
    return sorted(lines, key=lambda line: (line.direction != "supports", -line.weight))
