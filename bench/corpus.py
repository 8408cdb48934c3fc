"""Benchmark corpus: N German news articles built at run time from real sentences.

    python -m bench.corpus OUT_DIR --n N [--seed S] [--format txt|md|jsonl|mixed] [--data DIR]

Each article is runs of consecutive sentences from GermEval 2014 and SmartData passages (see
bench/sentences.py), with some person and city names swapped for other real names, a few
sentences about well-known public figures, a title, a timezone-aware date between 2022 and 2025
and a source. Bodies are about 3–8 kB. Files go into subfolders of 1,000 articles.

Article i depends only on (seed, i), so the first 10,000 articles of a 100,000 corpus are the
10,000 corpus. Never commit the output: write under bench/out/ (gitignored) or /tmp.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.names import CAPITALS, PUBLIC_FIGURES, NamePools, NameSwapper, load_pools, mention_sentences
from bench.sentences import DEFAULT_DATA_DIR, MARKED_ENTITY, PERSON, MissingData, SentenceSources, load_sources, plain

GENERATOR_VERSION = 1
PER_FOLDER = 1000
FORMATS = ("txt", "md", "jsonl", "mixed")
BERLIN = ZoneInfo("Europe/Berlin")
FIRST_DAY = datetime(2022, 1, 1)
DAYS = (datetime(2025, 10, 31) - FIRST_DAY).days
# (name, share of articles, writes "Ort (Kürzel) - " before the first paragraph)
SOURCES = [("dpa", 20, True), ("AFP", 10, True), ("Reuters", 8, True), ("Spiegel", 10, False),
           ("Deutschlandfunk", 10, False), ("tagesschau", 12, False), ("ZEIT ONLINE", 8, False),
           ("Süddeutsche Zeitung", 7, False), ("FAZ", 6, False), ("taz", 4, False), ("Handelsblatt", 5, False)]
TOPICS = ["Politik", "Wirtschaft", "Ausland", "Inland", "Sport", "Kultur", "Wissen", "Verkehr"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember"]
NAME_SWAP_SHARE = 0.6
TITLE_CHARS = (35, 100)


@dataclass
class GeneratedArticle:
    index: int
    title: str
    published: datetime  # timezone-aware, Europe/Berlin
    source: str
    paragraphs: list[str]  # body paragraphs; a short one without a full stop is a subheading
    tags: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


class CorpusBuilder:
    """Builds article i from (seed, i) alone."""

    def __init__(self, sources: SentenceSources, pools: NamePools, seed: int = 1):
        self.passages = sources.passages
        self.headlines = sources.headlines
        self.pools = pools
        self.seed = seed
        self.short_sentences = [s for p in self.passages for s in p
                                if TITLE_CHARS[0] <= len(plain(s)) <= TITLE_CHARS[1] and s.endswith(".") and ". " not in s]

    @classmethod
    def from_data(cls, data_dir: Path = DEFAULT_DATA_DIR, seed: int = 1) -> "CorpusBuilder":
        return cls(load_sources(data_dir), load_pools(Path(data_dir)), seed)

    def article(self, index: int) -> GeneratedArticle:
        rng = random.Random(f"reader-bench:{self.seed}:{index}")
        swapper = NameSwapper(self.pools, rng, NAME_SWAP_SHARE)

        def unmark(sentence: str) -> str:
            return MARKED_ENTITY.sub(
                lambda m: swapper.person(m[2]) if m[1] == PERSON else swapper.place(m[2]), sentence)

        source, _, agency = rng.choices(SOURCES, weights=[s[1] for s in SOURCES])[0]
        published = FIRST_DAY + timedelta(days=rng.randrange(DAYS), hours=rng.randint(5, 22),
                                          minutes=rng.randrange(60))
        target = int(rng.triangular(3000, 8000, 4200))
        sentences = [unmark(s) for s in self._sentences(rng, target)]
        figures = mention_sentences(rng, source if agency else "dpa", rng.choices([0, 1, 2, 3], [2, 4, 3, 1])[0])
        at = rng.randrange(len(sentences) + 1)
        sentences[at:at] = figures
        paragraphs = self._paragraphs(rng, sentences)
        if agency and rng.random() < 0.7:
            place = rng.choice(CAPITALS)
            paragraphs[0] = f"{place} ({source}) - {paragraphs[0]}"
        title = self._title(rng, sentences, figures, unmark)
        return GeneratedArticle(index, title, published.replace(tzinfo=BERLIN), source, paragraphs,
                                tags=rng.sample(TOPICS, rng.randint(1, 3)))

    def _sentences(self, rng: random.Random, target_chars: int) -> list[str]:
        chosen: list[str] = []
        seen: set[str] = set()
        length = 0
        fruitless = 0  # runs that added nothing: a small pool is used up
        while length < target_chars and fruitless < 50:
            passage = rng.choice(self.passages)
            start = rng.randrange(len(passage))
            fruitless += 1
            for sentence in passage[start:start + rng.randint(2, 8)]:
                if sentence not in seen:
                    seen.add(sentence)
                    chosen.append(sentence)
                    length += len(sentence) + 1
                    fruitless = 0
        return chosen

    def _paragraphs(self, rng: random.Random, sentences: list[str]) -> list[str]:
        paragraphs: list[str] = []
        index = 0
        while index < len(sentences):
            size = rng.randint(2, 5)
            if paragraphs and rng.random() < 0.12:
                paragraphs.append(rng.choice(self.headlines))
            paragraphs.append(" ".join(sentences[index:index + size]))
            index += size
        return paragraphs

    def _title(self, rng: random.Random, sentences: list[str], figures: list[str], unmark) -> str:
        own = [s for s in sentences if TITLE_CHARS[0] <= len(s) <= TITLE_CHARS[1] and s.endswith(".")
               and ". " not in s and s not in figures]
        roll = rng.random()
        if roll < 0.45:
            title = rng.choice(self.headlines)
        elif own and roll < 0.8:
            title = rng.choice(own).rstrip(".")
        else:
            title = unmark(rng.choice(self.short_sentences)).rstrip(".")
        title = " ".join(title.split())
        mentioned = [short[0] if short else name.split()[-1]
                     for _, name, *short in PUBLIC_FIGURES if any(name in f for f in figures)]
        if mentioned and ":" not in title and rng.random() < 0.4:
            title = f"{mentioned[0]}: {title}"
        return title


# --- formats ----------------------------------------------------------------------------------

def dateline(article: GeneratedArticle, rng: random.Random) -> str:
    """A date line the way news sites print one, always with the source."""
    p = article.published
    style = rng.randrange(3)
    if style == 0:
        return f"{p.day:02d}. {MONTHS[p.month - 1]} {p.year}, {p.hour:02d}:{p.minute:02d} Uhr · Quelle: {article.source}"
    if style == 1:
        return f"{p.day:02d}.{p.month:02d}.{p.year} · {p.hour:02d}:{p.minute:02d} Uhr · Quelle: {article.source}"
    return f"Stand: {p.day:02d}.{p.month:02d}.{p.year} {p.hour:02d}:{p.minute:02d} Uhr · Quelle: {article.source}"


def render_txt(article: GeneratedArticle) -> str:
    rng = random.Random(f"dateline:{article.index}")
    return f"{article.title}\n\n{dateline(article, rng)}\n\n{article.body}\n"


def render_md(article: GeneratedArticle) -> str:
    body = "\n\n".join(f"## {p}" if not p.endswith((".", "!", "?", "“", '"')) else p for p in article.paragraphs)
    front = {"title": article.title, "date": article.published.isoformat(), "source": article.source,
             "tags": article.tags}
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body + "\n"


def jsonl_record(article: GeneratedArticle) -> str:
    return json.dumps({"title": article.title, "date": article.published.isoformat(), "source": article.source,
                       "tags": article.tags, "body": article.body}, ensure_ascii=False)


def folder_format(folder: int, fmt: str) -> str:
    return ("txt", "md", "jsonl")[folder % 3] if fmt == "mixed" else fmt


def write_corpus(out_dir: Path, n: int, seed: int = 1, fmt: str = "txt", data_dir: Path = DEFAULT_DATA_DIR,
                 progress=None) -> dict:
    """Write the corpus and ``manifest.json`` (last, so a manifest means a complete corpus)."""
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        if not (out_dir / "manifest.json").is_file():
            raise FileExistsError(f"{out_dir} holds files that are not a generated corpus; choose an empty folder.")
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    builder = CorpusBuilder.from_data(data_dir, seed)
    total_bytes = files = 0
    for first in range(0, n, PER_FOLDER):
        folder = out_dir / f"{first // PER_FOLDER:03d}"
        folder.mkdir()
        kind = folder_format(first // PER_FOLDER, fmt)
        articles = [builder.article(i) for i in range(first, min(first + PER_FOLDER, n))]
        if kind == "jsonl":
            data = ("\n".join(jsonl_record(a) for a in articles) + "\n").encode()
            (folder / "articles.jsonl").write_bytes(data)
            total_bytes, files = total_bytes + len(data), files + 1
        else:
            render = render_txt if kind == "txt" else render_md
            for article in articles:
                data = render(article).encode()
                path = folder / f"{article.index:06d}.{kind}"
                path.write_bytes(data)
                # The file's time is the article's, so a file-based tool (Recoll) can filter by date.
                stamp = article.published.timestamp()
                os.utime(path, (stamp, stamp))
                total_bytes, files = total_bytes + len(data), files + 1
        if progress:
            progress(first + len(articles), n)
    manifest = {"generator": GENERATOR_VERSION, "n": n, "seed": seed, "format": fmt, "files": files,
                "bytes": total_bytes}
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def read_manifest(out_dir: Path) -> dict | None:
    try:
        return json.loads((Path(out_dir) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--n", type=int, required=True, help="number of articles (up to 100,000 and beyond)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", choices=FORMATS, default="txt")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="the shared data sets (../shared/data)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    started = time.perf_counter()

    def report(done: int, total: int) -> None:
        if done % 10_000 == 0 or done == total:
            print(f"{done:,}/{total:,} articles", file=sys.stderr)

    try:
        manifest = write_corpus(args.out_dir, args.n, args.seed, args.format, args.data, report)
    except (MissingData, FileExistsError) as exc:
        print(f"bench.corpus: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {manifest['n']:,} articles in {manifest['files']:,} files, {manifest['bytes'] / 1e6:.1f} MB, "
          f"to {args.out_dir} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
