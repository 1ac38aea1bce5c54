import pytest
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


def test_the_written_inits_take_the_fields_as_a_dataclass_would():
    """Document, Stats and CleanResult write their own __init__ (it stores
    the fields at once): its parameters are the fields, in order, with
    their defaults (None for a default factory's, which makes it), and
    what it stores is what the arguments say."""
    import dataclasses
    import inspect

    from stripper.model import CleanResult, Stats

    for cls in (Document, Stats, CleanResult):
        parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
        assert [p.name for p in parameters] == [f.name for f in dataclasses.fields(cls)]
        for p, f in zip(parameters, dataclasses.fields(cls)):
            if f.default_factory is not dataclasses.MISSING:
                assert p.default is None
            else:
                assert p.default == (inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default)
    doc = Document(("a",), ("",), "s", "http://x", True, "cp1256", {"format": "html"})
    assert dataclasses.astuple(doc) == (("a",), ("",), "s", "http://x", True, "cp1256", {"format": "html"})
    assert Document(("a",), ("",)).meta == {} and Document(("a",), ("",)).meta is not Document(("a",), ("",)).meta
    assert dataclasses.replace(doc, source="t").source == "t"
    stats = Stats(1, 2, 3, 4, 5)
    assert dataclasses.astuple(stats) == (1, 2, 3, 4, 5)
    result = CleanResult(doc, (), "a", stats, "site", "ar", "why", "off", ((0, "r"),))
    assert dataclasses.astuple(result)[2:] == ("a", (1, 2, 3, 4, 5), "site", "ar", "why", "off", ((0, "r"),))
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.source = "u"  # type: ignore[misc]


@given(st.text(alphabet=st.sampled_from(["a", "B", " ", "\n", "ß", "Σ", "ي", "İ", "ſ", "x"]), max_size=12))
def test_folds_as_is_says_what_comparing_the_folded_text_says(text):
    """`folds_as_is`, told where the folded text is made (or a view takes
    it as it is), is what comparing that text with the matching form says."""
    doc = Document.from_text(text)
    assert not doc.folds_as_is()  # (not made yet)
    folded, norm = doc.folded_text, doc.normalized_text
    assert doc.folds_as_is() == (len(folded) == len(norm) + 1 and folded.endswith(norm))
