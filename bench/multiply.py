"""A large library made from an imported one: its articles and their mentions copied N times
(new ids, each copy's dates moved on by a few weeks), then the search index rebuilt.

    python -m bench.multiply SOURCE_DATA_DIR OUT_DATA_DIR --times 10

Entity recognition is the slow part of an import (~58 articles/s); a copy keeps the source's
mentions, so a 50,000-article library with real recogniser output takes minutes, not an hour.
The copies repeat the source's texts: word statistics are the source's, scaled. Write under
bench/out/ (gitignored); never commit the result.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sqlite3
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

# Each copy's articles are published this much later than the previous copy's.
SHIFT = timedelta(days=17)


def _copy_id(article_id: str, copy: int) -> str:
    return hashlib.sha256(f"{article_id}/{copy}".encode()).hexdigest()[:16]


def multiply(source: Path, out: Path, times: int) -> int:
    if out.exists():
        raise SystemExit(f"{out} exists; choose a new folder.")
    out.mkdir(parents=True)
    shutil.copy2(source / "library.db", out / "library.db")
    db = sqlite3.connect(out / "library.db")
    db.execute("PRAGMA journal_mode=WAL")
    columns = [row[1] for row in db.execute("PRAGMA table_info(articles)")]
    originals = db.execute("SELECT * FROM articles").fetchall()
    mention_columns = [row[1] for row in db.execute("PRAGMA table_info(mentions)")]
    mentions: dict[str, list[tuple]] = {}
    for row in db.execute("SELECT * FROM mentions"):
        mentions.setdefault(row[0], []).append(row)
    at = {name: index for index, name in enumerate(columns)}
    with db:
        for copy in range(1, times):
            for row in originals:
                values = list(row)
                values[at["id"]] = _copy_id(row[at["id"]], copy)
                if row[at["published"]]:
                    moved = datetime.fromisoformat(row[at["published"]]) + copy * SHIFT
                    values[at["published"]] = moved.isoformat()
                    values[at["published_ts"]] = moved.timestamp()
                for name in ("path", "item_key", "url"):
                    if values[at[name]]:
                        values[at[name]] = f"{values[at[name]]}#copy{copy}"
                values[at["indexed"]] = 0
                db.execute(f"INSERT INTO articles ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                           values)
                db.executemany(
                    f"INSERT INTO mentions ({', '.join(mention_columns)}) VALUES ({', '.join('?' * len(mention_columns))})",
                    [(values[at["id"]], *mention[1:]) for mention in mentions.get(row[at["id"]], [])])
        db.execute("UPDATE articles SET indexed = 0")
        db.execute("UPDATE entities SET articles = articles * ?, mentions = mentions * ?", (times, times))
    count = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    db.close()
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--times", type=int, default=10)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    count = multiply(args.source, args.out, args.times)
    print(f"{count:,} articles copied in {time.perf_counter() - started:.1f} s; indexing…", file=sys.stderr)
    from index.library import Library

    started = time.perf_counter()
    with Library.open(args.out) as library:  # indexes every article marked unindexed
        library.index.optimise()
    print(f"indexed in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
