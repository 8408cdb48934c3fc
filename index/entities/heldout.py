"""The one split of the annotated sets, and the command that scores a part of it.

    python -m index.entities.heldout [test|dev] [--model PATH] [--train-lists] [--half A|B]
                                     [--documents] [--json]

The protocol is written out in train.py's docstring. In short:

- GermEval 2014 dev: sentences 1-1600 train, 1601-1800 dev, 1801-2200 test. A test sentence
  whose tokens also occur in train or dev is dropped from the test part.
- SmartData: v1 train documents are train, except every tenth by sorted id, which is dev;
  v3 dev documents that are not in v1 train (same id, same address, or the same opening
  text) are test, the others are dropped. In the test part and the dev part alike, a
  document with 30% or more of its sentences in the training documents (an updated copy of
  a page) and any sentence found there (boilerplate, a tweet quoted on a page) are dropped.

Only aggregate figures of the test part are ever printed; nobody reads its errors.

The shipped word lists (common words, first names, common nouns) are learnt from train and dev,
so on the dev part "capitalised and no common word" means "name" as it never does on unseen
text. `--train-lists` scores with lists learnt from the train part alone; with a model trained
`--without-dev`, the dev part is then as unseen as the test part.

The dev part is read in halves: half A (GermEval 1601-1700 and the SmartData dev documents at
even positions of the sorted ids) is where errors are read; half B (1701-1800, odd positions)
is never read and decides. `--half A` scores a half with a model trained `--hold-out A` (the
shipped recipe: train and dev less that half) and word lists learnt without it, and with the
word clusters built without it that train writes beside the model (MODEL.clusters.tsv).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import logging
import re
from pathlib import Path

from . import corpora
from .evaluate import evaluate_documents, evaluate_sentences, format_report

logger = logging.getLogger(__name__)

GERMEVAL_DEV = (1601, 1800)
GERMEVAL_TEST = (1801, 2200)
HALVES = ("A", "B")
GERMEVAL_HALVES = {"A": (1601, 1700), "B": (1701, 1800)}
SMARTDATA_DEV_EVERY = 10
NEAR_DUPLICATE = 0.3  # share of a document's sentences found in train that makes it a copy
_OPENING = 200  # characters of squeezed text that identify a document
_NOT_WORD = re.compile(r"\W+")


def germeval_path(source: Path) -> Path:
    return source / "germeval2014" / "NER-de-dev.tsv"


def _origins(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        return [line.split("\t")[1] if "\t" in line else "" for line in handle if line.startswith("#")]


def germeval_part(source: Path, first: int, last: int) -> list[tuple[corpora.Sentence, bool]]:
    """Sentences first..last with True for news (any source but Wikipedia)."""
    path = germeval_path(source)
    origins = _origins(path)[first - 1:last]
    sentences = list(corpora.read_germeval(path, first, last))
    return [(s, "wikipedia.org" not in o) for s, o in zip(sentences, origins)]


def _opening(document: dict) -> str:
    return _NOT_WORD.sub("", document["text"]["string"].lower())[:_OPENING]


def smartdata_paths(source: Path) -> tuple[Path, Path]:
    base = source / "smartdata"
    return base / "v1_20180119" / "train.json.gz", base / "v3_20200302" / "dev.json.gz"


@functools.lru_cache(maxsize=2)
def _train_documents(source: Path) -> tuple[dict, ...]:
    return tuple(corpora.smartdata_documents(smartdata_paths(source)[0]))


@functools.lru_cache(maxsize=2)
def _train_sentences(source: Path) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(tokens) for document in _train_documents(source)
                     for tokens, _ in corpora.read_smartdata_document(document))


def smartdata_dev_ids(source: Path) -> frozenset[str]:
    """Ids of the v1 train documents held out as the dev part."""
    ids = sorted(d["id"] for d in _train_documents(source))
    return frozenset(ids[::SMARTDATA_DEV_EVERY])


def _unseen_test(source: Path):
    """A predicate: True for a v3 dev document that is not in v1 train."""
    ids, uris, openings = set(), set(), set()
    for document in _train_documents(source):
        ids.add(document["id"])
        uris.add(json.dumps(document.get("uri"), sort_keys=True))
        openings.add(_opening(document))
    return lambda d: (d["id"] not in ids and _opening(d) not in openings
                      and json.dumps(d.get("uri"), sort_keys=True) not in uris)


def _germeval_sets(source: Path, part: tuple[int, int], name: str, exclude: set) -> list:
    found = [(s, news) for s, news in germeval_part(source, *part) if tuple(s[0]) not in exclude]
    return [(f"GermEval {name} {part[0]}-{part[1]}, news sentences", [s for s, news in found if news]),
            (f"GermEval {name} {part[0]}-{part[1]}, all sentences", [s for s, _ in found])]


def smartdata_half_ids(source: Path, half: str) -> frozenset[str]:
    """Ids of half A (even positions of the sorted dev ids) or half B (odd ones)."""
    ids = sorted(smartdata_dev_ids(source))
    return frozenset(ids[HALVES.index(half)::2])


def held_out_ids(source: Path, half: str | None) -> frozenset[str]:
    """The SmartData documents a model trained for this reading never saw: the dev part, or
    one half of it."""
    return smartdata_dev_ids(source) if half is None else smartdata_half_ids(source, half)


def part_sets(source: Path, part: str, common_words: frozenset[str] = frozenset(),
              half: str | None = None) -> list:
    """(name, sentences) of each scored set of the `part` ("test" or "dev"), or of one
    `half` of the dev part."""
    name, documents = smartdata_part(source, part, common_words, half)
    return germeval_sets(source, part, half) + [
        (name, [([t.text for t in tokens[a:b]], tags)
                for _, tokens, ranges in documents for a, b, tags in ranges])]


def germeval_sets(source: Path, part: str, half: str | None = None) -> list:
    if part == "dev":
        return _germeval_sets(source, GERMEVAL_DEV if half is None else GERMEVAL_HALVES[half],
                              "dev", set())
    seen_germeval = {tuple(s[0]) for s, _ in germeval_part(source, 1, GERMEVAL_DEV[1])}
    return _germeval_sets(source, GERMEVAL_TEST, "test", seen_germeval)


def smartdata_part(source: Path, part: str, common_words: frozenset[str] = frozenset(),
                   half: str | None = None) -> tuple[str, list]:
    """The name of the part's SmartData set and its documents as (text, tokens, [(start, end,
    tags)] of the sentences scored)."""
    if part == "dev":
        ids = held_out_ids(source, half)
        documents = [d for d in _train_documents(source) if d["id"] in ids]
        seen = frozenset(tuple(tokens) for d in _train_documents(source) if d["id"] not in ids
                         for tokens, _ in corpora.read_smartdata_document(d))
        which = "every tenth" if half is None else f"half {half} of every tenth"
        return (f"SmartData v1 train, dev documents ({which})",
                _unseen_documents(documents, seen, common_words))
    unseen = _unseen_test(source)
    documents = [d for d in corpora.smartdata_documents(smartdata_paths(source)[1]) if unseen(d)]
    return ("SmartData v3 dev, documents not in v1 train",
            _unseen_documents(documents, _train_sentences(source), common_words))


def _unseen_documents(documents, seen, common_words: frozenset[str]) -> list:
    """(text, tokens, sentence ranges) of the documents, less sentences also in `seen`
    (sign-up and cookie boilerplate, tweets quoted on other pages) and less whole documents
    that repeat seen ones in large part (an updated version of the same page)."""
    kept = []
    for document in documents:
        tokens, ranges = corpora.smartdata_sentence_ranges(document, common_words, as_v3=True)
        words = [tuple(t.text for t in tokens[a:b]) for a, b, _ in ranges]
        repeated = sum(w in seen for w in words)
        if repeated >= 2 and repeated >= len(ranges) * NEAR_DUPLICATE:
            continue
        kept.append((document["text"]["string"], tokens,
                     [r for r, w in zip(ranges, words) if w not in seen]))
    return kept


def model_clusters(model: Path) -> Path:
    """Where train --hold-out writes the word clusters of a fold model (built without the
    held-out half) and where --half reads them: beside the model."""
    return model.with_suffix(".clusters.tsv")


def score(source: Path, part: str, model: Path | None = None, train_lists: bool = False,
          half: str | None = None, documents: bool = False) -> list[tuple[str, dict]]:
    """Scores of each set of the part; with `documents`, SmartData is recognised a whole
    document at a time, as the reader recognises an article, and the same sentences scored."""
    from . import EntityPipeline
    from .lexicon import Lexicon

    common = Lexicon.load().common_words
    sets = germeval_sets(source, part, half)
    name, smartdata = smartdata_part(source, part, common, half)
    with contextlib.ExitStack() as stack:
        pipeline = stack.enter_context(_pipeline_with_train_lists(source, model, half)) \
            if train_lists or half else EntityPipeline.load(model_path=model)
        results = [(n, evaluate_sentences(pipeline, sentences)) for n, sentences in sets]
        if documents:
            return results + [(name + ", whole documents", evaluate_documents(pipeline, smartdata))]
        return results + [(name, evaluate_sentences(pipeline, [
            ([t.text for t in tokens[a:b]], tags)
            for _, tokens, ranges in smartdata for a, b, tags in ranges]))]


@contextlib.contextmanager
def _pipeline_with_train_lists(source: Path, model: Path | None, half: str | None = None):
    """A pipeline whose word lists and common nouns are learnt from the train part alone, or
    from all but one `half` of the dev part (as build_data learns the shipped ones from train
    and dev)."""
    from . import EntityPipeline, _model, build_data
    from .corrections import Corrections
    from . import lexicon as lexicon_module
    from .gazetteer import Gazetteer
    from .lexicon import CommonNouns, Lexicon, parse_clusters

    shipped = Lexicon.load()
    sets = build_data.training_sentences(source, True, shipped.common_words,
                                         without_dev=half is None, without_half=half)
    common, first = build_data.word_lists(sets, source)
    places = {p["name"] for p in shipped.places} | {a for p in shipped.places for a in p["aliases"]}
    nouns, heads = build_data.common_nouns(sets + [("hipe", list(corpora.read_hipe(source)))],
                                           first | set(shipped.surnames) | places)
    lexicon = shipped.with_words(common, first)
    CommonNouns.contains("Haus")  # the shipped nouns are read, to be put back afterwards
    saved = CommonNouns._nouns, CommonNouns._heads
    CommonNouns._nouns, CommonNouns._heads = frozenset(nouns), frozenset(heads)
    saved_clusters = lexicon_module._CLUSTERS
    fold_clusters = model_clusters(model) if half and model else None
    if fold_clusters and fold_clusters.is_file():
        lexicon_module._CLUSTERS = parse_clusters(fold_clusters.read_text(encoding="utf-8"))
    elif half:
        logger.warning("No word clusters at %s: the shipped ones are used, and they have seen "
                       "half %s (train --hold-out writes them beside the model).",
                       fold_clusters or "the model", half)
    try:
        yield EntityPipeline(lexicon, Gazetteer.load(lexicon), _model(model), Corrections.load(None))
    finally:
        CommonNouns._nouns, CommonNouns._heads = saved
        lexicon_module._CLUSTERS = saved_clusters


def main(argv: list[str] | None = None) -> int:
    from .build_data import default_source_dir

    parser = argparse.ArgumentParser(prog="python -m index.entities.heldout",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("part", nargs="?", choices=("test", "dev"), default="test")
    parser.add_argument("--model", type=Path, help="a model other than the shipped one")
    parser.add_argument("--data", type=Path, help="the data folder (default ../shared/data)")
    parser.add_argument("--train-lists", action="store_true",
                        help="word lists learnt from the train part only (for the dev part)")
    parser.add_argument("--half", choices=HALVES,
                        help="score one half of the dev part with a model trained --hold-out "
                        "HALF and word lists learnt without it")
    parser.add_argument("--documents", action="store_true",
                        help="recognise SmartData a whole document at a time, as the reader "
                        "does an article (the same sentences are scored)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    source = args.data or default_source_dir()
    if not germeval_path(source).is_file():
        logger.error("No annotated data at %s: give its folder with --data.", source)
        return 1
    if args.half and args.part != "dev":
        logger.error("--half names a half of the dev part: use it with dev, not test.")
        return 1
    results = score(source, args.part, args.model, args.train_lists, args.half, args.documents)
    if args.json:
        logger.info("%s", json.dumps(dict(results), indent=2))
    else:
        for name, report in results:
            logger.info("%s\n%s\n", name, format_report(report))
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    raise SystemExit(main())
