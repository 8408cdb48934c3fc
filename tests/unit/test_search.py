"""The search index as a reader uses it: queries, ranking, snippets, highlights, and a damaged index."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import index.search.whoosh.engine as search_module
from index.analysis import fold, index_terms, normalize, query_terms
from index.errors import LibraryError, QueryError
from index.search.backend import IndexDocument
from index.search.whoosh.engine import VERSION_FILE, WhooshBackend
from tests.unit.search_helpers import searched, spans as match_spans

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
BERLIN = ZoneInfo("Europe/Berlin")
SEED_PUBLISHED = datetime(2025, 9, 4, 11, 0, tzinfo=BERLIN)


def _seed_documents() -> list[IndexDocument]:
    docs = []
    for path in SEEDS:
        title, _, body = path.read_text(encoding="utf-8").strip().partition("\n")
        text = title + "\n" + body
        docs.append(
            IndexDocument(
                id=path.stem,
                title=title.strip(),
                body=body,
                source="Eulerpool News" if "Eulerpool" in title else "tagesschau.de",
                published=SEED_PUBLISHED,
                kind="liveblog" if title.strip() == "liveblog" else "article",
                tags=["Ukraine"],
                entity_ids=[f"Q-{name.lower()}" for name in ("Macron", "Merz") if re.search(rf"\b{name}\b", text)],
            )
        )
    return docs


OWN = [
    IndexDocument(
        id="hydrogen-title",
        title="Wasserstoff für die Industrie",
        body="Die Regierung stellt ein Förderprogramm vor. Es geht um Energie für Stahlwerke im Ruhrgebiet.",
        source="Handelsblatt",
        published=datetime(2025, 9, 2, 9, 0, tzinfo=BERLIN),
        kind="article",
        tags=["Energie", "Industrie"],
    ),
    IndexDocument(
        id="hydrogen-body",
        title="Energiepolitik im Überblick",
        body="Neben Wind und Sonne soll auch Wasserstoff eine Rolle spielen. Der Ausbau der Netze stockt.",
        source="dpa",
        published=datetime(2025, 9, 1, 8, 0, tzinfo=BERLIN),
        kind="article",
        tags=["Energie"],
    ),
    IndexDocument(
        id="football",
        title="Fußball am Abend",
        body="Thomas Müller traf zweimal. Der Trainer lobte die Mannschaft für ihre Geduld.",
        source="Sportschau",
        published=datetime(2025, 8, 30, 20, 0, tzinfo=BERLIN),
        kind="liveblog",
    ),
    IndexDocument(
        id="night",
        title="Nachtsitzung in Brüssel",
        body="Die Minister einigten sich kurz nach Mitternacht auf neue Sanktionen. Auf der Straße vor dem "
        "Ratsgebäude warteten Demonstranten mit Grüßen an die Ukraine-Unterstützer.",
        source="AFP",
        published=datetime(2025, 9, 4, 23, 30, tzinfo=UTC),  # 01:30 on 5 September in Berlin
        kind="article",
    ),
]
DOCS = {doc.id: doc for doc in _seed_documents() + OWN}
ENTITIES = {("person", "macron"): ["Q-macron"], ("person", "emmanuel macron"): ["Q-macron"], ("person", "merz"): ["Q-merz"]}


def fetch(ids: list[str]) -> dict[str, IndexDocument]:
    return {doc_id: DOCS[doc_id] for doc_id in ids}


def entity_ids_for(kind: str, name: str) -> list[str]:
    return ENTITIES.get((kind, name.lower()), [])


def containing(word: str) -> set[str]:
    """Ids of the documents whose title or body has ``word`` as a whole word."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
    return {doc.id for doc in DOCS.values() if pattern.search(doc.title + "\n" + doc.body)}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> WhooshBackend:
    search_index = WhooshBackend.open(tmp_path_factory.mktemp("search") / "index")
    assert search_index.add(DOCS.values()) == len(DOCS)
    yield search_index
    search_index.close()


def found(index: WhooshBackend, query: str, **options) -> set[str]:
    options.setdefault("entity_ids_for", entity_ids_for)
    return {hit.id for hit in searched(index, query, 50, fetch=fetch, **options)}


# --- German words -------------------------------------------------------------------------


def test_a_word_finds_the_compounds_built_on_it(index: WhooshBackend) -> None:
    assert containing("Luftverteidigungssysteme") and containing("Verteidigungsfähigkeit")
    assert found(index, "Verteidigung") >= containing("Luftverteidigungssysteme") | containing("Verteidigungsfähigkeit")
    assert found(index, "Panzer") == containing("Schützenpanzer")
    assert found(index, "Luftverteidigung") >= containing("Luftverteidigungssysteme")
    assert found(index, "Garantien") >= containing("Sicherheitsgarantien")


def test_spelling_without_umlauts_or_sharp_s_finds_the_original(index: WhooshBackend) -> None:
    assert found(index, "Aussenamtssprecherin") == containing("Außenamtssprecherin")
    assert found(index, "Mueller") == found(index, "Muller") == {"football"}


def test_highlights_paint_the_whole_compound(index: WhooshBackend) -> None:
    hits = searched(index, "Panzer", fetch=fetch)
    assert hits
    for hit in hits:
        assert [DOCS[hit.id].body[span.start : span.end] for span in hit.body_matches] == ["Schützenpanzer"]


# --- operators ----------------------------------------------------------------------------


def test_words_are_anded_by_default(index: WhooshBackend) -> None:
    assert found(index, "Macron Merz") == containing("Macron") & containing("Merz")
    assert found(index, "Macron UND Merz") == containing("Macron") & containing("Merz")


def test_or_not_minus_and_parentheses(index: WhooshBackend) -> None:
    macron, merz, rutte = containing("Macron"), containing("Merz"), containing("Rutte")
    assert found(index, "Macron OR Merz") == macron | merz
    assert found(index, "Macron ODER Merz") == macron | merz
    assert found(index, "Macron NOT Merz") == macron - merz
    assert found(index, "Macron -Merz") == macron - merz
    assert found(index, "(Macron OR Merz) AND Rutte") == (macron | merz) & rutte
    # A minus inside parentheses, beside other words
    assert found(index, "Rutte (Macron -Merz)") == rutte & (macron - merz)
    assert found(index, "(Macron -Merz) OR Rutte") == (macron - merz) | rutte


def test_phrases_need_the_words_in_order(index: WhooshBackend) -> None:
    assert found(index, '"Koalition der Willigen"') == containing("Koalition der Willigen")
    assert found(index, "„Willigen Koalition“") == set()
    # ~N lets the words stand up to N positions apart (stop words do not count).
    assert found(index, '"Regierung Förderprogramm"') == set()
    assert found(index, '"Regierung Förderprogramm"~3') == {"hydrogen-title"}
    hit = searched(index, '"Koalition der Willigen"', fetch=fetch)[0]
    body = DOCS[hit.id].body
    assert {re.sub(r"\s+", " ", body[span.start : span.end]) for span in hit.body_matches} == {"Koalition der Willigen"}


def test_prefix_and_wildcard(index: WhooshBackend) -> None:
    assert found(index, "Verteid*") >= containing("Verteidigungsfähigkeit") | containing("Luftverteidigungssysteme")
    assert found(index, "Sicherheitsgar*") == found(index, "Sicherheitsgarantien")
    assert found(index, "Garantien*") >= containing("Garantien")
    assert found(index, "Sel?nskyj") == containing("Selenskyj")
    assert found(index, "Rüstung?industrien") == containing("Rüstungsindustrien")


def test_fuzzy_terms_tolerate_a_misspelling(index: WhooshBackend) -> None:
    only_y = containing("Selenskyj") - containing("Selenskij")
    assert only_y
    assert not found(index, "Selenskij") & only_y
    assert found(index, "Selenskij~") >= only_y
    assert not found(index, "Selenski~") & only_y
    assert found(index, "Selenski~2") >= only_y
    # The first two letters are kept unless the query asks for a shorter prefix.
    assert not found(index, "Slenskyj~") & only_y
    assert found(index, "Slenskyj~1/1") >= only_y


# --- fields -------------------------------------------------------------------------------


def test_title_matches_rank_first(index: WhooshBackend) -> None:
    hits = searched(index, "Wasserstoff", fetch=fetch)
    assert [hit.id for hit in hits] == ["hydrogen-title", "hydrogen-body"]
    assert found(index, "title:Wasserstoff") == found(index, "titel:Wasserstoff") == {"hydrogen-title"}
    assert hits[0].title_matches and hits[0].title[hits[0].title_matches[0].start :].startswith("Wasserstoff")


def test_source_kind_and_tags(index: WhooshBackend) -> None:
    assert found(index, "source:dpa") == found(index, "quelle:DPA") == {"hydrogen-body"}
    eulerpool = {doc.id for doc in DOCS.values() if doc.source == "Eulerpool News"}
    assert eulerpool and found(index, 'source:"Eulerpool News"') == eulerpool
    assert found(index, 'source:"News Eulerpool"') == set()
    assert found(index, "kind:liveblog") == {doc.id for doc in DOCS.values() if doc.kind == "liveblog"}
    assert found(index, "tag:energie") == found(index, "tags:Energie") == {"hydrogen-title", "hydrogen-body"}
    assert found(index, "tag:industrie Förderprogramm") == {"hydrogen-title"}


def test_dates_are_days_in_berlin(index: WhooshBackend) -> None:
    seeds = {path.stem for path in SEEDS}
    assert found(index, "date:2025-09-04") == seeds
    assert found(index, "date:05.09.2025") == {"night"}  # 23:30 UTC on the 4th
    assert found(index, "published:[2025-09-01 TO 2025-09-02]") == {"hydrogen-title", "hydrogen-body"}
    assert found(index, "published:>2025-09-01") == seeds | {"hydrogen-title", "night"}
    assert found(index, "published:>=2025-09-01") == seeds | {"hydrogen-title", "hydrogen-body", "night"}
    assert found(index, "published:<2025-09-01") == {"football"}
    assert found(index, "published:2025-08") == {"football"}
    assert found(index, "Wasserstoff date:[2025-09-02 TO]") == {"hydrogen-title"}


def test_a_date_only_search_lists_the_newest_first(index: WhooshBackend) -> None:
    hits = searched(index, "published:[2025-08-01 TO 2025-09-30]", 3, fetch=fetch)
    newest = sorted((doc for doc in DOCS.values() if doc.published), key=lambda doc: doc.published, reverse=True)
    assert [hit.published for hit in hits] == [doc.published for doc in newest[:3]]


def test_dates_inside_or_and_not_still_select(index: WhooshBackend) -> None:
    assert found(index, "Wasserstoff OR date:2025-08-30") == {"hydrogen-title", "hydrogen-body", "football"}
    assert found(index, "Wasserstoff NOT date:2025-09-01") == {"hydrogen-title"}
    assert found(index, "Wasserstoff date:2025-08") == set()


def test_date_searches_follow_replaced_and_undated_articles(tmp_path: Path) -> None:
    search_index = WhooshBackend.open(tmp_path / "index")
    dated = IndexDocument(id="a", title="Meldung", body="Windkraft", source=None,
                          published=datetime(2025, 9, 2, 9, 0, tzinfo=BERLIN), kind="article")
    search_index.add([dated, _doc("undated", "Windkraft")])
    assert {hit.id for hit in searched(search_index, "date:2025-09-02", fetch=fetch_any)} == {"a"}
    search_index.add([dataclasses.replace(dated, published=datetime(2025, 9, 3, 9, 0, tzinfo=BERLIN))])
    assert {hit.id for hit in searched(search_index, "date:2025-09-02", fetch=fetch_any)} == set()
    assert {hit.id for hit in searched(search_index, "Windkraft date:2025-09-03", fetch=fetch_any)} == {"a"}
    search_index.close()


def test_hits_carry_source_date_and_title(index: WhooshBackend) -> None:
    (hit,) = searched(index, "Förderprogramm", fetch=fetch)
    assert (hit.id, hit.title, hit.source) == ("hydrogen-title", "Wasserstoff für die Industrie", "Handelsblatt")
    assert hit.published == OWN[0].published
    assert hit.score > 0


# --- entities -----------------------------------------------------------------------------


def test_person_queries_use_the_entity_callback(index: WhooshBackend) -> None:
    calls = []

    def lookup(kind: str, name: str) -> list[str]:
        calls.append((kind, name))
        return entity_ids_for(kind, name)

    assert found(index, "person:Macron", entity_ids_for=lookup) == containing("Macron")
    assert found(index, 'person:"Emmanuel Macron" Rutte', entity_ids_for=lookup) == containing("Macron") & containing("Rutte")
    assert ("person", "Emmanuel Macron") in calls
    assert found(index, "person:Macron OR person:Merz") == containing("Macron") | containing("Merz")


def test_unknown_entities_match_nothing(index: WhooshBackend) -> None:
    assert found(index, "person:Niemand Paris") == set()
    assert found(index, "org:Macron") == set()
    assert found(index, "person:Macron", entity_ids_for=None) == set()
    assert found(index, "person:Niemand OR Förderprogramm") == {"hydrogen-title"}


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        '"Koalition der Willigen',
        "(Macron OR Merz",
        "Macron OR Merz)",
        "published:[2025-09-01 TO 2025-09-05",
        "published:[2025-09-01]",
        "published:[2025-13-01 TO 2025-09-05]",
        "published:[2025-09-05 TO 2025-09-01]",
        "date:gestern",
        "date:2025-02-30",
        "autor:Merz",
        "der die das",
        "Selenskij~5",
        "Merz AND",
        "OR Merz",
        "Merz NOT",
        "title:",
        "published:>",
    ],
)
def test_malformed_queries_raise_one_clear_sentence(index: WhooshBackend, query: str) -> None:
    with pytest.raises(QueryError) as caught:
        searched(index, query, fetch=fetch)
    message = str(caught.value)
    assert message.endswith(".") and "\n" not in message and "Traceback" not in message
    assert len(message) < 200


def test_colons_in_ordinary_text_are_not_fields(index: WhooshBackend) -> None:
    assert found(index, "Merz: Macron") == containing("Macron") & containing("Merz")


# --- snippets and highlights --------------------------------------------------------------


def test_snippet_shows_the_match_and_its_offsets(index: WhooshBackend) -> None:
    for hit in searched(index, "Luftverteidigung", fetch=fetch):
        body = DOCS[hit.id].body
        assert hit.body_matches and hit.snippet_matches
        assert len(hit.snippet) <= 260
        for span in hit.body_matches:
            assert normalize("Luftverteidigung") in index_terms(body[span.start : span.end])
        for span in hit.snippet_matches:
            assert hit.snippet[span.start : span.end] in {body[s.start : s.end] for s in hit.body_matches}
        if not body.startswith(hit.snippet.rstrip(" …")[:20]):
            assert hit.snippet.startswith("…")


def test_snippet_prefers_a_passage_with_every_term(index: WhooshBackend) -> None:
    both = containing("Macron") & containing("Merz")
    for hit in searched(index, "Macron Merz", fetch=fetch):
        assert hit.id in both
        shown = {hit.snippet[span.start : span.end] for span in hit.snippet_matches}
        assert shown == {"Macron", "Merz"}


def test_snippet_without_body_match_is_the_beginning(index: WhooshBackend) -> None:
    (hit,) = searched(index, "title:Wasserstoff", fetch=fetch)
    assert hit.snippet.startswith("Die Regierung stellt ein Förderprogramm vor.")
    assert hit.body_matches == [] and hit.snippet_matches == []


def test_match_spans_highlight_positive_terms_only(index: WhooshBackend) -> None:
    text = "Die Luftverteidigungssysteme in Paris. Verteidigung bleibt wichtig, sagte Merz."
    spans = match_spans(index, "Verteidigung NOT Merz", text)
    assert [text[span.start : span.end] for span in spans] == ["Luftverteidigungssysteme", "Verteidigung"]


def test_hits_the_store_does_not_know_are_left_out(index: WhooshBackend) -> None:
    def partial_fetch(ids: list[str]) -> dict[str, tuple[str, str]]:
        return {doc_id: text for doc_id, text in fetch(ids).items() if doc_id != "hydrogen-body"}

    assert [hit.id for hit in searched(index, "Wasserstoff", fetch=partial_fetch)] == ["hydrogen-title"]


# --- writing and the index on disk --------------------------------------------------------


def fetch_any(ids: list[str]) -> dict[str, tuple[str, str]]:
    return {doc_id: ("Meldung", "Windkraft") for doc_id in ids}


def _doc(doc_id: str, body: str) -> IndexDocument:
    return IndexDocument(id=doc_id, title="Meldung", body=body, source=None, published=None, kind="article")


def test_adding_an_id_again_replaces_it(tmp_path: Path) -> None:
    search_index = WhooshBackend.open(tmp_path / "index")
    assert search_index.needs_rebuild  # a new index has to be filled from the store
    search_index.add([_doc("a", "Windkraft im Norden"), _doc("b", "Solarstrom im Süden")])
    search_index.add([_doc("a", "Geothermie im Westen")])
    assert search_index.doc_count() == 2 and search_index.ids() == {"a", "b"}
    assert [hit.id for hit in searched(search_index, "Geothermie", fetch=lambda ids: {"a": ("Meldung", "Geothermie im Westen")})] == ["a"]
    assert searched(search_index, "Windkraft", fetch=lambda ids: {}) == []
    search_index.delete(["b"])
    assert search_index.ids() == {"a"}
    search_index.clear()
    assert search_index.doc_count() == 0 and search_index.ids() == set()
    search_index.close()


def test_reopening_keeps_the_documents(tmp_path: Path) -> None:
    first = WhooshBackend.open(tmp_path / "index")
    first.add([_doc("a", "Windkraft im Norden")])
    first.close()
    again = WhooshBackend.open(tmp_path / "index")
    assert not again.needs_rebuild and again.ids() == {"a"}
    again.close()


def test_a_new_schema_version_starts_empty_and_asks_for_a_rebuild(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = WhooshBackend.open(tmp_path / "index")
    first.add([_doc("a", "Windkraft im Norden")])
    first.close()
    monkeypatch.setattr(search_module, "SCHEMA_VERSION", search_module.SCHEMA_VERSION + 1)
    upgraded = WhooshBackend.open(tmp_path / "index")
    assert upgraded.needs_rebuild and upgraded.doc_count() == 0
    assert (tmp_path / "index" / VERSION_FILE).read_text().strip() == str(search_module.SCHEMA_VERSION)
    upgraded.close()


@pytest.mark.parametrize("damage", ["toc", "terms", "postings", "version"])
def test_a_damaged_index_is_recreated_empty(tmp_path: Path, damage: str) -> None:
    directory = tmp_path / "index"
    first = WhooshBackend.open(directory)
    first.add([_doc("a", "Windkraft im Norden")])
    first.close()
    if damage == "version":
        (directory / VERSION_FILE).write_text("not a number")
    else:
        pattern = {"toc": "_MAIN_*.toc", "terms": "MAIN_*.trm", "postings": "MAIN_*.pst"}[damage]
        assert list(directory.glob(pattern)), pattern
        for path in directory.glob(pattern):
            path.write_bytes(path.read_bytes()[:40] + b"\x00garbage")
    damaged = WhooshBackend.open(directory)
    assert damaged.needs_rebuild and damaged.doc_count() == 0
    damaged.add([_doc("b", "Solarstrom im Süden")])
    assert [hit.id for hit in searched(damaged, "Solarstrom", fetch=lambda ids: {"b": ("Meldung", "Solarstrom")})] == ["b"]
    damaged.close()


_HOLD_WRITER = """
import sys, whoosh.index
writer = whoosh.index.open_dir(sys.argv[1]).writer()
print("locked", flush=True)
sys.stdin.readline()
writer.cancel()
"""


def test_a_busy_index_waits_then_reports_busy(tmp_path: Path) -> None:
    directory = tmp_path / "index"
    search_index = WhooshBackend.open(directory)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_WRITER, str(directory)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        search_index.writer_timeout = 0.2
        with pytest.raises(LibraryError, match="busy"):
            search_index.add([_doc("a", "Windkraft")])
        # With time to wait, the add goes through once the other process lets go.
        search_index.writer_timeout = 30
        release = threading.Timer(0.3, lambda: (holder.stdin.write("\n"), holder.stdin.flush()))
        release.start()
        assert search_index.add([_doc("a", "Windkraft")]) == 1
        assert search_index.ids() == {"a"}
    finally:
        holder.kill()
        holder.wait()
        search_index.close()


def test_every_word_the_index_matched_is_highlighted_and_nothing_else(index: WhooshBackend) -> None:
    """Highlights come from a fast candidate search; they must equal a word-by-word check."""
    from index.analysis import WORD_PATTERN, analyze_words

    text = "\n\n".join(doc.body for doc in DOCS.values())
    words = sorted(set(WORD_PATTERN.findall(text)))
    queries = [word for word in words[::7] if query_terms(word)] + ["Ukrainekrieg", "Strasse", "Aussenamt*", "Sicherheitsgar*"]
    analyzed = list(analyze_words(text))
    for query in queries:
        if query.endswith("*"):
            prefix = fold(query[:-1].lower())
            expected = [text[s:e] for s, e, _p, terms in analyzed if any(term.startswith(prefix) for term in terms)]
        else:
            wanted = normalize(query)
            expected = [text[s:e] for s, e, _p, terms in analyzed if wanted in terms]
        spans = match_spans(index, query, text)
        assert [text[span.start : span.end] for span in spans] == expected, query


def test_one_and_two_letter_terms_highlight_whole_words_only(index: WhooshBackend) -> None:
    """What a reader typing "St" or "Ge" searches for: the candidate search takes a shortcut
    for such terms, which must still find exactly the words the analysis matches."""
    from index.analysis import analyze_words

    text = ("Die St. Pauli-Kirche, der Staat, die Stadt und der EU-Gipfel. Ich tue es, sagt Joe; "
            "Tu es! 25 Stunden, 2025, Ölpreis, Oel, OEL-Lampe, ge-, Ge, Mé, Me, Zoe, Zoë und Südost-EU.")
    analyzed = list(analyze_words(text))
    for query in ["St", "EU", "tue", "Tu", "25", "Oel", "Ge", "Me", "Zoe", "Joe"]:
        wanted = normalize(query)
        assert len(wanted) <= 2, query  # the shortcut's case
        expected = [text[s:e] for s, e, _p, terms in analyzed if wanted in terms]
        assert expected, query
        spans = match_spans(index, query, text)
        assert [text[span.start : span.end] for span in spans] == expected, query


def test_fuzzy_highlights_follow_new_documents(tmp_path: Path) -> None:
    search_index = WhooshBackend.open(tmp_path / "index")
    text = "Geothermie im Westen"
    assert match_spans(search_index, "Geotermie~", text) == []  # nothing indexed is that close yet
    search_index.add([_doc("a", text)])
    assert [text[span.start : span.end] for span in match_spans(search_index, "Geotermie~", text)] == ["Geothermie"]
    search_index.close()


def test_ranking_scores_are_whoosh_bm25f_scores(tmp_path: Path) -> None:
    """The fast scorer (lengths read once per segment) must rank exactly as Whoosh's BM25F."""
    import whoosh.index
    from whoosh import scoring
    from whoosh.qparser import MultifieldParser

    from index.search.whoosh.scoring import FastBM25F

    search_index = WhooshBackend.open(tmp_path / "index")
    docs = list(DOCS.values())
    search_index.add(docs[: len(docs) // 2])  # two commits: two segments
    search_index.add(docs[len(docs) // 2:])
    search_index.close()
    ix = whoosh.index.open_dir(str(tmp_path / "index"))
    assert len(ix._segments()) == 2
    parser = MultifieldParser(["title", "body"], ix.schema)
    for text in ("Wasserstoff", "Merz Macron", '"die Ukraine"', "Panzer OR Energie"):
        query = parser.parse(text)
        with ix.searcher(weighting=scoring.BM25F()) as plain, ix.searcher(weighting=FastBM25F()) as fast:
            expected = [(hit.docnum, round(hit.score, 9)) for hit in plain.search(query, limit=None)]
            got = [(hit.docnum, round(hit.score, 9)) for hit in fast.search(query, limit=None)]
        assert expected and got == expected, text


def test_warming_up_an_empty_or_filled_index_leaves_search_working(tmp_path: Path) -> None:
    search_index = WhooshBackend.open(tmp_path / "index")
    search_index.warm_up()  # the app does this right after opening, also for a new library
    assert searched(search_index, "Windkraft", fetch=fetch_any) == []
    search_index.add([_doc("a", "Windkraft im Norden"), _doc("b", "Solarstrom im Süden")])
    search_index.warm_up()
    assert [hit.id for hit in searched(search_index, "Windkraft", fetch=fetch_any)] == ["a"]
    search_index.close()
