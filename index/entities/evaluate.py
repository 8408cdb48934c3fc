"""Exact-span precision, recall and F1 per kind on text annotated in GermEval 2014's format.

    python -m index.entities.evaluate FILE [FILE...] [--json]

Files hold `#` comment lines starting each sentence and `index token outer-BIO nested-BIO`
rows. PER, ORG and LOC are scored as person, org and place; OTH and the *deriv / *part tags
are not entities. The whole pipeline runs on each sentence, as `extract` would.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from ..errors import ReaderError
from . import corpora

logger = logging.getLogger(__name__)
_KIND_OF_TAG = {"PER": "person", "ORG": "org", "LOC": "place"}
KINDS = ("person", "org", "place")


class EvaluationError(ReaderError):
    """An evaluation file that cannot be read."""


def predicted_spans(pipeline, tokens: list[str]) -> set[tuple[int, int, str]]:
    """Token spans (start, end, kind) the pipeline finds when the tokens are one text."""
    starts, ends = {}, {}
    pos = 0
    for i, token in enumerate(tokens):
        starts[pos] = i
        pos += len(token)
        ends[pos] = i + 1
        pos += 1
    text = " ".join(tokens)
    spans = set()
    for mention in pipeline.extract(text):
        if mention.partial or mention.kind not in KINDS:
            continue
        start, end = starts.get(mention.start), ends.get(mention.end)
        if start is None or end is None:
            spans.add((-mention.start - 1, -mention.end - 1, mention.kind))  # never gold
        else:
            spans.add((start, end, mention.kind))
    return spans


def evaluate_sentences(pipeline, sentences) -> dict:
    counts = {kind: {"tp": 0, "fp": 0, "fn": 0} for kind in KINDS}
    for tokens, tags in sentences:
        _count(counts, tags, predicted_spans(pipeline, tokens))
    return _report(counts, len(sentences))


def evaluate_documents(pipeline, documents) -> dict:
    """Scores of the given sentences of whole documents, recognised a document at a time as
    the reader recognises an article. `documents` holds (text, tokens, [(start, end, tags)])
    with token index ranges of the sentences to score."""
    counts = {kind: {"tp": 0, "fp": 0, "fn": 0} for kind in KINDS}
    sentences = 0
    for text, tokens, ranges in documents:
        starts = {token.start: i for i, token in enumerate(tokens)}
        ends = {token.end: i + 1 for i, token in enumerate(tokens)}
        found = []
        for mention in pipeline.extract(text):
            if mention.partial or mention.kind not in KINDS:
                continue
            start, end = starts.get(mention.start), ends.get(mention.end)
            if start is None or end is None:  # never gold: counted where it begins
                first = next((i for i, t in enumerate(tokens) if t.end > mention.start), 0)
                found.append((first, (-mention.start - 1, -mention.end - 1, mention.kind)))
            else:
                found.append((start, (start, end, mention.kind)))
        for a, b, tags in ranges:
            predicted = {(s[0] - a, s[1] - a, s[2]) if s[0] >= 0 else s
                         for first, s in found if a <= first < b}
            _count(counts, tags, predicted)
            sentences += 1
    return _report(counts, sentences)


def _count(counts: dict, tags: list[str], predicted: set) -> None:
    gold = {(a, b, _KIND_OF_TAG[k]) for a, b, k in corpora.spans_of(tags)}
    for kind in KINDS:
        g = {s for s in gold if s[2] == kind}
        p = {s for s in predicted if s[2] == kind}
        counts[kind]["tp"] += len(g & p)
        counts[kind]["fp"] += len(p - g)
        counts[kind]["fn"] += len(g - p)


def _report(counts: dict, sentences: int) -> dict:
    report: dict[str, dict | int] = {kind: _scores(**c) for kind, c in counts.items()}
    report["micro"] = _scores(*(sum(c[k] for c in counts.values()) for k in ("tp", "fp", "fn")))
    report["sentences"] = sentences
    return report


def _scores(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "gold": tp + fn, "predicted": tp + fp}


def format_report(report: dict) -> str:
    lines = [f"{'kind':<8} {'precision':>9} {'recall':>7} {'f1':>7} {'gold':>6} {'found':>6}"]
    for kind in (*KINDS, "micro"):
        r = report[kind]
        lines.append(f"{kind:<8} {r['precision']:>9.3f} {r['recall']:>7.3f} {r['f1']:>7.3f} "
                     f"{r['gold']:>6} {r['predicted']:>6}")
    lines.append(f"({report['sentences']} sentences)")
    return "\n".join(lines)


def read_files(paths: list[Path]) -> list[tuple[list[str], list[str]]]:
    sentences = []
    for path in paths:
        if not path.is_file():
            raise EvaluationError(f"No annotated file at {path}.")
        try:
            found = list(corpora.read_germeval(path))
        except (OSError, UnicodeDecodeError) as exc:
            raise EvaluationError(f"Cannot read {path}: {exc}.") from exc
        if not found:
            raise EvaluationError(
                f"{path} has no sentences in GermEval format (index, token, outer tag, nested tag).")
        sentences.extend(found)
    return sentences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index.entities.evaluate",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--json", action="store_true", help="the scores as JSON")
    parser.add_argument("--output", type=Path, help="write the scores to this file")
    args = parser.parse_args(argv)
    from . import EntityPipeline

    try:
        sentences = read_files(args.files)
        report = evaluate_sentences(EntityPipeline.load(), sentences)
    except ReaderError as exc:
        logger.error("%s", exc)
        return 1
    text = json.dumps(report, indent=2) if args.json else format_report(report)
    if args.output is not None:
        args.output.write_text(text + "\n", encoding="utf-8")
    else:
        logger.info("%s", text)
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    raise SystemExit(main())
