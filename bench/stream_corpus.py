"""A stream of many distinct news-like documents, made from ../shared texts, for memory and speed benches.

    python bench/stream_corpus.py OUT.jsonl --docs 10000

Cycling a fixed set of reports (as ``bench_engine.py`` does) stops adding new words once every report has been
read, so a memory curve measured on it flattens for the wrong reason. Here each document is one report (MUC-4
train and dev, or a report of ../shared/corpus) with a few sentences of other reports spliced in, and a
correspondent's line naming invented people and places, so every document brings words the pipeline has never
seen, as a live feed does. The texts are written to a temporary file by the bench; none is kept in the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from functools import cache
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
SYLLABLES = ("ka", "ru", "min", "zar", "tel", "o", "ba", "shi", "dor", "va", "qan", "el", "mu", "rin", "ta", "gho")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@cache
def base_texts() -> tuple[str, ...]:
    """MUC-4 train and dev reports, then the corpus reports (their body, after the ``---`` header line)."""
    texts: list[str] = []
    for name in ("train.json", "dev.json"):
        with open(SHARED / "muc4" / name, encoding="utf-8") as handle:
            texts.extend(json.loads(line)["doctext"] for line in handle if line.strip())
    for path in sorted((SHARED / "corpus" / "docs").glob("*.txt")):
        texts.append(path.read_text(encoding="utf-8").split("\n---\n", 1)[-1])
    return tuple(texts)


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def document(i: int, seed: int = 16) -> str:
    """Document ``i`` of the stream: the same text for the same ``(i, seed)``, a different one for every ``i``."""
    texts = base_texts()
    rng = random.Random(seed * 1_000_003 + i)
    sentences = _SENTENCE.split(texts[rng.randrange(len(texts))].strip())
    for _ in range(2):
        other = _SENTENCE.split(texts[rng.randrange(len(texts))].strip())
        sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(other))
    person, place, group = f"{_name(rng)} {_name(rng)}", _name(rng), f"{_name(rng)} {_name(rng)}"
    byline = (f"{person}, a spokesman for the {group} Front, told reporters in {place} that report {i} "
              f"was accurate.")
    return f"{byline}\n\n" + " ".join(sentences)


def write_stream(path: Path, count: int, seed: int = 16) -> int:
    """``count`` documents as one JSON Lines file (read as a stream); returns how many words they hold."""
    words = 0
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            text = document(i, seed)
            words += len(text.split())
            out.write(json.dumps({"text": text, "name": f"s{i:06d}"}) + "\n")
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    words = write_stream(args.out, args.docs, args.seed)
    print(f"{args.docs} documents, {words} words -> {args.out}")


if __name__ == "__main__":
    main()
