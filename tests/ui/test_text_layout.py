"""Wrapping keeps body offsets, so hits and mentions land on the line a reader sees them on."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from index.models import Span
from reader.ui.passages import passage_around
from reader.ui.text_layout import wrap_body

BODY = ("Der französische Präsident Emmanuel Macron hatte am Mittwoch erklärt, die Koalition werde "
        "die Pläne billigen.\n\nNATO-Generalsekretär Mark Rutte zeigte sich verständnislos.\n"
        "Ein dritter Absatz.")


def test_lines_fit_the_width_and_never_split_a_word():
    lines = [line for line in wrap_body(BODY, 24) if line is not None]
    assert all(len(BODY[line.start:line.end]) <= 24 for line in lines)
    words = BODY.split()
    rejoined = " ".join(BODY[line.start:line.end] for line in lines).split()
    assert rejoined == words


def test_paragraphs_are_separated_by_one_blank_line():
    lines = wrap_body(BODY, 200)
    assert [BODY[s.start:s.end] if s else None for s in lines] == [
        BODY.split("\n")[0], None, BODY.split("\n")[2], None, "Ein dritter Absatz."]


def test_a_word_longer_than_the_line_is_folded():
    body = "kurz Donaudampfschifffahrtsgesellschaftskapitän lang"
    lines = [body[s.start:s.end] for s in wrap_body(body, 10) if s]
    assert lines == ["kurz", "Donaudampf", "schifffahr", "tsgesellsc", "haftskapit", "än lang"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab cäß\n  .x"), max_size=300), st.integers(min_value=1, max_value=40))
def test_every_non_space_character_is_on_exactly_one_line(body, width):
    covered = []
    for line in wrap_body(body, width):
        if line is not None:
            covered.extend(range(line.start, line.end))
    assert len(covered) == len(set(covered))
    assert {i for i, c in enumerate(body) if not c.isspace()} <= set(covered)


def test_a_passage_is_the_sentence_around_the_mention():
    start = BODY.index("Rutte")
    passage = passage_around(BODY, Span(start=start, end=start + 5))
    assert BODY[passage.start:passage.end] == "NATO-Generalsekretär Mark Rutte zeigte sich verständnislos."


def test_a_passage_stops_at_the_previous_sentence_end():
    start = BODY.index("Pläne")
    passage = passage_around(BODY, Span(start=start, end=start + 5))
    assert BODY[passage.start:passage.end].startswith("Der französische Präsident")
    assert BODY[passage.start:passage.end].endswith("billigen.")


def test_cutting_a_painted_body_into_lines_keeps_text_and_styles():
    from rich.text import Text

    from reader.ui.text_layout import cut_lines

    painted = Text(BODY)
    start = BODY.index("Macron")
    painted.stylize("bold", start, start + len("Macron"))
    spans = [span for span in wrap_body(BODY, 30) if span is not None]
    lines = cut_lines(painted, spans)
    assert [line.plain for line in lines] == [BODY[s.start:s.end] for s in spans]
    styled = [(line.plain[span.start:span.end], str(span.style)) for line in lines for span in line.spans]
    assert styled == [("Macron", "bold")]
