"""Stories: articles about the same event, even when written independently.

One pass in date order, incremental: each article joins the story, among those active within
STORY_WINDOW of its date, with which it shares the most of its features (the names it mentions,
weighing ENTITY_WEIGHT, and its most frequent words), when that share reaches STORY_THRESHOLD;
otherwise it starts a story. A copy of an article in a story joins that story, whatever its date.
A story is active from its first article to its last; one spanning more than LOOKUP_SPAN (a
reprint months later) only near its articles' dates, so it does not draw in what lies between. The features of
each story (how many of its articles carry each) are kept in SQLite, so adding an article looks
up the stories sharing its features in one indexed query and recomputes nothing else.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from index.analysis import STOP_WORDS
from index.models import Article, Mention
from index.stories.copies import compared_words

STORY_WINDOW_SECONDS = 3 * 24 * 3600
# Stories spanning longer than this (chains of articles over weeks, a copy republished months
# later) are few; they are looked up by id, so one of them does not widen every lookup's window.
LOOKUP_SPAN_SECONDS = 14 * 24 * 3600
ENTITY_WEIGHT = 2
WORD_WEIGHT = 1
TOP_WORDS = 12
# Share of an article's feature weight a story must carry for the article to join it, and the
# least shared weight (two names, or a name and two words), so short texts do not join by chance.
STORY_THRESHOLD = 0.3
MIN_SHARED_WEIGHT = 4
# A feature counts for a story once a third of its articles carry it (a large story's one-off
# words do not pull unrelated articles in): in stories of fewer articles, every feature counts.
BIG_STORY = 4
# A feature counts as common, for the order in which a lookup reads rows, when this many of the
# articles being assigned together carry it.
COMMON_FEATURE = 10
_WORDS = re.compile(r"[^\W\d_]{5,}")
_ENTITY = "e:"
_WORD = "w:"


@dataclass
class StoryArticle:
    id: str
    title: str
    source: str | None
    published: datetime | None


@dataclass
class Story:
    id: int
    title: str
    first: datetime | None
    last: datetime | None
    sources: list[str]
    articles: list[StoryArticle]
    entities: list[str]


def top_words(title: str, words: list[str]) -> list[str]:
    """The article's most frequent content words (of five letters or more), from its title and
    ``words`` (its body's compared_words); the title's count more."""
    in_title = _WORDS.findall(title.lower())
    counts = Counter(in_title)
    counts.update(word for word in words if len(word) >= 5 and word.isalpha())
    for word in set(in_title):
        counts[word] += 2  # the title's words say what the story is
    for stop_word in STOP_WORDS & counts.keys():
        del counts[stop_word]
    return [word for word, _count in counts.most_common(TOP_WORDS)]


def _features(names: Iterable[str], words: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for name in names:
        found[_ENTITY + name.strip().lower()] = ENTITY_WEIGHT
    for word in words:
        found.setdefault(_WORD + word, WORD_WEIGHT)
    return found


def features(db: sqlite3.Connection, article: Article) -> dict[str, int]:
    """feature -> weight: the names the article mentions and its most frequent content words."""
    names = [row[0] for row in db.execute("SELECT DISTINCT text FROM mentions WHERE article_id = ?", (article.id,))]
    return _features(names, top_words(article.title, compared_words(article.body)))


def story_features(title: str, body: str, mentions: list[Mention], words: list[str] | None = None) -> dict[str, int]:
    """features() of an article from the mentions it will be stored with (and its body's
    compared_words, when the caller has them). Made where the article is parsed (index.importer's
    workers), so the writer of an import only looks up."""
    return _features(dict.fromkeys(mention.text for mention in mentions),
                     top_words(title, compared_words(body) if words is None else words))


def assign_stories(db: sqlite3.Connection, articles: list[Article],
                   made: Mapping[int, dict[str, int]] | None = None) -> None:
    """Put these stored articles into stories, oldest first (inside a transaction); ``made`` holds
    story_features already made, by ``id()`` of the article. An article already in a story is
    taken out first (its text may have changed)."""
    dated = sorted(((a.published.timestamp(), a) for a in articles if a.published is not None),
                   key=lambda dated_article: dated_article[0])
    for article in articles:
        _leave_story(db, article.id)
    known = _KnownStories.read(db)
    made = made or {}
    found = [_made_or_read(db, article, made) for _timestamp, article in dated]
    common = Counter(feature for article_features in found for feature in article_features)
    for (timestamp, article), article_features in zip(dated, found):
        _join_story(db, article, timestamp, article_features, known, common)


def _made_or_read(db: sqlite3.Connection, article: Article, made: Mapping[int, dict[str, int]]) -> dict[str, int]:
    found = made.get(id(article))
    return features(db, article) if found is None else found


@dataclass
class _KnownStories:
    """What a run of lookups keeps in memory: the stories spanning more than LOOKUP_SPAN_SECONDS
    (id -> their articles' timestamps, sorted), and the size of each story of BIG_STORY articles
    or more, the only ones some of whose rows do not count (so the window's rows need not be
    joined to their story)."""

    long: dict[int, list[float]]
    big: dict[int, int]

    @classmethod
    def read(cls, db: sqlite3.Connection) -> _KnownStories:
        # (last_ts > first_ts lets SQLite read the partial index of spanning stories, not every story)
        return cls(_long_stories(db, "s.last_ts > s.first_ts AND s.last_ts - s.first_ts > ?", LOOKUP_SPAN_SECONDS),
                   {row[0]: row[1] for row in db.execute("SELECT id, size FROM stories WHERE size >= ?", (BIG_STORY,))})

    def joined(self, db: sqlite3.Connection, story: int, first: float, last: float, size: int,
               timestamp: float) -> None:
        if story in self.long:
            times = self.long[story]
            times.insert(bisect_left(times, timestamp), timestamp)
        elif last - first > LOOKUP_SPAN_SECONDS:
            self.long.update(_long_stories(db, "s.id = ?", story))
        if size >= BIG_STORY:
            self.big[story] = size

    def active_long(self, start: float, end: float) -> list[int]:
        """The long stories that ended after ``end`` and have an article between start and end."""
        found = []
        for story, times in self.long.items():
            if times[-1] > end:
                at = bisect_left(times, start)
                if at < len(times) and times[at] <= end:
                    found.append(story)
        return found


def _long_stories(db: sqlite3.Connection, where: str, value: float) -> dict[int, list[float]]:
    """story id -> its articles' timestamps, sorted, for the stories ``where`` selects."""
    found: dict[int, list[float]] = {}
    for story, timestamp in db.execute(
            "SELECT sa.story_id, a.published_ts FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
            f"WHERE sa.story_id IN (SELECT s.id FROM stories s WHERE {where}) ORDER BY sa.story_id, a.published_ts",
            (value,)):
        if timestamp is not None:
            found.setdefault(story, []).append(timestamp)
    return found


def leave_stories(db: sqlite3.Connection, article_ids: Iterable[str]) -> None:
    """Take these articles out of their stories (inside a transaction), as when they are removed."""
    for article_id in article_ids:
        _leave_story(db, article_id)


def _leave_story(db: sqlite3.Connection, article_id: str) -> None:
    row = db.execute("SELECT a.story_id, a.features, s.last_ts FROM story_articles a JOIN stories s ON s.id = a.story_id "
                     "WHERE a.article_id = ?", (article_id,)).fetchone()
    if row is None:
        return
    story, last = row[0], row[2]
    keys = [(feature, last, story) for feature in json.loads(row[1])]
    db.execute("DELETE FROM story_articles WHERE article_id = ?", (article_id,))
    db.executemany("UPDATE feature_stories SET count = count - 1 WHERE feature = ? AND last_ts = ? AND story_id = ?",
                   keys)
    db.executemany("DELETE FROM feature_stories WHERE feature = ? AND last_ts = ? AND story_id = ? AND count <= 0",
                   keys)
    db.execute("UPDATE stories SET size = size - 1 WHERE id = ?", (story,))
    db.execute("DELETE FROM stories WHERE id = ? AND size <= 0", (story,))


def _copy_story(db: sqlite3.Connection, article_id: str) -> int | None:
    row = db.execute(
        "SELECT sa.story_id FROM copy_signatures mine JOIN copy_signatures other ON other.group_id = mine.group_id "
        "JOIN story_articles sa ON sa.article_id = other.article_id "
        "WHERE mine.article_id = ? AND other.article_id != mine.article_id LIMIT 1", (article_id,)).fetchone()
    return row[0] if row else None


def _best_story(db: sqlite3.Connection, found: dict[str, int], timestamp: float, known: _KnownStories,
                common: Mapping[str, int] | None = None) -> int | None:
    """The story active within the window that shares the most of these features, if enough.
    A story is active at ``timestamp`` when it ended after the window began and began before it
    ended, and, if it spans more than LOOKUP_SPAN_SECONDS, has an article within the window.
    Those that ended within the window are found by their rows' last_ts; most are stories of one
    article. Those that ended after it began before it, so they span some time: within
    LOOKUP_SPAN_SECONDS of the window's end they are found by the partial index of spanning
    stories, and longer ones are ``known.long``; the rows of both are read by key. This reads
    only stories near ``timestamp`` however the articles' dates are ordered (an archive imported
    in any order).

    Within the window, the rows of the features ``common`` counts most often (a capital, a
    party, a frequent word: most of the rows) are not scanned: a story that shares none of the
    other features shares too little to be chosen (prefix filtering), so only the stories found
    by the others are looked up by key for them, best first. The result is the same as scanning
    every feature's rows, whatever ``common`` says."""
    total = sum(found.values())
    if total < MIN_SHARED_WEIGHT:
        return None  # it cannot share enough with any story
    names = list(found)
    marks = ",".join("?" * len(names))
    window_start, window_end = timestamp - STORY_WINDOW_SECONDS, timestamp + STORY_WINDOW_SECONDS
    bound = window_end + LOOKUP_SPAN_SECONDS
    skipped = _unscanned(found, total, common or {})
    scanned = [feature for feature in names if feature not in skipped]
    shared: Counter[int] = Counter()
    ends: dict[int, float] = {}
    # Summed in SQL, by story and count (most stories have one article: one row each).
    for story_id, last_ts, count, weight in db.execute(
            f"SELECT story_id, last_ts, count, sum(iif(substr(feature, 1, {len(_ENTITY)}) = ?, ?, ?)) "
            f"FROM feature_stories WHERE feature IN ({','.join('?' * len(scanned))}) "
            "AND last_ts BETWEEN ? AND ? GROUP BY story_id, last_ts, count",
            [_ENTITY, ENTITY_WEIGHT, WORD_WEIGHT, *scanned, window_start, window_end]):
        if count * 3 >= known.big.get(story_id, 0):
            shared[story_id] += weight
            ends[story_id] = last_ts
    # Those that ended later, and the long ones active then: the rows of each read by its key
    # (CROSS JOIN keeps SQLite from reading every story's rows in the later range instead).
    joined = (f"SELECT f.story_id, f.feature FROM stories s CROSS JOIN feature_stories f "
              f"ON f.feature IN ({marks}) AND f.last_ts = s.last_ts AND f.story_id = s.id "
              f"WHERE f.count * 3 >= s.size AND ")
    later = db.execute(joined + "s.last_ts > s.first_ts AND s.last_ts > ? AND s.last_ts <= ? AND s.first_ts <= ? "
                                "AND s.last_ts - s.first_ts <= ?",
                       [*names, window_end, bound, window_end, LOOKUP_SPAN_SECONDS]).fetchall()
    long = known.active_long(window_start, window_end)
    if long:
        later += db.execute(joined + f"s.id IN ({','.join('?' * len(long))})", [*names, *long]).fetchall()
    exact: Counter[int] = Counter()
    for story_id, feature in later:
        exact[story_id] += found[feature]
    if skipped:
        _add_unscanned(db, shared, ends, exact, skipped, found, total, known)
    else:
        exact.update(shared)
    if not exact:
        return None
    # The oldest of the stories sharing the most, whatever order the rows came in.
    story_id = min(exact, key=lambda story: (-exact[story], story))
    return story_id if _enough(exact[story_id], total) else None


def _enough(weight: int, total: int) -> bool:
    """Whether an article of feature weight ``total`` joins a story sharing ``weight`` of it."""
    return weight >= MIN_SHARED_WEIGHT and weight / total >= STORY_THRESHOLD


def _unscanned(found: dict[str, int], total: int, common: Mapping[str, int]) -> set[str]:
    """The most common of these features, as long as what they weigh together is not enough for
    a story (so a story chosen shares one of the others), and at most half of that (so few
    stories found by the others have to be looked up for them)."""
    skipped: set[str] = set()
    weight = 0
    for feature in sorted((f for f in found if common.get(f, 0) >= COMMON_FEATURE), key=lambda f: (-common[f], f)):
        if _enough(2 * (weight + found[feature]), total):
            break
        skipped.add(feature)
        weight += found[feature]
    return skipped


def _add_unscanned(db: sqlite3.Connection, shared: Counter[int], ends: dict[int, float], exact: Counter[int],
                   skipped: set[str], found: dict[str, int], total: int, known: _KnownStories) -> None:
    """Add to ``exact`` the stories of the window's rows ``shared`` by the scanned features that
    could be chosen, with what they share of the ``skipped`` ones, read by key, best first."""
    most = sum(found[feature] for feature in skipped)
    marks = ",".join("?" * len(skipped))
    best = min(((-weight, story) for story, weight in exact.items()), default=(0, 0))
    could = [story for story, weight in shared.items() if _enough(weight + most, total)]
    for story_id in sorted(could, key=lambda story: (-shared[story], story)):
        if (-(shared[story_id] + most), story_id) > best:
            break  # neither this story nor any after it can beat the best
        weight = shared[story_id]
        for feature, count in db.execute(f"SELECT feature, count FROM feature_stories WHERE feature IN ({marks}) "
                                         "AND last_ts = ? AND story_id = ?", [*skipped, ends[story_id], story_id]):
            if count * 3 >= known.big.get(story_id, 0):
                weight += found[feature]
        exact[story_id] = weight
        best = min(best, (-weight, story_id))


def _join_story(db: sqlite3.Connection, article: Article, timestamp: float, found: dict[str, int],
                known: _KnownStories, common: Mapping[str, int]) -> None:
    """Put the article into its story."""
    story = _copy_story(db, article.id) or _best_story(db, found, timestamp, known, common)
    if story is None:
        story = db.execute("INSERT INTO stories (title, first_ts, last_ts, size) VALUES (?, ?, ?, 0)",
                           (article.title, timestamp, timestamp)).lastrowid
        assert story is not None  # an INSERT's rowid
    first, last, size = db.execute("SELECT first_ts, last_ts, size FROM stories WHERE id = ?", (story,)).fetchone()
    db.execute("UPDATE stories SET size = size + 1, first_ts = min(first_ts, ?), last_ts = max(last_ts, ?) "
               "WHERE id = ?", (timestamp, timestamp, story))
    if timestamp > last:  # the story's rows are keyed by its last_ts: they move
        db.executemany("UPDATE feature_stories SET last_ts = ? WHERE feature = ? AND last_ts = ? AND story_id = ?",
                       [(timestamp, feature, last, story) for feature in _story_features(db, story)])
    db.execute("INSERT INTO story_articles (article_id, story_id, features) VALUES (?, ?, ?)",
               (article.id, story, json.dumps(list(found), ensure_ascii=False)))
    last = max(last, timestamp)
    db.executemany("INSERT INTO feature_stories (feature, last_ts, story_id, count) VALUES (?, ?, ?, 1) "
                   "ON CONFLICT(feature, last_ts, story_id) DO UPDATE SET count = count + 1",
                   [(feature, last, story) for feature in found])
    known.joined(db, story, min(first, timestamp), last, size + 1, timestamp)


def _story_features(db: sqlite3.Connection, story: int) -> Counter[str]:
    """feature -> how many of the story's articles carry it."""
    counts: Counter[str] = Counter()
    for (features_json,) in db.execute("SELECT features FROM story_articles WHERE story_id = ?", (story,)):
        counts.update(json.loads(features_json))
    return counts


def unassigned_ids(db_query) -> list[str]:
    """Dated articles in no story (imported before stories existed, or by a killed process)."""
    return [row["id"] for row in db_query(
        "SELECT a.id FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id "
        "WHERE s.article_id IS NULL AND a.published_ts IS NOT NULL")]


def list_stories(db_query, since: float | None = None, min_articles: int = 2) -> list[Story]:
    """Stories of at least ``min_articles`` articles, the most recently active first."""
    rows = db_query("SELECT id, title, first_ts, last_ts FROM stories WHERE size >= ? AND last_ts >= ? "
                    "ORDER BY last_ts DESC", (min_articles, since if since is not None else float("-inf")))
    stories = []
    for row in rows:
        members = db_query(
            "SELECT a.id, a.title, a.source, a.published, s.features FROM story_articles s "
            "JOIN articles a ON a.id = s.article_id "
            "WHERE s.story_id = ? ORDER BY a.published_ts, a.id", (row["id"],))
        carried: Counter[str] = Counter()
        for member in members:
            carried.update(feature for feature in json.loads(member["features"]) if feature.startswith(_ENTITY))
        entities = sorted(carried, key=lambda feature: (-carried[feature], feature))[:5]
        names = _display_names(db_query, [member["id"] for member in members],
                               [feature[len(_ENTITY):] for feature in entities])
        articles = [StoryArticle(m["id"], m["title"], m["source"],
                                 datetime.fromisoformat(m["published"]) if m["published"] else None) for m in members]
        stories.append(Story(id=row["id"], title=row["title"],
                             first=articles[0].published if articles else None,
                             last=articles[-1].published if articles else None,
                             sources=list(dict.fromkeys(a.source for a in articles if a.source)),
                             articles=articles, entities=names))
    return stories


def _display_names(db_query, ids: list[str], folded: list[str]) -> list[str]:
    """The names as the articles write them (the features are lower-cased)."""
    if not folded or not ids:
        return []
    marks = ",".join("?" * len(ids))
    spelled: dict[str, str] = {}
    for row in db_query(f"SELECT DISTINCT text FROM mentions WHERE article_id IN ({marks})", ids):
        spelled.setdefault(row["text"].strip().lower(), row["text"].strip())
    return [spelled.get(name, name) for name in folded]


def story_of(db_query, article_id: str) -> int | None:
    rows = db_query("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,))
    return rows[0]["story_id"] if rows else None
