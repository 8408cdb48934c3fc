"""CPU of the importing process adding a batch of prepared articles to the search index.

    python -m bench.bench_writer [CORPUS_DIR] [--limit 1000] [--rounds 3] [--paths old,new]

Parses and prepares the first ``limit`` files' articles once (as import workers do), then, for
each round and each path, adds them to a fresh WhooshBackend in one commit, as
``Library._index_articles`` does, timing it with ``time.process_time``. Paths: ``new`` is the
index as it is (grouped postings, index.search.whoosh.flush); ``old`` the stock Whoosh pool and
per-posting flush. The runs alternate, since the machine's speed drifts: compare within a round.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from unittest import mock

from index import ingest
from index.search.backend import IndexDocument
from index.search.whoosh.engine import WhooshBackend
from index.search.whoosh.prepared import prepare
from index.search.whoosh.schema import reference_schema

CORPUS = Path(__file__).resolve().parent / "out" / "corpus-10000-s1-txt"


def load(corpus: Path, limit: int) -> list[tuple]:
    files = sorted(ingest.iter_source_files([corpus]))[:limit]
    articles = [article.with_id() for path in files for article in ingest.parse_file_report(path)[0]]
    schema = reference_schema()
    return [(article, prepare(schema, article.title, article.body)) for article in articles]


def documents(prepared: list[tuple]) -> list[IndexDocument]:
    return [IndexDocument(id=article.id, title=article.title, body=article.body, source=article.source,
                          published=article.published, kind=article.kind, tags=list(article.tags),
                          entity_ids=[], prepared=postings)
            for article, postings in prepared]


def time_add(prepared: list[tuple], path: str) -> float:
    """Seconds of CPU adding the articles to a fresh index in one commit."""
    directory = Path(tempfile.mkdtemp(prefix="reader-bench-writer-"))
    try:
        index = WhooshBackend.open(directory)
        docs = documents(prepared)
        with mock.patch("index.search.whoosh.engine.group_postings", lambda writer: None) if path == "old" else _nothing():
            start = time.process_time()
            index.add(docs)
            return time.process_time() - start
    finally:
        shutil.rmtree(directory, ignore_errors=True)


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=1000, help="files to read (default 1000)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--paths", default="old,new", help="comma-separated: old, new")
    args = parser.parse_args()
    prepared = load(args.corpus, args.limit)
    paths = args.paths.split(",")
    print(f"{len(prepared)} articles from {args.corpus}")
    results: dict[str, list[float]] = {path: [] for path in paths}
    for round_number in range(args.rounds):
        for path in paths:
            seconds = time_add(prepared, path)
            results[path].append(seconds)
            print(f"round {round_number + 1} {path:>3}: {1000 * seconds / len(prepared):7.3f} ms/article "
                  f"({seconds:.2f} s)")
    for path, runs in results.items():
        per_article = [1000 * seconds / len(prepared) for seconds in runs]
        print(f"{path:>3}: median {statistics.median(per_article):.3f} ms/article, "
              f"min {min(per_article):.3f}, max {max(per_article):.3f}")


if __name__ == "__main__":
    main()
