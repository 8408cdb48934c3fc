"""What an entity query ranks first: the top 20 of person:/org: queries beside all their matches,
and beside what schema 5 ranked first (each entity id once per article, the entity field's length
normalised: the articles naming the fewest distinct entities came first).

    python -m bench.entity_ranking DATA_DIR ["Friedrich Merz=person:Merz" ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DEFAULT = ["Friedrich Merz=person:Merz", "Lufthansa=org:Lufthansa"]


def _stats(library, raw: list[str], ids: list[str], word: str) -> str:
    rows = library.store.query(
        "SELECT a.id, a.title, (SELECT count(*) FROM mentions m WHERE m.article_id = a.id "
        "AND m.raw_entity IN (SELECT value FROM json_each(?))) AS n FROM articles a "
        "WHERE a.id IN (SELECT value FROM json_each(?))", (json.dumps(raw), json.dumps(ids)))
    count = len(rows) or 1
    return (f"mean mentions {sum(r['n'] for r in rows) / count:.1f}, named in the title "
            f"{sum(word in r['title'] for r in rows) / count:.0%}, named once {sum(r['n'] == 1 for r in rows) / count:.0%}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from index import store_entities
    from index.library import Library

    with Library.open(Path(argv[0])) as library:
        for pair in argv[1:] or DEFAULT:
            name, query = pair.split("=", 1)
            raw = store_entities.raw_ids_for(library.store, [library.entity(name).id])
            every = [hit.id for hit in library.search(query, 1_000_000)]
            old = [r["article_id"] for r in library.store.query(
                "SELECT article_id, count(DISTINCT raw_entity) AS d FROM mentions "
                "WHERE article_id IN (SELECT value FROM json_each(?)) GROUP BY article_id ORDER BY d, article_id "
                "LIMIT 20", (json.dumps(every),))]
            word = name.split()[-1]
            print(f"{query} ({len(every):,} matches)")
            print(f"  top 20 now:          {_stats(library, raw, every[:20], word)}")
            print(f"  top 20 of schema 5:  {_stats(library, raw, old, word)}")
            print(f"  all matches:         {_stats(library, raw, every, word)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
