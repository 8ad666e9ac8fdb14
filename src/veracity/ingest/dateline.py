"""The dateline that opens wire copy and most South Asian reporting: "RAWALPINDI:", "PESHAWAR –", "Islamabad
[Pakistan], December 19 (ANI):", "Quetta, 12 March 2024 (Reuters) –".

Why it matters: read as part of the first sentence, the credit becomes its subject ("Reuters claimed
responsibility"), the date is lost and the place is taken for an actor. A dateline is document structure: where
the report was filed, when, and by which agency. Its grammar is the convention of the trade, so a small grammar
checked against the gazetteer reads it; the extractor then parses the dateline apart from the first sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from veracity.model.gazetteer import gazetteer

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?)"
_PLACE_WORD = r"[A-Z][A-Za-z.'’-]*"
_PLACE = rf"{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,3}}"
_DATELINE = re.compile(
    rf"""\A\s*
    (?P<place>{_PLACE}(?:\s*/\s*{_PLACE})?)          # ISLAMABAD, New Delhi, ISLAMABAD/ QUETTA
    (?:\s*\[(?P<bracket>[A-Z][A-Za-z ]{{1,30}})\])?    # Islamabad [Pakistan]
    (?:,\s*(?P<country>(?!{_MONTH}\b){_PLACE}))?       # KABUL, Afghanistan
    (?:,?\s*(?P<date>{_DATE}))?                        # , December 19 / 12 March 2024
    (?:\s*\((?P<agency>[A-Z][A-Za-z.&' ]{{0,28}})\))?  # (ANI), (Reuters), (Dunya News)
    (?P<sep>\s*(?::|–|—|-{{1,2}})\s+|(?<=\))\s+|(?<=\d)\s+(?=[A-Z]))
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Dateline:
    """Where (and when, and by which agency) a report was filed, and where its dateline ends in the text."""

    end: int
    place: str
    date: str | None = None
    agency: str | None = None


def _known_place(name: str) -> bool:
    return bool(gazetteer().lookup(name))


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of ``text``, or ``None``. The place must be a gazetteer place (or the date or
    agency must be there): "Police say it was" or "BRAS (an alliance of ...)" are openings, not datelines."""
    match = _DATELINE.match(text)
    if match is None:
        return None
    place = match.group("place").split("/")[0].strip()
    if not _known_place(place) and not _known_place(place.title()):
        return None
    if match.group("sep").strip() == "" and not (match.group("date") or match.group("agency")):
        return None
    agency = match.group("agency")
    if agency is not None and _known_place(agency):  # "Khost (Afghanistan)": a country, not a credit
        agency = None
    return Dateline(match.end(), place, match.group("date"), agency)
