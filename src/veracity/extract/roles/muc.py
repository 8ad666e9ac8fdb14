"""Role fillers in the GRIT/MUC-4 shape: ``{role: [[mention, ...], ...]}`` per document.

Why a separate step: :func:`veracity.extract.roles.model.find_roles` reports every phrase it finds; the benchmark counts
entities. Fillers of one role with the same head word are one entity ("luis carlos galan", later "galan"; the head
of "members of the army" is "members"), and so are an acronym and its expansion. Only
the best-scored phrase is written as its mention, because the metric rejects a predicted entity when any one of
its mentions is missing from the gold entity.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable

from veracity.extract.roles.model import RoleFiller

MUC_ROLES: dict[str, str] = {
    "perpetrator_ind": "PerpInd",
    "perpetrator_org": "PerpOrg",
    "target": "Target",
    "victim": "Victim",
    "weapon": "Weapon",
}
_PUNCT = str.maketrans("", "", string.punctuation)
_STOP = {"of", "and", "for", "de", "la", "del", "in", "at", "on"}
_ARTICLES = re.compile(r"\b(a|an|the)\b")


def normalise(text: str) -> str:
    """The metric's normalisation: lower case, no punctuation, no articles, single spaces."""
    return " ".join(_ARTICLES.sub(" ", text.lower().translate(_PUNCT)).split())


def to_muc(fillers: Iterable[RoleFiller]) -> dict[str, list[list[str]]]:
    """Group fillers into entities per MUC-4 role, one mention (the best-scored) per entity."""
    best: dict[tuple[str, str], RoleFiller] = {}
    for filler in fillers:
        words = normalise(filler.text).split(" of ")[0].split()
        if not words:
            continue
        key = (MUC_ROLES[filler.role], words[-1])
        if key not in best or filler.score > best[key].score:
            best[key] = filler
    out: dict[str, list[list[str]]] = {role: [] for role in MUC_ROLES.values()}
    kept: dict[str, list[RoleFiller]] = {role: [] for role in MUC_ROLES.values()}
    for (role, _), filler in sorted(best.items(), key=lambda kv: kv[1].start_char):
        _add_or_merge(kept[role], filler)
    for role, entities in kept.items():
        out[role] = [[f.text] for f in entities]
    return out


def _add_or_merge(entities: list[RoleFiller], filler: RoleFiller) -> None:
    """Append a filler, unless it is the acronym (or expansion) of one already kept: keep the better-scored."""
    for i, other in enumerate(entities):
        if same_entity(filler.text, other.text):
            if filler.score > other.score:
                entities[i] = filler
            return
    entities.append(filler)


def same_entity(a: str, b: str) -> bool:
    """Two fillers of one role name the same thing: an acronym and its expansion, or names sharing two words
    ("governor antonio roldan", "antonio roldan betancur"), or one phrase inside the other.
    """
    if is_acronym(a, b) or is_acronym(b, a):
        return True
    wa, wb = set(normalise(a).split()) - _STOP, set(normalise(b).split()) - _STOP
    return len(wa & wb) >= 2 or (bool(wa) and bool(wb) and (wa <= wb or wb <= wa) and min(len(wa), len(wb)) > 1)


def is_acronym(short: str, long: str) -> bool:
    """True when ``short`` ("fmln") is made of the initials of ``long`` ("farabundo marti national liberation
    front"). Spanish acronyms keep the Spanish word order ("mrta", "tupac amaru revolutionary movement"), so the
    letters need only be among the initials, one per word give or take one.
    """
    letters = normalise(short).replace(" ", "")
    initials = [w[0] for w in normalise(long).split() if w not in _STOP]
    if len(normalise(short).split()) != 1 or not 2 <= len(letters) <= 6 or len(initials) < 2:
        return False
    return set(letters) <= set(initials) and abs(len(letters) - len(initials)) <= 1
