"""A segment written a whole posting list at a time (index.search.whoosh.flush) holds the same bytes as
Whoosh's per-posting path, through adds, replacements, deletions, merges and the memory limit."""

from __future__ import annotations

import random
import zlib
from array import array
from contextlib import ExitStack
from datetime import datetime, timedelta
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import whoosh.index
from whoosh.util.numeric import length_to_byte

from index import ingest
from index.search.whoosh import codec as search_codec, engine as search
from index.models import Article
from index.search.backend import IndexDocument
from index.search.whoosh.engine import WhooshBackend
from index.search.whoosh.codec import ArrayPostingsWriter
from index.search.whoosh.flush import GroupedPostings, GroupingPool, posting_columns
from index.search.whoosh.prepared import prepare
from index.search.whoosh.schema import reference_schema

ROOT = Path(__file__).resolve().parents[2]
BERLIN = ZoneInfo("Europe/Berlin")


def reference_write_block(self, last=False):
    """ArrayPostingsWriter._write_block as it was before index.search.whoosh.flush (the old bytes)."""
    if not self._blockcount:
        self._postfile.write(search_codec.BLOCK_MAGIC)
    self._terminfo.add_block(self)
    ids, weights, values = self._ids, self._weights, self._values
    first_weight = weights[0]
    if all(weight == 1.0 for weight in weights):
        weight_kind, weight_bytes = search_codec.WEIGHTS_ONES, b""
    elif all(weight == first_weight for weight in weights):
        weight_kind, weight_bytes = search_codec.WEIGHTS_SAME, search_codec._SAME_WEIGHT.pack(first_weight)
    else:
        weight_kind, weight_bytes = search_codec.WEIGHTS_ARRAY, search_codec._le_bytes(weights)
    fixed_size = self._format.fixed_value_size()
    if not values or fixed_size == 0:
        value_kind, value_bytes = search_codec._VALUES_NONE, b""
    elif fixed_size is not None and fixed_size > 0:
        value_kind, value_bytes = search_codec._VALUES_FIXED, b"".join(values)
    else:
        offsets = array("I", [0])
        for value in values:
            offsets.append(offsets[-1] + len(value))
        value_kind, value_bytes = search_codec._VALUES_VARIABLE, search_codec._le_bytes(offsets) + b"".join(values)
    if value_bytes:
        value_bytes = zlib.compress(value_bytes, search_codec._VALUES_COMPRESSION)
    header = search_codec._HEADER.pack(len(ids), ids[-1], self._maxweight, length_to_byte(self._minlength),
                                       length_to_byte(self._maxlength), weight_kind, value_kind, len(value_bytes))
    body = header + search_codec._le_bytes(ids) + weight_bytes + value_bytes
    self._postfile.write_int(-len(body) if last else len(body))
    self._postfile.write(body)
    self._blockcount += 1
    self._new_block()


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    """The seeds, and 300 articles of their paragraphs recombined: common words get posting
    lists of two blocks and more, and each article has a word of its own (a single posting)."""
    seeds = [article for path in sorted(ingest.iter_source_files([ROOT / "seeds"]))
             for article in ingest.parse_file_report(path)[0]]
    paragraphs = [part for article in seeds for part in article.body.split("\n\n") if part.strip()]
    rng = random.Random(300)
    made = [Article(title=rng.choice(seeds).title + f" ({number})",
                    body="\n\n".join(rng.sample(paragraphs, rng.randint(1, 4)) + [f"Stichwort Wort{number}x."]))
            for number in range(300)]
    return [article.with_id() for article in seeds + made]


def documents(articles: list, prepared: bool = True, suffix: str = "") -> list[IndexDocument]:
    schema, rng = reference_schema(), random.Random(len(articles))
    docs = []
    for number, article in enumerate(articles):
        body = article.body + suffix
        docs.append(IndexDocument(
            id=article.id, title=article.title, body=body, source=article.source or rng.choice(["dpa", None]),
            published=article.published or datetime(2025, 3, 1, 8, tzinfo=BERLIN) + timedelta(hours=7 * number),
            kind=article.kind, tags=list(article.tags) or rng.sample(["Ukraine", "EU", "Wirtschaft"], 2),
            entity_ids=[f"Q{rng.randint(1, 40)}" for _ in range(rng.randint(0, 3))],
            # some articles the writer analyses itself, as small imports and re-indexing do
            prepared=prepare(schema, article.title, body) if prepared and number % 7 else None))
    return docs


class Spy:
    """Counts the posting lists written whole, and the runs the pool spilled."""

    def __init__(self):
        self.lists = self.spills = 0

    def patches(self, stack: ExitStack) -> None:
        whole, save = ArrayPostingsWriter.add_posting_list, GroupingPool.save

        def add_posting_list(writer, *args):
            self.lists += 1
            return whole(writer, *args)

        def spill(pool):
            self.spills += bool(pool._fields)
            return save(pool)

        stack.enter_context(mock.patch.object(ArrayPostingsWriter, "add_posting_list", add_posting_list))
        stack.enter_context(mock.patch.object(GroupingPool, "save", spill))


def build(directory: Path, steps: list, old: bool, limitmb: int | None = None) -> Spy:
    spy = Spy()
    with ExitStack() as stack:
        if old:  # Whoosh's pool and per-posting flush, the blocks as they were written before
            stack.enter_context(mock.patch("index.search.whoosh.engine.group_postings", lambda writer: None))
            stack.enter_context(mock.patch.object(ArrayPostingsWriter, "_write_block", reference_write_block))
        spy.patches(stack)
        if limitmb is not None:
            stack.enter_context(mock.patch.dict(search.WRITER_OPTIONS, limitmb=limitmb))
        index = WhooshBackend.open(directory)
        for action, argument in steps:
            getattr(index, action)(argument() if callable(argument) else argument)
    return spy


def segment_files(directory: Path) -> list[dict[str, bytes]]:
    """Each segment's files (but its pickled header and its checksums, which name it) by what
    follows its id."""
    segments = whoosh.index.open_dir(str(directory))._segments()
    names = sorted(path.name for path in directory.iterdir())
    return [{name.split(segment.segid, 1)[1]: (directory / name).read_bytes()
             for name in names if segment.segid in name and not name.endswith((".seg", ".sums"))}
            for segment in segments]


def contents(directory: Path) -> dict:
    """Every term's TermInfo statistics and postings (document ids, weights, values)."""
    ix = whoosh.index.open_dir(str(directory))
    found = {}
    with ix.reader() as reader:
        ids = {docnum: fields["id"] for docnum, fields in reader.iter_docs()}
        for fieldname, btext in reader.all_terms():
            info = reader.term_info(fieldname, btext)
            postings = []
            for leaf, offset in reader.leaf_readers():
                if (fieldname, btext) in leaf:
                    matcher = leaf.postings(fieldname, btext)
                    while matcher.is_active():
                        postings.append((ids[offset + matcher.id()], matcher.weight(), matcher.value()))
                        matcher.next()
            found[fieldname, btext] = (info.doc_frequency(), info.weight(), info.min_length(), info.max_length(),
                                       info.max_weight(), info.min_id(), info.max_id(), postings)
    return found


def assert_same_index(tmp_path: Path, steps: list, limitmb: int | None = None) -> tuple[Spy, dict]:
    old_spy = build(tmp_path / "old", steps, old=True, limitmb=limitmb)
    new_spy = build(tmp_path / "new", steps, old=False, limitmb=limitmb)
    assert old_spy.lists == 0
    assert new_spy.lists > 0 or limitmb is not None, "the posting lists were not written whole"
    old_files, new_files = segment_files(tmp_path / "old"), segment_files(tmp_path / "new")
    assert [sorted(files) for files in new_files] == [sorted(files) for files in old_files]
    for old_segment, new_segment in zip(old_files, new_files):
        for suffix, data in old_segment.items():
            assert new_segment[suffix] == data, f"{suffix} differs"
    found = contents(tmp_path / "new")
    assert found == contents(tmp_path / "old")
    return new_spy, found


def test_one_commit_writes_the_same_index(tmp_path, articles):
    spy, found = assert_same_index(tmp_path, [("add", lambda: documents(articles))])
    body = {btext: stats for (fieldname, btext), stats in found.items() if fieldname == "body"}
    assert any(stats[0] == 1 for stats in body.values()), "no single-posting term"
    assert any(stats[0] > search_codec.BLOCK_LIMIT for stats in body.values()), "no list of two blocks"
    assert spy.lists == len(found)  # every posting list, of every field, written whole


def test_replacing_deleting_and_merging_write_the_same_index(tmp_path, articles):
    first, second, third = articles[:80], articles[80:140], articles[140:190]
    steps = [("add", lambda: documents(first)), ("add", lambda: documents(second)),
             ("add", lambda: documents(first[::3], suffix=" Xqzv der Redaktion.")),  # replaced by id
             ("delete", [article.id for article in second[::4]]),
             ("add", lambda: documents(third, prepared=False)),
             ("add", lambda: documents(second[1::4], suffix=" Korrektur.")),
             ("optimise", 10_000)]  # the segments with deletions go through the pool
    spy, found = assert_same_index(tmp_path, steps)
    assert spy.lists > 0
    assert found["body", b"xqzv"][0] == len(first[::3])
    # the segments with deletions merged through the pool, the others by block copy
    assert len(whoosh.index.open_dir(str(tmp_path / "new"))._segments()) == 2


def test_past_the_memory_limit_the_pool_spills_and_writes_the_same_index(tmp_path, articles):
    spy, _ = assert_same_index(tmp_path, [("add", lambda: documents(articles))], limitmb=1)
    assert spy.spills > 1


def _posting(docnum: int, weight: float = 1.0, value: bytes = b"v") -> tuple:
    return ("body", b"wort", docnum, weight, value)


def test_posting_columns_are_in_whooshs_order():
    in_order = [_posting(1), _posting(4, 2.0), _posting(9, 1.5, b"")]
    assert posting_columns(in_order) == ((1, 4, 9), (1.0, 2.0, 1.5), (b"v", b"v", b""))
    shuffled = [_posting(7), _posting(3, 2.0), _posting(3, 1.0, b"a"), _posting(-1), _posting(5)]
    expected = [posting for posting in sorted(shuffled) if posting[2] != -1]
    assert posting_columns(shuffled) == tuple(zip(*expected))[2:]
    assert posting_columns([_posting(-1), _posting(-1)]) == ((), (), ())


def test_grouped_postings_iterate_as_whooshs_pool():
    pool = GroupingPool.replacing(mock.Mock(current=[], runs=[], tempstore=None, segment=None, limit=1 << 20))
    items = [(field, term, docnum, 1.0, b"") for docnum in (5, 2, 8) for field in ("title", "body")
             for term in (b"b", b"a", b"\xc3\xa4")]
    for item in items:
        pool.add(item)
    grouped = pool.iter_postings()
    assert isinstance(grouped, GroupedPostings)
    assert list(grouped) == sorted(items)
    assert pool.fieldnames == {"title", "body"}
    with pytest.raises(TypeError):
        pool.add(("body", "text", 1, 1.0, b""))


@pytest.mark.parametrize("count", [1, 2, 256, 257, 700])
def test_a_posting_list_written_whole_is_the_one_written_posting_by_posting(count):
    from io import BytesIO

    from whoosh.codec.whoosh3 import W3TermInfo
    from whoosh.filedb.structfile import StructFile
    from whoosh.formats import Positions

    rng = random.Random(count)
    docnums = sorted(rng.sample(range(3 * count + 5), count))
    weights = [rng.choice([1.0, 3.0, 0.1 * rng.randint(1, 50), 1 / 3]) for _ in docnums]
    values = [rng.choice([b"", b"\x01", bytes(rng.randrange(256) for _ in range(rng.randint(1, 9)))]) for _ in docnums]
    length_bytes = bytes(rng.choice([0, rng.randint(1, 255)]) for _ in range(3 * count + 6))
    written = []
    for whole in (False, True):
        postfile = StructFile(BytesIO())
        writer = ArrayPostingsWriter(postfile, blocklimit=search_codec.BLOCK_LIMIT, inlinelimit=1)
        writer.start_postings(Positions(), W3TermInfo())
        if whole:
            writer.add_posting_list(tuple(docnums), tuple(weights), tuple(values), length_bytes)
        else:
            with mock.patch.object(ArrayPostingsWriter, "_write_block", reference_write_block):
                for docnum, weight, value in zip(docnums, weights, values):
                    length = search_codec._LENGTHS[length_bytes[docnum]] if length_bytes[docnum] else None
                    writer.add_posting(docnum, weight, value, length)
                if writer._ids:
                    writer._write_block(last=True)
        info = writer.finish_postings()
        written.append((postfile.file.getvalue(), info.to_bytes(), info.weight()))
    assert written[1] == written[0]
