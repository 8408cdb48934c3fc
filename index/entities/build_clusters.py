"""Word clusters from unlabelled text: ``python -m index.entities.build_clusters [DATA_DIR]``.

Writes index/entities/data/clusters.tsv (word, coarse cluster, fine cluster) for the CRF's
cluster features. Each word seen often enough is described by the words right before and
after it (counts over the most frequent words, square-rooted, unit length) and grouped by
spherical k-means twice: a coarse and a fine grouping. Words that keep the same company
(surnames after first names, companies before "AG", towns after "in") share a cluster, so
what the CRF learns about one of them carries to the others.

Text used, labels ignored: GermEval 2014 dev sentences 1-1800 (never the held-out
1801-2200), SmartData v1 train, Europeana and HIPE-2022. Needs numpy at build time only.
A model trained without one half of the dev part (train --hold-out) gets clusters built
without that half's text too: clusters that have seen a text's rare words flatter its scores.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from pathlib import Path

from . import build_data, corpora
from .tokenize import tokenize

logger = logging.getLogger(__name__)

CLUSTERS_FILE = "clusters.tsv"
MIN_COUNT = 3
CONTEXT_WORDS = 600
COARSE, FINE = 48, 384
_SEED = 7


def unlabelled_sentences(source: Path, without_half: str | None = None):
    """Token lists of every text the clusters learn from (labels dropped), less one half of
    the dev part when `without_half` ("A" or "B")."""
    from .heldout import GERMEVAL_HALVES, smartdata_half_ids

    germeval = source / "germeval2014" / "NER-de-dev.tsv"
    ranges = [(1, build_data.GERMEVAL_TRAIN_LAST)]
    held_out: frozenset[str] = frozenset()
    if without_half:
        first, last = GERMEVAL_HALVES[without_half]
        ranges = [(1, first - 1), (last + 1, build_data.GERMEVAL_TRAIN_LAST)]
        held_out = smartdata_half_ids(source, without_half)
    for first, last in ranges:
        for tokens, _ in corpora.read_germeval(germeval, first, last):
            yield tokens
    for document in corpora.smartdata_documents(
            source / "smartdata" / "v1_20180119" / "train.json.gz"):
        if document["id"] not in held_out:
            yield [t.text for t in tokenize(document["text"]["string"])]
    for path in sorted((source / "europeana_ner_de").glob("*/*.bio")):
        for tokens, _ in corpora.read_europeana(path):
            yield tokens
    for path in sorted((source / "hipe2022_de").rglob("*.tsv")):
        tokens = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith(("#", "TOKEN")):
                tokens.append(line.split("\t")[0].replace("¬", ""))
        yield tokens


def _kmeans(np, vectors, k: int, rounds: int = 15):
    rng = np.random.default_rng(_SEED)
    centres = vectors[rng.choice(len(vectors), size=k, replace=False)].copy()
    assign = np.zeros(len(vectors), dtype=np.int64)
    for _ in range(rounds):
        assign = np.argmax(vectors @ centres.T, axis=1)
        for c in range(k):
            members = vectors[assign == c]
            if len(members):
                centre = members.sum(axis=0)
                centres[c] = centre / (np.linalg.norm(centre) or 1.0)
            else:  # an empty cluster restarts on a random word
                centres[c] = vectors[rng.integers(len(vectors))]
    return assign


def build(source: Path, target: Path = build_data.PACKAGE_DATA / CLUSTERS_FILE,
          without_half: str | None = None) -> int:
    """Writes the clusters to the file `target`; returns the number of words clustered."""
    import numpy as np

    sentences = list(unlabelled_sentences(source, without_half))
    counts = Counter(w for s in sentences for w in s)
    vocab = sorted(w for w, n in counts.items() if n >= MIN_COUNT and corpora.is_word(w))
    index = {w: i for i, w in enumerate(vocab)}
    contexts = [w for w, _ in Counter(w.lower() for s in sentences for w in s).most_common(
        CONTEXT_WORDS)]
    column = {w: j for j, w in enumerate(contexts)}
    width = len(contexts)
    matrix = np.zeros((len(vocab), 2 * width + 2), dtype=np.float32)
    for s in sentences:
        low = ["<s>"] + [w.lower() for w in s] + ["</s>"]
        for i, word in enumerate(s):
            row = index.get(word)
            if row is None:
                continue
            left, right = column.get(low[i]), column.get(low[i + 2])
            matrix[row, 2 * width if left is None else left] += 1
            matrix[row, 2 * width + 1 if right is None else width + right] += 1
    matrix = np.sqrt(matrix)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-9
    coarse = _kmeans(np, matrix, COARSE)
    fine = _kmeans(np, matrix, FINE)
    lines = [f"{w}\t{coarse[i]}\t{fine[i]}" for i, w in enumerate(vocab)]
    target.write_text(
        "# word\tcoarse cluster\tfine cluster (built by index.entities.build_clusters)\n"
        + "\n".join(lines) + "\n", encoding="utf-8")
    return len(vocab)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    source = Path(args[0]) if args else build_data.default_source_dir()
    logger.info("%d words clustered", build(source))
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    raise SystemExit(main())
