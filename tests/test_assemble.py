from stripper.assemble import render
from stripper.model import Cut, Document


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
