"""Real German sentences for the benchmark corpus, read at run time from ../shared/data.

Two sources, both CC BY 4.0 (see ../shared/data/README.md):

- GermEval 2014 NER (dev): tokenised sentences from news and Wikipedia, re-joined here;
- DFKI SmartData: German news texts (``text.string``), split into sentences.

Person names and city names keep their annotation as inline markers (``ENTITY_START`` + kind
letter + surface + ``ENTITY_END``), so the generator can swap some of them for other real names and
give the corpus the long tail of names real news has.

Sentences are kept in "passages" (runs from one source document) so that an article built from
consecutive sentences of a passage reads like connected text with co-occurring entities.
Europeana and HIPE are 19th-century OCR and are not used.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data"
GERMEVAL = Path("germeval2014/NER-de-dev.tsv")
SMARTDATA = (Path("smartdata/v1_20180119/train.json.gz"), Path("smartdata/v3_20200302/dev.json.gz"))

MIN_CHARS = 30
MAX_CHARS = 450
# GermEval sentences come from unrelated pages; group a few so passages have a length.
GERMEVAL_PASSAGE = 6

_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?)\]%])")
_NO_SPACE_AFTER = re.compile(r"([(\[„]) ")
_SENTENCE_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"“”«»]))\s+(?=[„\"A-ZÄÖÜ\ue000])")
# Page furniture and social-media text that would not be article prose.
_JUNK = re.compile(
    r"https?:|www\.|@|#|©|\||\bFoto:|\bBild:|\bQuelle:|\bAnzeige\b|\bLesen Sie\b|\bKlicken\b|"
    r"\bNewsletter\b|\bCookie|\bKommentar|\bRT\b|\bTwitter\b|\bFacebook\b|\bAbonn|\bLogin\b|\s{2,}|\.{3}|…|"
    r"\bAbo\b|\bAbo-|\bwählen Sie\b|\bhelfen Ihnen\b|\bDatenschutz|\bImpressum\b|\bE-Mail\b|\bregistrier|"
    r"»|\bStartseite\b|\u00ad|"
    r"\b(?:the|and|are|is|of|with|you|your|for)\b"  # English
)
# A headline: a short line without a full stop near the top of a SmartData document.
HEADLINE_CHARS = (20, 100)
HEADLINE_LINES = 3
# Two sentences, emoticons, traffic reports ("A4 Dresden Richtung Chemnitz"), bylines.
_NOT_HEADLINE = re.compile(r"[.!?] |^Von |\^|^[AB]\d|\bRichtung\b|\bStau\b|\bVeröffentlicht\b|\bvon [A-Z]\w+ [A-Z]\w+$")
_ABBREVIATIONS = frozenset("st dr nr prof bzw ca vgl abs jh mio mrd str inkl ggf evtl sog usw etc".split())
_STARTS_LIKE_SENTENCE = re.compile(r"^[„\"]?[A-ZÄÖÜ0-9]")
_ENDS_LIKE_SENTENCE = re.compile(r"[.!?][\"“”]?$")


ENTITY_START = "\ue000"
ENTITY_END = "\ue001"
PERSON, PLACE = "P", "L"
MARKED_ENTITY = re.compile(f"{ENTITY_START}([{PERSON}{PLACE}])(.*?){ENTITY_END}")
_GERMEVAL_KINDS = {"PER": PERSON, "LOC": PLACE}
_SMARTDATA_KINDS = {"person": PERSON, "location-city": PLACE, "location_city": PLACE}


def plain(sentence: str) -> str:
    """A marked sentence as text: markers dropped, surfaces kept."""
    return MARKED_ENTITY.sub(r"\2", sentence)


class MissingData(RuntimeError):
    """The shared data sets are not where the generator looks for them."""


def is_prose(sentence: str) -> bool:
    if sentence.count(ENTITY_START) != sentence.count(ENTITY_END) or ENTITY_START in plain(sentence):
        return False
    sentence = plain(sentence)
    return (MIN_CHARS <= len(sentence) <= MAX_CHARS
            and _STARTS_LIKE_SENTENCE.match(sentence) is not None
            and _ENDS_LIKE_SENTENCE.search(sentence) is not None
            and _JUNK.search(sentence) is None
            and sum(ch.isalpha() for ch in sentence) >= 0.7 * len(sentence))


def join_tokens(tokens: list[str]) -> str:
    """GermEval tokens back into a sentence: no space before punctuation, quotes hug their text."""
    words: list[str] = []
    quote_open = False
    glue_next = False
    for token in tokens:
        if token == '"':
            if quote_open:
                if words:
                    words[-1] += "“"
            else:
                words.append("„")
                glue_next = True
            quote_open = not quote_open
            continue
        if glue_next and words:
            words[-1] += token
            glue_next = False
        else:
            words.append(token)
    text = " ".join(words)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    return _NO_SPACE_AFTER.sub(r"\1", text)


def mark_entities(tokens: list[str], tags: list[str]) -> list[str]:
    """Wrap PER and LOC spans (outer BIO tags, not deriv/part) in entity markers."""
    marked = list(tokens)
    index = 0
    while index < len(tags):
        tag = tags[index]
        kind = _GERMEVAL_KINDS.get(tag[2:]) if tag.startswith("B-") else None
        if kind is None:
            index += 1
            continue
        end = index + 1
        while end < len(tags) and tags[end] == "I-" + tag[2:]:
            end += 1
        if all(t != '"' for t in tokens[index:end]):
            marked[index] = ENTITY_START + kind + marked[index]
            marked[end - 1] += ENTITY_END
        index = end
    return marked


def germeval_sentences(path: Path) -> Iterator[str]:
    tokens: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), "#"]:
        if line.startswith("#"):
            if tokens:
                yield join_tokens(mark_entities(tokens, tags))
            tokens, tags = [], []
        elif line.strip():
            parts = line.split("\t")
            if len(parts) >= 3:
                tokens.append(parts[1])
                tags.append(parts[2])


def smartdata_texts(path: Path) -> Iterator[str]:
    """``text.string`` of each document in a gzip of concatenated JSON objects."""
    data = gzip.open(path, "rt", encoding="utf-8").read()
    decoder = json.JSONDecoder()
    position = 0
    while True:
        while position < len(data) and data[position].isspace():
            position += 1
        if position >= len(data):
            return
        document, position = decoder.raw_decode(data, position)
        text = (document.get("text") or {}).get("string")
        if text:
            yield _mark_smartdata(text, (document.get("conceptMentions") or {}).get("array") or [])


def _mark_smartdata(text: str, mentions: list[dict]) -> str:
    spans = []
    for mention in mentions:
        kind = _SMARTDATA_KINDS.get(str(mention.get("type", "")).lower())
        span = mention.get("span") or {}
        start, end = span.get("start"), span.get("end")
        if kind and isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
            if "\n" not in text[start:end]:
                spans.append((start, end, kind))
    # Right to left, so earlier offsets stay valid; overlapping spans are skipped.
    limit = len(text) + 1
    for start, end, kind in sorted(spans, reverse=True):
        if end <= limit:
            text = text[:start] + ENTITY_START + kind + text[start:end] + ENTITY_END + text[end:]
            limit = start
    return text


def _ends_with_abbreviation(text: str) -> bool:
    """``St.``, ``Dr.``, ``12.`` or ``G.``: a full stop that does not end the sentence."""
    last = text.replace(ENTITY_START, " ").rstrip(".").rsplit(" ", 1)[-1].lower()
    return last in _ABBREVIATIONS or last.isdigit() or len(last) <= 1


def split_sentences(text: str) -> list[str]:
    sentences = []
    for line in text.replace("\xa0", " ").splitlines():
        current = ""
        for part in _SENTENCE_SPLIT.split(line.strip()):
            current = f"{current} {part}" if current else part
            if not _ends_with_abbreviation(current):
                sentences.append(current.strip())
                current = ""
        if current.strip():
            sentences.append(current.strip())
    return [s for s in sentences if s]


def is_headline(line: str) -> bool:
    text = plain(line).strip()
    return (HEADLINE_CHARS[0] <= len(text) <= HEADLINE_CHARS[1] and len(text.split()) >= 3
            and text[0].isupper() and not text.endswith((".", ":", ",")) and not text.isupper()
            and _JUNK.search(text) is None and _NOT_HEADLINE.search(text) is None
            and sum(ch.isdigit() for ch in text) <= 4
            and sum(ch.isalpha() for ch in text) >= 0.75 * len(text))


@dataclass
class SentenceSources:
    passages: list[list[str]]  # marked sentences
    headlines: list[str]  # plain text


def load_sources(data_dir: Path = DEFAULT_DATA_DIR) -> SentenceSources:
    """Passages of prose sentences, in a fixed order (sources sorted, documents in file order),
    and the headlines of the SmartData news documents.

    Each sentence appears once across all passages (the first occurrence wins), so repeated
    boilerplate sentences do not dominate the corpus.
    """
    data_dir = Path(data_dir)
    paths = [data_dir / GERMEVAL, *(data_dir / p for p in SMARTDATA)]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise MissingData(f"Sentence sources not found: {', '.join(missing)} (pass --data to point at ../shared/data).")
    seen: set[str] = set()
    passages: list[list[str]] = []

    def keep(sentences: list[str]) -> list[str]:
        kept = []
        for sentence in sentences:
            if is_prose(sentence) and sentence not in seen:
                seen.add(sentence)
                kept.append(sentence)
        return kept

    germeval = keep(list(germeval_sentences(paths[0])))
    passages.extend(germeval[i:i + GERMEVAL_PASSAGE] for i in range(0, len(germeval), GERMEVAL_PASSAGE))
    headlines: dict[str, None] = {}
    for path in paths[1:]:
        for text in smartdata_texts(path):
            for line in text.splitlines()[:HEADLINE_LINES]:
                if is_headline(line):
                    headlines.setdefault(" ".join(plain(line).split()))
            passage = keep(split_sentences(text))
            if passage:
                passages.append(passage)
    return SentenceSources(passages, list(headlines))
