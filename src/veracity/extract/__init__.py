"""Extraction: spaCy pipeline and components that turn a Document into entities, mentions and assertions.

``Extractor(model).extract(doc) -> Extraction``; ``veracity.extract.records.to_gold_record`` prints the seeds gold
schema. Lexicons are data: ``model/data/cues.yaml`` and ``extract/data/events.yaml``.
"""

from veracity.extract.pipeline import Extraction, Extractor

__all__ = ["Extraction", "Extractor"]
