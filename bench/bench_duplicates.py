"""Copy groups: pair precision and recall per threshold, and what grouping costs an import.

    python -m bench.bench_duplicates [--originals 400] [--seed 1]            # the curve
    python -m bench.bench_duplicates --scale 20000                          # cost and size at scale
    python -m bench.bench_duplicates --import-files 2000 [--rounds 2] [--only on|off] [--grouping-process yes|no]
    python -m bench.bench_duplicates --stories                              # stories: a bound
    python -m bench.bench_duplicates --writer 10000 [--corpus DIR]          # the writer's part as N grow

The curve: an evaluation set built at run time (never written to disk, never committed: the
data's licence does not allow shipping it or anything made from it) from real articles
(../shared/data/real_news_10kgnad/test.csv and the text of ../shared/data/real_html). Each chosen
original gets copies with the edits agencies' customers make (a new title, a rewritten or
dropped lead, a cut ending, an added paragraph, an added credit, changed quote marks); the other
originals of the same category are the hard negatives. For each threshold every article is
grouped by the real code (index.stories.copies into a fresh library database) and the pairs in
one group are compared with the true pairs (an original and its copies).

--scale: N distinct generated articles (bench.corpus) grouped one batch at a time; prints the
milliseconds per article over the last batch and the bytes the copy tables take per article.
--stories: every 10kGNAD test article, dated at random within ten days, imported into a fresh
library; prints how many stories of two or more articles form, and the share of their article
pairs that lie within one 10kGNAD category. The articles are no event-labelled set, so this is
only a bound: a pair across categories is almost surely wrong, a pair within one may be too.
--writer: N files imported with copies and stories off, then grouped and put into stories batch
by batch as an import's writer does (the workers' part made beforehand, out of the timing).
--import-files: the same files imported by `Library.add` with copies and stories and with them
switched off: no grouping or stories in the writer, no signatures, band keys or story features in
the parse workers (which still read credits, as agency search needs them). The runs alternate;
compare within a round.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from unittest import mock

from index.models import Article
from index.store import Store
from index.stories import copies

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
THRESHOLDS = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"])")
_QUOTES = [('"', '„', '“'), ('"', '»', '«'), ('"', '«', '»')]
EDITS = ("title", "rewrite_lead", "drop_lead", "cut_end", "add_paragraph", "credit", "quotes")


@dataclass
class Original:
    category: str
    text: str


def real_articles(data: Path = DATA, html_limit: int = 60) -> list[Original]:
    """10kGNAD's test articles and the main text of the saved web pages (read now, kept in memory)."""
    found, seen = [], set()
    with open(data / "real_news_10kgnad" / "test.csv", encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter=";", quotechar="'"):
            if len(row) == 2 and len(row[1].split()) >= 60:
                found.append(Original(row[0], row[1]))
    import trafilatura

    for path in sorted((data / "real_html").glob("*.html"))[:html_limit]:
        text = trafilatura.extract(path.read_text(encoding="utf-8", errors="replace"))
        if text and len(text.split()) >= 60:
            found.append(Original("web", text))
    # Some saved pages carry the same text (one site's template): true copies, not negatives.
    unique = []
    for original in found:
        key = " ".join(original.text.split()[:40])
        if key not in seen:
            seen.add(key)
            unique.append(original)
    return unique


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def make_copy(original: str, rng: random.Random, filler: list[str]) -> tuple[str, str, list[str]]:
    """(title, body, edits) of an outlet's copy of an agency text."""
    parts = sentences(original)
    edits = rng.sample(EDITS, rng.randint(2, 4))
    title = " ".join(parts[0].split()[:8])
    if "title" in edits:
        title = "Neu: " + " ".join(rng.sample(parts[-1].split(), min(6, len(parts[-1].split()))))
    if "rewrite_lead" in edits and len(parts) > 3:
        words = parts[0].split()
        rng.shuffle(words)
        parts[0] = " ".join(words[: max(3, len(words) * 2 // 3)]) + "."
    elif "drop_lead" in edits and len(parts) > 3:
        parts = parts[1:]
    if "cut_end" in edits and len(parts) > 4:
        parts = parts[: max(3, int(len(parts) * rng.uniform(0.55, 0.85)))]
    if "add_paragraph" in edits:
        at = rng.randrange(1, len(parts) + 1)
        parts[at:at] = ["\n\n" + " ".join(rng.sample(filler, 3)) + "\n\n"]
    body = " ".join(parts)
    if "credit" in edits:
        credit = rng.choice(["Berlin (dpa) – ", "Paris (AFP) - ", "(epd) "])
        body = credit + body if rng.random() < 0.5 else body + rng.choice(["\n\ndpa/AFP", "\n\nQuelle: Reuters",
                                                                             "\n\nMit Material von KNA"])
    if "quotes" in edits:
        plain, opening, closing = rng.choice(_QUOTES)
        count = 0

        def swap(_match) -> str:
            nonlocal count
            count += 1
            return opening if count % 2 else closing

        body = re.sub(re.escape(plain), swap, body).replace("„", opening).replace("“", closing)
        body = body.replace(",", " ,") if rng.random() < 0.3 else body
    return title, body, edits


def evaluation_set(originals: int, seed: int) -> tuple[list[Article], dict[str, int]]:
    """Articles (originals and their copies, shuffled) and each article's family (its original)."""
    rng = random.Random(seed)
    pool = real_articles()
    chosen = rng.sample(pool, min(originals, len(pool)))
    # Added paragraphs are sentences of other articles; a page without full stops would be one
    # "sentence" swallowing that whole page, which would make the copy contain it.
    filler = [s for o in rng.sample(pool, min(200, len(pool))) for s in sentences(o.text) if len(s) <= 300]
    articles, family = [], {}
    start = datetime(2025, 3, 1, tzinfo=timezone.utc)
    for index, original in enumerate(chosen):
        versions = [(" ".join(original.text.split()[:8]), original.text)]
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            title, body, _edits = make_copy(original.text, rng, filler)
            versions.append((title, body))
        for number, (title, body) in enumerate(versions):
            article = Article(title=title, body=body, source=f"outlet{number}",
                              published=start + timedelta(hours=index * 3 + number),
                              tags=[original.category]).with_id()
            articles.append(article)
            family[article.id] = index
    rng.shuffle(articles)
    return articles, family


def store_and_group(store: Store, chunk: list[Article]) -> float:
    """Store the articles, then group them as an import does; CPU seconds spent grouping."""
    with store.transaction() as db:
        for article in chunk:
            store.upsert_article(db, article, [])
    began = time.process_time()
    with store.transaction() as db:
        copies.group_articles(db, chunk)
    return time.process_time() - began


def group_all(articles: list[Article], folder: Path, batch: int = 1000) -> tuple[Store, float]:
    """A fresh library database with these articles stored and grouped; seconds spent grouping."""
    store = Store(folder / "library.db")
    spent = sum(store_and_group(store, articles[first:first + batch]) for first in range(0, len(articles), batch))
    return store, spent


def pair_scores(store: Store, family: dict[str, int]) -> tuple[float, float, int, int]:
    predicted = set()
    for group in copies.copy_groups(store.query):
        ids = sorted(member.id for member in group.articles)
        predicted.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1:])
    members = defaultdict(list)
    for article_id, origin in family.items():
        members[origin].append(article_id)
    truth = set()
    for ids in members.values():
        ids.sort()
        truth.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1:])
    right = len(predicted & truth)
    precision = right / len(predicted) if predicted else 1.0
    recall = right / len(truth) if truth else 1.0
    return precision, recall, len(predicted), len(truth)


def curve(originals: int, seed: int) -> None:
    articles, family = evaluation_set(originals, seed)
    categories = len({a.tags[0] for a in articles})
    print(f"{len(articles)} articles from {originals} originals in {categories} categories "
          f"(seed {seed}); copies carry 2-4 of: {', '.join(EDITS)}")
    print(f"{'threshold':>9} {'precision':>9} {'recall':>7} {'pairs':>6} {'true':>5}  ms/article")
    for threshold in THRESHOLDS:
        with tempfile.TemporaryDirectory() as folder, mock.patch.object(copies, "COPY_THRESHOLD", threshold):
            store, spent = group_all(articles, Path(folder))
            precision, recall, predicted, truth = pair_scores(store, family)
            store.close()
        print(f"{threshold:>9.2f} {precision:>9.3f} {recall:>7.3f} {predicted:>6} {truth:>5}  "
              f"{spent / len(articles) * 1000:.2f}")
    print(f"in use: COPY_THRESHOLD = {copies.COPY_THRESHOLD}")


def table_bytes(store: Store) -> int:
    rows = store.query("SELECT sum(pgsize) AS size FROM dbstat WHERE name IN ('copy_signatures', 'copy_bands', "
                       "'copy_signatures_by_group', 'sqlite_autoindex_copy_signatures_1')")
    return rows[0]["size"] or 0


def scale(n: int, seed: int) -> None:
    from bench.corpus import CorpusBuilder

    builder = CorpusBuilder.from_data(DATA, seed)
    batch = 1000
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "library.db")
        for first in range(0, n, batch):
            chunk = [Article(title=g.title, body=g.body, source=g.source, published=g.published).with_id()
                     for g in (builder.article(i) for i in range(first, min(first + batch, n)))]
            spent = store_and_group(store, chunk)
            if (first // batch) % 5 == 4 or first + batch >= n:
                size = table_bytes(store)
                print(f"{first + len(chunk):>7} articles: {spent / len(chunk) * 1000:.2f} ms/article for the last "
                      f"batch; copy tables {size / 1e6:.1f} MB ({size / (first + len(chunk)):.0f} B/article, "
                      f"{size / (first + len(chunk)) * 100_000 / 1e6:.0f} MB at 100,000)", flush=True)
        store.close()


def _cpu_seconds() -> tuple[float, float]:
    """CPU of this process (the import's writer) and of its finished children (the parse workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _reset_peak_memory() -> None:
    """Start this process's peak resident memory afresh (Linux; elsewhere the peak is the process's)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _peak_memory_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _setup_worker_without_grouping(*args) -> None:
    """A parse worker that makes no signatures and no story features (it still reads credits,
    which agency search needs): run in each worker of an import with grouping switched off."""
    from index import importer
    from index.stories import signatures, story_clusters

    importer._Worker.setup(*args)
    for module in (signatures, copies):  # copies took the name itself in earlier code
        if hasattr(module, "signature"):
            setattr(module, "signature", lambda *signature_args: None)
    if hasattr(copies, "compared_words"):  # the words only signatures and stories need
        setattr(copies, "compared_words", lambda *words_args: [])
    for name in ("story_features", "top_words"):  # top_words: the code before workers made features
        if hasattr(story_clusters, name):
            setattr(story_clusters, name, lambda *step_args: None)
            break


def import_cost(n: int, rounds: int, seed: int, corpus: Path | None = None,
                modes: tuple[bool, ...] = (True, False), grouping_process: bool | None = None) -> None:
    """``grouping_process``: with both on, group in a process of their own (True) or in the writer
    (False) whatever the machine's cores; None: as the import decides."""
    from bench.corpus import write_corpus
    from index import importer, library_writing
    from index.library import Library
    from index.stories import story_clusters

    work = Path(tempfile.mkdtemp(prefix="bench-dups-", dir=corpus.parent if corpus else None))
    try:
        if corpus is None:
            corpus = work / "corpus"
            write_corpus(corpus, n, seed=seed, data_dir=DATA)
        for round_number in range(1, rounds + 1):
            for grouping in modes:
                data_dir = work / f"lib-{round_number}-{grouping}"
                off = [mock.patch.object(copies, "group_articles", lambda db, articles, made=None: None),
                       mock.patch.object(story_clusters, "assign_stories", lambda db, articles, made=None: None),
                       mock.patch.object(importer._Worker, "setup", _setup_worker_without_grouping)]
                if hasattr(library_writing, "BACKGROUND_GROUPING_FROM"):  # its process would group unpatched
                    off.append(mock.patch.object(library_writing, "BACKGROUND_GROUPING_FROM", sys.maxsize))
                on = []
                if grouping_process is not None:
                    on.append(mock.patch.object(library_writing, "GROUPING_PROCESS_CORES",
                                                1 if grouping_process else sys.maxsize))
                _reset_peak_memory()
                began, cpu = time.perf_counter(), _cpu_seconds()
                for patch in (on if grouping else off):
                    patch.start()
                try:
                    with Library.open(data_dir) as library:
                        library.add([corpus])
                finally:
                    for patch in (on if grouping else off):
                        patch.stop()
                spent = time.perf_counter() - began
                writer, workers = (now - before for now, before in zip(_cpu_seconds(), cpu))
                print(f"round {round_number}, copies and stories {'on ' if grouping else 'off'}: wall {spent:.1f} s "
                      f"({spent / n * 1000:.2f} ms/article), CPU of the writer {writer / n * 1000:.2f} ms/article, "
                      f"of its other processes (the parse workers, and the grouping process if one ran) {workers / n * 1000:.2f} "
                      f"ms/article; the writer's peak memory "
                      f"{_peak_memory_mb():.0f} MB", flush=True)
                if grouping:
                    store = Store(data_dir / "library.db")
                    print_table_sizes(store, n)
                    store.close()
                shutil.rmtree(data_dir)
    finally:
        shutil.rmtree(work)


# The copy and story tables on disk, with their indexes.
COPY_AND_STORY_TABLES = [
    ("band keys (copy_bands)", ["copy_bands"]),
    ("signatures (copy_signatures and its indexes)",
     ["copy_signatures", "copy_signatures_by_group", "sqlite_autoindex_copy_signatures_1"]),
    ("story features (feature_stories)", ["feature_stories"]),
    ("stories and each article's story (stories, story_articles and their indexes)",
     ["stories", "stories_by_last", "stories_spanning", "story_articles", "story_articles_by_story", "sqlite_autoindex_story_articles_1"]),
    ("agency credits (article_agencies and its indexes)",
     ["article_agencies", "article_agencies_by_agency", "sqlite_autoindex_article_agencies_1"]),
]


def print_table_sizes(store: Store, articles: int) -> None:
    sizes = {row[0]: row[1] for row in store.query("SELECT name, sum(pgsize) FROM dbstat GROUP BY name")}
    total = 0
    for name, tables in COPY_AND_STORY_TABLES:
        size = sum(sizes.get(table, 0) for table in tables)
        total += size
        print(f"{name}: {size / 1e6:.1f} MB, {size / articles:.0f} B/article")
    print(f"copy and story tables: {total / 1e6:.1f} MB of the database's {sum(sizes.values()) / 1e6:.1f} MB, "
          f"{total / articles:.0f} B/article", flush=True)


def writer_replay(n: int, seed: int, corpus: Path | None = None) -> None:
    """Import N files with copies and stories off, then group and tell stories of the stored
    articles as an import's writer does, batch by batch, with what the workers make made
    beforehand: the writer's cost as the library grows, apart from the import's other work."""
    from bench.corpus import write_corpus
    from index import importer
    from index.library import Library
    from index.stories import story_clusters

    work = Path(tempfile.mkdtemp(prefix="bench-dups-", dir=corpus.parent if corpus else None))
    try:
        if corpus is None:
            corpus = work / "corpus"
            write_corpus(corpus, n, seed=seed, data_dir=DATA)
        with mock.patch.object(copies, "group_articles", lambda db, articles, made=None: None), \
                mock.patch.object(story_clusters, "assign_stories", lambda db, articles, made=None: None), \
                mock.patch.object(importer._Worker, "setup", _setup_worker_without_grouping):
            with Library.open(work / "lib") as library:
                library.add([corpus])
        store = Store(work / "lib" / "library.db")
        ids = [row["id"] for row in store.query("SELECT id FROM articles ORDER BY rowid")]
        spent = [0.0, 0.0]
        for first in range(0, len(ids), 1000):
            found = store.get_many(ids[first:first + 1000])
            batch = [found[article_id] for article_id in ids[first:first + 1000]]
            made = {id(article): copies.copy_text(article.body) for article in batch}
            with store.transaction() as db:
                features = ({id(article): story_clusters.features(db, article) for article in batch}
                            if hasattr(story_clusters, "story_features")  # before workers made features: words
                            else {id(article): story_clusters.top_words(article.title, article.body)
                                  for article in batch})
            steps = []
            for step in (lambda db: copies.group_articles(db, batch, made),
                         lambda db: story_clusters.assign_stories(db, batch, features)):
                began = time.process_time()
                with store.transaction() as db:
                    step(db)
                steps.append(time.process_time() - began)
            spent = [total + step for total, step in zip(spent, steps)]
            print(f"{first + len(batch):>7} articles: copies {steps[0] / len(batch) * 1000:.2f} ms/article, "
                  f"stories {steps[1] / len(batch) * 1000:.2f} ms/article (CPU, this batch)", flush=True)
        print_table_sizes(store, len(ids))
        print(f"all: copies {spent[0] / len(ids) * 1000:.2f} ms/article, stories {spent[1] / len(ids) * 1000:.2f} "
              f"ms/article; peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")
        store.close()
    finally:
        shutil.rmtree(work)


def stories_bound(seed: int) -> None:
    from index.library import Library
    from index.stories import story_clusters

    rng = random.Random(seed)
    pool = [o for o in real_articles(html_limit=0)]
    start = datetime(2025, 3, 1, tzinfo=timezone.utc)
    articles = [Article(title=" ".join(o.text.split()[:8]), body=o.text, source=f"outlet{i % 7}",
                        published=start + timedelta(minutes=rng.randrange(10 * 24 * 60)), tags=[o.category])
                for i, o in enumerate(pool)]
    category = {}
    spent = [0.0]
    real_assign = story_clusters.assign_stories

    def timed(db, batch, made=None):
        began = time.process_time()
        real_assign(db, batch, made)
        spent[0] += time.process_time() - began

    with tempfile.TemporaryDirectory() as folder, mock.patch.object(story_clusters, "assign_stories", timed):
        with Library.open(Path(folder) / "lib") as library:
            library.add_articles(articles)
            for article in articles:
                category[article.id] = article.tags[0]
            stories = library.stories()
    pairs = same = 0
    for story in stories:
        ids = [a.id for a in story.articles]
        for i, first in enumerate(ids):
            for second in ids[i + 1:]:
                pairs += 1
                same += category[first] == category[second]
    in_stories = sum(len(s.articles) for s in stories)
    print(f"{len(articles)} articles over ten days: {len(stories)} stories of 2+ holding {in_stories} articles "
          f"(largest {max((len(s.articles) for s in stories), default=0)}); {pairs} pairs, "
          f"{same / pairs if pairs else 1:.3f} within one category; "
          f"{spent[0] / len(articles) * 1000:.2f} ms CPU per article")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_duplicates", description=__doc__.split("\n\n")[0])
    parser.add_argument("--originals", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=int, metavar="N", help="group N generated articles; cost and size")
    parser.add_argument("--import-files", type=int, metavar="N", help="import N files with and without grouping")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--only", choices=["on", "off"], help="with --import-files: one mode, so that two processes "
                        "started together see the same load")
    parser.add_argument("--grouping-process", choices=["yes", "no"],
                        help="with --import-files: copies and stories in a process of their own, or in the writer, "
                             "whatever the machine's cores (default: as the import decides)")
    parser.add_argument("--corpus", type=Path, help="with --import-files or --writer: a corpus bench.corpus wrote (N files), "
                                                    "instead of writing one")
    parser.add_argument("--stories", action="store_true", help="a bound on story precision (see above)")
    parser.add_argument("--writer", type=int, metavar="N", help="the writer's grouping and stories as N grow")
    args = parser.parse_args(argv)
    if args.scale:
        scale(args.scale, args.seed)
    elif args.stories:
        stories_bound(args.seed)
    elif args.writer:
        writer_replay(args.writer, args.seed, args.corpus)
    elif args.import_files:
        modes = (True, False) if args.only is None else (args.only == "on",)
        import_cost(args.import_files, args.rounds, args.seed, args.corpus, modes,
                    None if args.grouping_process is None else args.grouping_process == "yes")
    else:
        curve(args.originals, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
