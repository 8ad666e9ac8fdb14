"""The language of a document, and a warning when it is one the extractor cannot read.

The extractor reads English. A report in Urdu or Pashto is still worth keeping (it can be searched, translated,
cited), but nothing will be extracted from it, and a batch that silently stores such documents with no claims looks
like a batch with nothing to say. So the language is recorded on the document and such a document carries a
warning, which the run counts.

Detection: English prose is recognised cheaply by its share of function words (no model needed for the common
case); anything else goes to py3langid, a maintained, offline fork of langid.py whose model ships inside the
package and covers 97 languages, Urdu, Pashto, Persian and Arabic among them.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

READABLE_LANGUAGES = frozenset({"en"})
"""Languages the extraction pipeline reads (its models and vocabulary are English)."""

LANGUAGE_MIN_WORDS = 20
"""Below this many words no language is named: the evidence is too thin."""

ENGLISH_MIN_RATIO = 0.2
"""Share of English function words above which a text is called English (prose runs at 0.4-0.5; other
Latin-script languages at 0.02-0.08, from accidental hits such as "in" or "on")."""

MIN_CONFIDENCE = 0.9
"""py3langid's normalised probability below which the language is left unknown."""

ENGLISH_FUNCTION_WORDS = frozenset(
    {
        "the", "of", "and", "to", "a", "is", "that", "for", "it", "with", "as", "was", "on", "be", "by", "at",
        "this", "from", "are", "have", "has", "had", "were", "been", "which", "but", "not", "or", "they",
        "their", "its", "his", "her", "he", "she", "we", "you", "said", "would", "will", "an", "who", "there",
        "than", "also", "after", "into", "over", "about",
    }
)

LANGUAGE_NAMES = {
    "ur": "Urdu", "ps": "Pashto", "fa": "Persian", "ar": "Arabic", "hi": "Hindi", "bn": "Bengali", "pa": "Punjabi",
    "ru": "Russian", "zh": "Chinese", "fr": "French", "de": "German", "es": "Spanish", "tr": "Turkish",
    "uz": "Uzbek", "tg": "Tajik", "ku": "Kurdish", "so": "Somali", "sw": "Swahili", "ha": "Hausa", "id": "Indonesian",
}
"""Names for the codes most often met in this field's reporting (others are shown by their ISO 639-1 code)."""

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SAMPLE_CHARS = 20_000


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def guess_language(text: str) -> str | None:
    """An ISO 639-1 code (``"en"``, ``"ur"``, ...) or ``None`` when the text is too short or the model unsure."""
    sample = text[:_SAMPLE_CHARS]
    words = _WORD.findall(sample.lower().replace("\u2019", "'"))
    if len(words) < LANGUAGE_MIN_WORDS:
        return None
    if sum(word in ENGLISH_FUNCTION_WORDS for word in words) / len(words) >= ENGLISH_MIN_RATIO:
        return "en"
    code, probability = _identifier().classify(sample)
    return str(code) if probability >= MIN_CONFIDENCE else None


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def language_warnings(code: str | None) -> tuple[str, ...]:
    """A warning for a document in a language the extractor cannot read; nothing for English or unknown."""
    if code is None or code in READABLE_LANGUAGES:
        return ()
    return (f"language is {language_name(code)} ({code}); the extractor reads English only, so nothing will be "
            "extracted from this document (it is stored and searchable)",)
