from hypothesis import given, strategies as st

from stripper.model import Cut, Document


def test_line_endings_are_kept_per_line():
    text = "a\r\nb\nc\rd"
    doc = Document.from_text(text)
    assert doc.lines == ("a", "b", "c", "d")
    assert doc.endings == ("\r\n", "\n", "\r", "")
    assert doc.text == text


def test_final_newline_and_empty():
    assert Document.from_text("").lines == ()
    assert Document.from_text("x\n").endings == ("\n",)


@given(st.text())
def test_round_trip_any_text(text):
    assert Document.from_text(text).text == text


def test_cut_dict_round_trip():
    cut = Cut(3, 4, "site/r", "script", "m", span=(1, 5), origin="rules/x.yml:3")
    assert Cut.from_dict(cut.to_dict()) == cut
