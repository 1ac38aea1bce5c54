from hypothesis import given, settings, strategies as st

from stripper.assemble import joined, kept_lines, removed_lines, render, stats
from stripper.model import Cut, Document, Stats, cut_position


def cut(a, b):
    return Cut(a, b, "t/r", "share")


def test_no_cuts_is_identity():
    text = "a\r\n\r\n\r\nb\n\n"
    assert render(Document.from_text(text), []) == text


def test_blank_run_left_by_a_cut_collapses():
    doc = Document.from_text("A\n\nX\n\nB\n")
    assert render(doc, [cut(2, 3)]) == "A\n\nB\n"


def test_leading_and_trailing_blanks_left_by_cuts_go():
    doc = Document.from_text("X\n\nA\n\nY\nZ\n")
    assert render(doc, [cut(0, 1), cut(4, 6)]) == "A\n"


def test_original_blank_runs_elsewhere_stay():
    doc = Document.from_text("A\n\n\nB\nX\nC\n")
    assert render(doc, [cut(4, 5)]) == "A\n\n\nB\nC\n"


def test_no_final_newline_is_kept():
    doc = Document.from_text("A\nB\nX")
    assert render(doc, [cut(2, 3)]) == "A\nB"


def test_crlf_is_kept():
    doc = Document.from_text("A\r\nX\r\nB\r\n")
    assert render(doc, [cut(1, 2)]) == "A\r\nB\r\n"


def test_inline_spans():
    doc = Document.from_text("abc XYZ def\n")
    assert render(doc, [Cut(0, 1, "t/r", "script", span=(4, 8))]) == "abc def\n"


_LINES = st.lists(st.sampled_from(["", " ", "a", "b c", "\t", "x\u064b"]), min_size=0, max_size=8)
_ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])


@settings(max_examples=400, deadline=None)
@given(lines=_LINES, endings=st.lists(_ENDINGS, min_size=8, max_size=8), last_open=st.booleans(), data=st.data())
def test_stats_read_from_the_kept_lines_are_the_output_text_counts(lines, endings, last_open, data):
    """`stats` counts the output from its kept lines as the output's text
    counts it: its lines are its "\\n"s, and one more where it ends without
    one; its characters, all but "\\r" and "\\n"."""
    text = "".join(line + end for line, end in zip(lines, endings))
    if last_open and lines:
        text = text[: len(text) - len(endings[len(lines) - 1])]
    doc = Document.from_text(text)
    n = len(doc.lines)
    whole = data.draw(st.lists(st.integers(0, max(n - 1, 0)), max_size=3)) if n else []
    cuts = sorted({cut(i, i + 1) for i in whole}, key=cut_position)
    for i in range(n):
        if i not in whole and len(doc.lines[i]) >= 2 and data.draw(st.booleans()):
            cuts.append(Cut(i, i + 1, "t/r", "share", span=(0, 1)))
    cuts.sort(key=cut_position)
    removed = removed_lines(cuts)
    kept = kept_lines(doc, cuts, removed)
    out = joined(kept)
    assert out == render(doc, cuts)
    breaks = out.count("\n")
    assert stats(doc, kept, removed) == Stats(
        lines_in=n,
        lines_out=breaks + (1 if out and not out.endswith("\n") else 0),
        chars_in=sum(map(len, doc.lines)),
        chars_out=len(out) - breaks - out.count("\r"),
        lines_cut=len(removed),
    )


@settings(max_examples=300, deadline=None)
@given(lines=_LINES, endings=st.lists(_ENDINGS, min_size=8, max_size=8), data=st.data())
def test_kept_lines_from_a_view_of_the_same_spans_are_those_cut_again(lines, endings, data):
    """`kept_lines` given the lines of the view `without_spans` made of the
    same inline cuts (the pipeline's first pass) keeps what it keeps
    cutting the spans out again, lines cut whole among them."""
    from stripper.assemble import without_spans

    doc = Document.from_text("".join(line + end for line, end in zip(lines, endings)))
    n = len(doc.lines)
    spans = []
    for i in range(n):
        size = len(doc.lines[i])
        if size and data.draw(st.booleans()):
            a = data.draw(st.integers(0, size - 1))
            spans.append(Cut(i, i + 1, "t/r", "script", span=(a, data.draw(st.integers(a + 1, size)))))
    view = without_spans(doc, spans)
    whole = data.draw(st.lists(st.integers(0, max(n - 1, 0)), max_size=3)) if n else []
    cuts = sorted([*spans, *{cut(i, i + 1) for i in whole}], key=cut_position)
    removed = removed_lines(cuts)
    assert kept_lines(doc, cuts, removed, view.lines) == kept_lines(doc, cuts, removed)
