"""Check that every gold record still points at the words it was annotated on.

    python -m bench.quotes_gold.check
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.quotes_gold.texts import document_text, fingerprint

HERE = Path(__file__).resolve().parent


def gold_quotes() -> list[dict]:
    with (HERE / "quotes.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def documents(split: str | None = None, annotation_round: str | None = None) -> list[str]:
    """The annotated documents, of one split (and one round of annotation) or all."""
    rows = [line.rstrip("\n").split("\t") for line in (HERE / "documents.tsv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    return [name for name, part, batch in rows
            if (split is None or part == split) and (annotation_round is None or batch == annotation_round)]


def main() -> int:
    bad = [q for q in gold_quotes() if fingerprint(document_text(q["doc"])[q["start"]:q["end"]]) != q["check"]]
    for q in bad:
        print(f"{q['doc']} {q['start']}-{q['end']}: the text there is not what was annotated")
    print(f"{len(gold_quotes()) - len(bad)} of {len(gold_quotes())} quotes point at their words; "
          f"{len(documents())} documents")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
