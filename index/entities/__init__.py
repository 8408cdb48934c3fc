"""Entities: recognise people, organisations and places in German news and link every
spelling of one to the same entity.

    pipeline = EntityPipeline.load(aliases_file)
    mentions = pipeline.extract(article.body)            # provisional ids, per text
    entities = pipeline.resolve(records)                   # final entities, whole library
"""

from __future__ import annotations

import contextlib
import logging
from importlib import resources
from pathlib import Path

from .. import faults
from ..errors import ReaderError
from ..models import Entity, Mention
from . import compiled, crf_model
from .corrections import Corrections, CorrectionsError
from .gazetteer import Gazetteer
from .language import is_german
from .lexicon import Lexicon
from .link import link
from .recognise import Recogniser
from .resolve import EntityRecord, FinalEntity, resolve, resolve_linking

__all__ = ["EntityPipeline", "EntityRecord", "Corrections", "CorrectionsError", "ModelError"]

logger = logging.getLogger(__name__)
MODEL_FILE = "ner.crfsuite"


class ModelError(ReaderError):
    """The shipped entity model is missing or damaged."""


class _Shared:
    """Word lists, gazetteer and model are read once per process and shared."""

    lexicon: Lexicon | None = None
    gazetteer: Gazetteer | None = None
    # Per model file: its names and weights (see crf_model).
    models: dict[str, crf_model.CrfModel] = {}
    files = contextlib.ExitStack()


def _model(model_path: Path | None) -> crf_model.CrfModel:
    if model_path is None:
        resource = resources.files(__package__) / "data" / MODEL_FILE
        model_path = _Shared.files.enter_context(resources.as_file(resource))
    key = str(model_path)
    if key not in _Shared.models:
        if not Path(model_path).exists():
            raise ModelError(f"The entity model {model_path} is missing; "
                             "build it with `python -m index.entities.train`.")
        model = crf_model.read_model(Path(model_path))
        if model is None:
            raise ModelError(f"The entity model {model_path} cannot be read: it is not a CRFsuite model "
                             "as `python -m index.entities.train` writes one.")
        _Shared.models[key] = model
    return _Shared.models[key]


class EntityPipeline:
    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer, model: crf_model.CrfModel,
                 corrections: Corrections):
        self.gazetteer = gazetteer
        self.corrections = corrections
        self._recogniser = Recogniser(lexicon, gazetteer, model)

    @classmethod
    def load(cls, aliases_file: Path | None = None, *, model_path: Path | None = None
             ) -> "EntityPipeline":
        """The shipped model and gazetteer, plus the user's corrections (the file may not
        exist). Raises CorrectionsError for a bad aliases file, ModelError for a bad model."""
        if _Shared.lexicon is None:
            _Shared.lexicon, _Shared.gazetteer = compiled.load()
        assert _Shared.gazetteer is not None
        return cls(_Shared.lexicon, _Shared.gazetteer, _model(model_path), Corrections.load(aliases_file))

    def extract(self, text: str) -> list[Mention]:
        """Mentions of people, organisations and places in `text`, with provisional ids (in a
        text that is not German, only the names the gazetteer lists)."""
        faults.check_recognition(text)
        if not text or not text.strip():
            return []
        if is_german(text):
            tokens, spans = self._recogniser.recognise(text)
        else:
            tokens, spans = self._recogniser.recognise_listed(text)
        return link(text, tokens, spans, self.gazetteer)

    def resolve(self, records: list[EntityRecord]) -> dict[str, Entity | None]:
        """Final entity (or None when suppressed) for every provisional id in the library."""
        return resolve(records, self.gazetteer, self.corrections)

    def resolve_linking(self, records: list[EntityRecord]) -> tuple[dict[str, str | None], dict[str, FinalEntity]]:
        """The same as final ids and plain tuples (see resolve.resolve_linking), for large libraries."""
        return resolve_linking(records, self.gazetteer, self.corrections)

    def describe(self, entity_id: str) -> Entity | None:
        """What the gazetteer knows of a canonical id."""
        return self.gazetteer.describe(entity_id)
