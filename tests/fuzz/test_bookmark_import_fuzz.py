"""No hand edit of a bookmarks file crashes `bookmarks import` or costs a bookmark already there
(#27.12): mutated exports give imported bookmarks, skipped ones named by line, or one sentence."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.library import Library
from reader.bookmarks import BookmarkImportError, export_markdown, import_markdown

MARKER = re.compile(r"^(<!-- reader:(?:bookmark|article) )(\{.*\})( -->)$")
KEYS = ["id", "start", "end", "tags", "created", "updated", "title", "url", "path", "published"]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(min_value=2**62, max_value=2**70)
    | st.floats(allow_nan=False) | st.text(max_size=20) | st.sampled_from(["2025-09-04T09:00:00+02:00", "\ud800"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6)
LINES = st.text(max_size=40) | st.sampled_from(
    ["> ein Zitat", "#tag #zwei", "*Mentions:* Macron", "## Eine Überschrift", "<!-- reader:bookmark {} -->",
     "<!-- reader:bookmark [1] -->", "<!-- reader:article {\"id\": 5} -->", "&#27;]2;x&#7;", "\\", ""])


@st.composite
def mutations(draw):
    kind = draw(st.sampled_from(["value", "delete", "duplicate", "insert", "truncate"]))
    return kind, draw(st.integers(min_value=0, max_value=10**6)), draw(st.sampled_from(KEYS)), \
        draw(JSON_VALUES), draw(LINES)


def mutate(text: str, steps) -> str:
    lines = text.split("\n")
    for kind, where, key, value, line in steps:
        at = where % len(lines)
        markers = [n for n, candidate in enumerate(lines) if MARKER.match(candidate)]
        if kind == "value" and markers:
            n = markers[where % len(markers)]
            head, payload, tail = MARKER.match(lines[n]).groups()
            data = json.loads(payload)
            data[key] = value
            lines[n] = head + json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e") + tail
        elif kind == "delete" and len(lines) > 1:
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, lines[at])
        elif kind == "insert":
            lines.insert(at, line)
        elif kind == "truncate":
            lines = lines[:max(at, 1)]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def libraries(seeded_library_template, tmp_path_factory):
    """A library with bookmarks to export, and the one the mutated exports are imported into."""
    opened = []
    for name in ("source", "target"):
        data_dir = tmp_path_factory.mktemp("bookmark_fuzz") / name
        shutil.copytree(seeded_library_template, data_dir)
        opened.append(Library.open(data_dir))
    source, target = opened
    ids = [a.id for a in source.articles()]
    source.bookmarks.add(ids[0], note="Ganzer Artikel\n\n- eine Liste", tags=["Ukraine", "2025"])
    source.bookmarks.add(ids[0], quote="Macron", note="eine Stelle", tags=["a/b"])
    source.bookmarks.add(ids[1], quote="Paris")
    source.bookmarks.add(ids[2], note="Notiz mit \x1b]2;Titel\x07")
    target.bookmarks.add(ids[3], note="schon da", tags=["bleibt"])
    yield export_markdown(source), target
    for library in opened:
        library.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(mutations(), min_size=1, max_size=4))
def test_a_mutated_export_never_crashes_the_import_nor_loses_a_bookmark(libraries, steps):
    export, target = libraries
    before = [b.model_dump() for b in target.bookmarks.list()]
    try:
        result = import_markdown(target, mutate(export, steps))
    except BookmarkImportError as refused:
        assert str(refused).strip() and "\n" not in str(refused)
    else:
        for sentence in result.skipped:
            assert re.match(r"Bookmark \d+ at line \d+ \(", sentence), sentence
    after = [b.model_dump() for b in target.bookmarks.list()]
    assert all(bookmark in after for bookmark in before)
