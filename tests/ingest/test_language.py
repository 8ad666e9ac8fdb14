"""Language detection and the unreadable-language warning in ``veracity.ingest.language``."""

from __future__ import annotations

import pytest

from veracity.ingest.language import guess_language, language_warnings

ENGLISH = (
    "A bomb exploded in a crowded market in Quetta on Friday, killing at least twelve people, police said. "
    "No group has claimed responsibility, but the government said it suspected the Balochistan Liberation Army."
)
GERMAN = (
    "Die Regierung hat am Montag erklärt, dass die Angriffe in der Provinz von einer Gruppe verübt wurden, die mit "
    "dem Islamischen Staat in Verbindung steht und seit Jahren im Grenzgebiet aktiv ist."
)
FRENCH = (
    "Le gouvernement a déclaré lundi que les attaques dans la province ont été commises par un groupe lié à "
    "l'État islamique, actif depuis des années dans la zone frontalière avec le Pakistan."
)
URDU = "پاکستان کے صوبہ بلوچستان میں ایک دھماکے میں بارہ افراد ہلاک ہو گئے ہیں اور پولیس کے مطابق " * 3


PASHTO = "په کوټه کې په یوه بازار کې د بم چاودنه کې دولس کسان ووژل شول او پولیسو وویل چې برید کوونکي ونیول شول " * 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ENGLISH, "en"),
        ("The Taliban’s spokesman said it wasn’t true. " * 5, "en"),
        (GERMAN, "de"),
        (FRENCH, "fr"),
        (URDU, "ur"),
        (PASHTO, "ps"),
        ("The bomb exploded in the market.", None),
        ("", None),
    ],
)
def test_language_guess_language(text: str, expected: str | None) -> None:
    assert guess_language(text) == expected


@pytest.mark.parametrize(
    ("code", "fragment"),
    [("ur", "language is Urdu (ur); the extractor reads English only"), ("ps", "Pashto (ps)"), ("xx", "xx (xx)")],
)
def test_language_warning_names_an_unreadable_language(code: str, fragment: str) -> None:
    (warning,) = language_warnings(code)
    assert fragment in warning


@pytest.mark.parametrize("code", ["en", None])
def test_language_no_warning_for_english_or_unknown(code: str | None) -> None:
    assert language_warnings(code) == ()
