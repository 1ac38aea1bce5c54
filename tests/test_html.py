"""HTML input: pages become lines, the DOM decides what it can, the text
rules cut the rest, and the text path never loads the HTML libraries."""

import json
import subprocess
import sys
from dataclasses import replace

import pytest
from click.testing import CliRunner
from hypothesis import given, strategies as st

from stripper.cli import cli
from stripper.errors import InputError
from stripper.html import looks_like_html, read_html
from stripper.model import Cut, Document
from stripper.pipeline import clean, default_registry
from stripper.rules.registry import RuleRegistry

from .conftest import ROOT, seed_paths

PAGE = ROOT / "tests" / "data" / "html" / "arabic_insertion.html"


def invoke(*args):
    return CliRunner().invoke(cli, [*map(str, args), "--no-config"], catch_exceptions=False)


def test_pages_become_lines_with_their_elements():
    assert looks_like_html(PAGE.read_bytes()) and not looks_like_html(seed_paths()[0].read_bytes())
    doc = read_html(PAGE.read_bytes(), str(PAGE))
    assert doc.meta["format"] == "html"
    assert doc.lines[0] == "الرئيسية العالم رياضة"
    blocks = dict(zip(doc.lines, doc.meta["blocks"]))
    h1 = "بوتين يلتقي الأسد في الكرملين لبحث التوتر في الشرق الأوسط"
    assert blocks[h1].heading and blocks[h1].tag == "h1"
    assert "شاهد ايضاً: مسؤولون بوسنيون يتحدون قوانين صرب البوسنة الانفصالية أمام المحكمة العليا" in doc.lines


def test_the_insertion_trafilatura_keeps_is_cut_and_attributed():
    import trafilatura

    from stripper.html.engines import readability_text

    html = PAGE.read_text(encoding="utf-8")
    assert "مسؤولون بوسنيون" in (trafilatura.extract(html) or "")  # the peers keep it
    assert "مسؤولون بوسنيون" in readability_text(html)
    for engine, decider in (
        ("auto", "html.readable"),
        ("trafilatura", "html.trafilatura"),
        ("readability", "html.readability"),
        ("stripper", "html.readable"),
    ):
        result = clean(read_html(PAGE.read_bytes(), str(PAGE)), default_registry(), engine=engine)
        assert "مسؤولون بوسنيون" not in result.text and "شاهد" not in result.text
        assert "التقى الرئيس الروسي فلاديمير بوتين" in result.text
        assert "ولم يقدم الكرملين تفاصيل إضافية" in result.text
        for gone in ("الرئيسية", "الأكثر قراءة", "جميع الحقوق محفوظة"):
            assert gone not in result.text, (engine, gone)
        rules = {c.rule_id for c in result.cuts}
        assert "common-ar/read-also" in rules and decider in rules


def test_charset_from_the_bytes_and_the_meta_tag():
    body = "<html><head><meta charset='windows-1256'></head><body><p>نص عربي قديم الترميز</p></body></html>"
    doc = read_html(body.encode("windows-1256"), "legacy.html")
    assert doc.lines == ("نص عربي قديم الترميز",)
    with pytest.raises(InputError, match="bad.html: cannot decode the page"):
        read_html(b"<html><meta charset='nonsense-9'><body>\xff\xfe\xfa</body></html>", "bad.html")


def _news_site(tmp_path, html_section: str) -> RuleRegistry:
    """Rules with a site "news" for the test page, with this `html:` section."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "news.yml").write_text(
        "site: news\nmatch:\n  - filename: 'arabic_insertion'\n"
        + html_section
        + "rules:\n  - {id: footer, kind: line, category: footer, raw: 'جميع الحقوق'}\n",
        encoding="utf-8",
    )
    return RuleRegistry.load([rules])


def test_site_html_selectors_drop_and_pick_the_body(tmp_path):
    registry = _news_site(tmp_path, "html:\n  drop: ['header']\n  body: 'article'\n")
    result = clean(read_html(PAGE.read_bytes(), str(PAGE)), registry)
    rules_used = {c.rule_id for c in result.cuts}
    assert {"html.drop:news", "html.outside-body:news"} <= rules_used
    assert "التقى الرئيس الروسي" in result.text
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.yml").write_text(
        "site: x\nhtml:\n  drop: ['div[']\nrules:\n  - {id: a, kind: line, category: share, tokens: [Share]}\n"
    )
    out = CliRunner().invoke(cli, ["rules", "validate", "--rules", str(bad)])
    assert out.exit_code == 2 and "x.yml:3:9: CSS selector 'div[' does not parse" in out.output


def test_cli_cleans_a_page_to_text_and_the_engine_can_be_chosen(tmp_path):
    out = tmp_path / "out"
    result = invoke("clean", PAGE.parent, "-o", out)
    assert result.exit_code == 1, result.output
    text = (out / "arabic_insertion.txt").read_text(encoding="utf-8")
    assert "مسؤولون بوسنيون" not in text and "التقى الرئيس الروسي" in text
    assert invoke("clean", "--engine", "stripper", PAGE).exit_code == 1
    diff = invoke("diff", PAGE).output
    assert "html.readable" in diff and "common-ar/read-also" in diff
    diff = invoke("diff", "--engine", "trafilatura", PAGE).output
    assert "html.trafilatura" in diff and "common-ar/read-also" in diff
    in_place = invoke("clean", "--in-place", PAGE)
    assert in_place.exit_code == 2 and "not rewritten in place" in in_place.output
    as_text = invoke("clean", "--input-format", "text", PAGE)
    assert "<p>" in as_text.stdout  # read as a text dump when told so


def test_jsonl_html_field(tmp_path):
    shard = tmp_path / "pages.jsonl"
    shard.write_text(
        json.dumps({"id": 1, "html": PAGE.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    result = invoke("clean", shard, "-o", tmp_path / "out", "-q")
    assert result.exit_code == 1, result.output
    record = json.loads((tmp_path / "out" / "pages.jsonl").read_text(encoding="utf-8"))
    assert "التقى الرئيس الروسي" in record["text"] and "html" in record


def test_text_path_never_imports_the_html_libraries(tmp_path):
    code = (
        "import sys; from stripper.cli import main; from stripper.pipeline import clean_text;"
        f"clean_text(open({str(seed_paths()[0])!r}, encoding='utf-8').read());"
        "print(sorted(m for m in ('selectolax', 'trafilatura', 'lxml', 'justext') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_processing_instruction_in_the_body_is_skipped():
    # lexbor gives `<?php ... ?>` left in a page a node without a tag
    page = (
        b"<html><body><?php include('nav.inc'); ?><p>A sentence of the article "
        b"that is long enough to stay.</p></body></html>"
    )
    doc = read_html(page, "php.html")
    assert doc.lines == ("A sentence of the article that is long enough to stay.",)


def test_noscript_content_is_read():
    page = (
        b"<html><body><noscript><div><p>The whole article sits inside a noscript "
        b"element on some old pages.</p></div></noscript></body></html>"
    )
    assert read_html(page, "noscript.html").lines == (
        "The whole article sits inside a noscript element on some old pages.",
    )


def test_trafilatura_output_wrapped_inside_a_line_still_matches():
    from stripper.html.dom import extraction_cuts
    from stripper.html.engines import trafilatura_text

    items = "".join(
        f"<li>Item {n}: as soon as you arrive home place the tree in a bucket of water.\n"
        f"Should the sap on the butt of the tree have become crusty,\ncut a thin slice off "
        f"the butt and place it in water immediately, says the guide number {n}.</li>"
        for n in range(6)
    )
    page = (
        f"<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav>"
        f"<article><h1>Care of real Christmas trees</h1><ul>{items}</ul></article>"
        f"</body></html>"
    ).encode()
    doc = read_html(page, "wrapped.html")
    kept = trafilatura_text(doc.meta["html"])
    cut = {i for c in extraction_cuts(doc, kept, "trafilatura") for i in range(c.start, c.end)}
    items_kept = [line for i, line in enumerate(doc.lines) if line.startswith("Item") and i not in cut]
    assert len(items_kept) == 6


def test_the_classifier_stays_out_when_trafilatura_kept_most_of_the_page():
    from stripper.model import Cut
    from stripper.pipeline import _classifier_off

    page = (
        b"<html><body>"
        + b"".join(b"<p>Paragraph %d of the article, long enough.</p>" % n for n in range(10))
        + b"<p>Home</p></body></html>"
    )
    doc = read_html(page, "mostly-article.html")
    assert "more than 60%" in _classifier_off(True, True, doc, [], "trafilatura")
    most = [Cut(0, 8, "html.trafilatura", "boilerplate", "test")]
    assert _classifier_off(True, True, doc, most, "trafilatura") is None
    # readability and stripper's finder pick the article's container: not second-guessed
    for rule_id in ("html.readability", "html.readable"):
        most = [Cut(0, 8, rule_id, "boilerplate", "test")]
        assert "chose the article's lines" in _classifier_off(True, True, doc, most, "auto")


def test_auto_asks_trafilatura_only_when_the_article_is_in_doubt(monkeypatch):
    from stripper.html import engines
    from stripper.html.readable import Article
    from stripper.html.thresholds import FINDER

    doc = read_html(PAGE.read_bytes(), str(PAGE))
    article = "التقى الرئيس الروسي فلاديمير بوتين"
    line = next(i for i, text in enumerate(doc.lines) if text.startswith(article))
    small = Article(frozenset({line}), {i: "outside" for i in range(len(doc.lines)) if i != line}, "p", 300)
    # the test page is short: one line is most of it
    limits = replace(FINDER, small_share=0.9, auto_ratio=2.5)
    monkeypatch.setattr(engines, "find_article", lambda *args: small)
    monkeypatch.setattr(engines, "trafilatura_text", lambda page, fast: "\n".join(doc.lines[line : line + 2]))
    cuts = engines.extractor_cuts(doc, "auto", limits=limits)  # under 2.5x as much: the finder decides
    assert {c.rule_id for c in cuts} == {"html.readable"}
    assert "trafilatura, asked since the article was under 90% of the page, kept less than 2.5x" in cuts[0].message
    monkeypatch.setattr(engines, "trafilatura_text", lambda page, fast: "\n".join(doc.lines[line:]))
    cuts = engines.extractor_cuts(doc, "auto", limits=limits)
    assert {c.rule_id for c in cuts} == {"html.trafilatura"}
    assert "picked over stripper's article (the article was under 90% of the page)" in cuts[0].message
    kept = set(range(len(doc.lines))) - {i for c in cuts for i in range(c.start, c.end)}
    headline = "بوتين يلتقي الأسد في الكرملين لبحث التوتر في الشرق الأوسط"  # the h1 stays
    assert {doc.lines[i] for i in kept if doc.lines[i].strip()} == {headline, *doc.lines[line:]} - {""}
    # not small, but another part of the page scored nearly as well: split, or a wrong pick
    limits = replace(FINDER, small_share=0.0, split_share=0.9, auto_ratio=2.5)
    monkeypatch.setattr(engines, "find_article", lambda *args: replace(small, runner_up=0.7))
    cuts = engines.extractor_cuts(doc, "auto", limits=limits)
    assert {c.rule_id for c in cuts} == {"html.trafilatura"} and "scored 70% as well" in cuts[0].message

    def not_needed(page, fast):
        raise AssertionError("trafilatura ran although the article was not in doubt")

    monkeypatch.setattr(engines, "find_article", lambda *args: small)  # no runner-up
    monkeypatch.setattr(engines, "trafilatura_text", not_needed)
    cuts = engines.extractor_cuts(doc, "auto", limits=limits)
    assert {c.rule_id for c in cuts} == {"html.readable"}


def kept_after_extraction(page: str, extracted: str) -> tuple[list[int], tuple[str, ...]]:
    """The non-blank lines of `page` that survive an extractor whose output is
    `extracted` (their indexes), and all the page's lines."""
    from stripper.html.dom import extraction_cuts

    doc = read_html(page.encode(), "page.html")
    gone = {i for c in extraction_cuts(doc, extracted, "test") for i in range(c.start, c.end)}
    return [i for i, line in enumerate(doc.lines) if line.strip() and i not in gone], doc.lines


def test_extractor_text_is_matched_once_and_short_lines_in_their_place():
    first = "First paragraph of the story, with enough words to be matched by them."
    second = "Second paragraph of the story, with enough words to be matched too."
    page = (
        f"<html><body><p>News</p><h1>Title of the story</h1><p>{first}</p><h2>News</h2>"
        f"<p>{second}</p><div>{first} {second}</div></body></html>"
    )
    kept, lines = kept_after_extraction(page, f"Title of the story\n{first}\nNews\n{second}\n")
    # the menu word above the story goes, the same word as a subheading stays,
    # and the flattened second copy of the story goes
    assert [lines[i] for i in kept] == ["Title of the story", first, "News", second]


def test_text_extracted_from_pages_is_stable_under_the_rules():
    """A page's cleaned text, cleaned again as a text dump with the rules
    alone, comes back unchanged (docs/html.md: a corpus of text extracted by
    stripper keeps its hook stable with `generic: false`). A sample of the
    bench's pages, every engine that extracts."""
    from .conftest import require_shared

    pages = sorted(require_shared("bench").glob("*/html/*.html"))[::16]
    assert len(pages) > 30
    registry = default_registry()
    for path in [PAGE, *pages]:
        for engine in ("auto", "trafilatura"):
            text = clean(read_html(path.read_bytes(), str(path)), registry, engine=engine).text
            again = clean(Document.from_text(text), registry, classifier=False)
            assert again.text == text, (path.name, engine, [c.rule_id for c in again.cuts])


def test_a_teaser_copy_above_the_story_goes_and_the_story_keeps_its_paragraph():
    lead = "The minister said on Monday that the talks had been useful and would go on next week."
    rest = "Officials from both sides met in Geneva for three days of talks behind closed doors."
    page = (
        f"<html><body><div class='teaser'><p>{lead}</p></div><h1>Talks go on</h1>"
        f"<p>{lead}</p><p>{rest}</p></body></html>"
    )
    kept, _ = kept_after_extraction(page, f"Talks go on\n{lead}\n{rest}\n")
    assert kept == [1, 2, 3]


def test_a_page_readability_cannot_read_gives_no_text_and_no_traceback(caplog, capsys):
    from stripper.html.engines import readability_text

    assert readability_text("") == ""  # lxml: "Document is empty"
    assert not [r for r in caplog.records if r.name.startswith("readability")]
    assert "Traceback" not in capsys.readouterr().err
    doc = read_html(b"<html><body><p>", "truncated.html")
    assert clean(doc, default_registry()).text == ""


def test_readability_text_is_readabilitys_own_and_leaves_its_module_as_it_was():
    """stripper's readability calls skip the cleaner's javascript pass (a
    speed-up): the text must be what readability gives with it, and the
    module's cleaner must be back in place after the call."""
    import lxml.html
    from readability import Document as ReadabilityDocument, readability as module

    from stripper.html.engines import block_text, readability_text

    page = PAGE.read_text(encoding="utf-8").replace(
        "<p>", '<p onclick="go()"><a href="javascript:void(0)">link</a> ', 2
    )
    cleaner, text_clean = module.html_cleaner, module.clean
    ours = readability_text(page)
    assert module.html_cleaner is cleaner and cleaner.javascript and module.clean is text_clean
    theirs = block_text(lxml.html.fromstring(ReadabilityDocument(page).summary(html_partial=True)))
    assert ours == theirs and "link" in ours


@given(st.text(alphabet=st.sampled_from(" \t\n\r\u00a0\u2003ab.")) | st.text())
def test_clean_text_is_readabilitys_clean(text):
    from readability.readability import clean

    from stripper.html.engines import _clean_text

    assert _clean_text(text) == clean(text)
    assert _clean_text(" " * 300 + text) == clean(" " * 300 + text)


def test_the_article_finder_keeps_the_story_and_says_why_the_rest_went():
    from stripper.html.readable import find_article

    story = "".join(
        f"<p>Paragraph {n} of the story, with commas, clauses, and enough words to count.</p>" for n in range(6)
    )
    page = (
        f"<html><body><div class='menu'><a href='/'>Home</a> <a href='/news'>News</a></div>"
        f"<div id='main'><div class='post-content'>{story}"
        f"<ul class='share'><li><a href='/f'>Share on Facebook</a></li><li><a href='/t'>Share on X</a></li></ul>"
        f"</div>"
        f"<div id='comments' class='comment-list'><p>A reader wrote this comment, at length, "
        f"and with commas, about the story.</p></div></div>"
        f"<div style='display: none'><p>Hidden text, which no reader ever sees, on any page.</p></div>"
        f"<div class='footer'>Copyright 2026, all rights reserved, every one of them.</div></body></html>"
    )
    doc = read_html(page.encode(), "page.html")
    article = find_article(doc.lines, doc.meta["blocks"], doc.meta["elements"])
    kept = [doc.lines[i] for i in sorted(article.kept)]
    assert kept == [f"Paragraph {n} of the story, with commas, clauses, and enough words to count." for n in range(6)]
    assert article.best == "div.post-content"
    why = {doc.lines[i].split()[0]: reason for i, reason in article.why.items()}
    assert "looks like furniture" in why["Home"] and "div.menu" in why["Home"]
    assert "looks like furniture" in why["A"]  # the comment
    assert "link density" in why["Share"]  # inside the article, mostly a link
    assert "its style hides" in why["Hidden"]
    assert "looks like furniture" in why["Copyright"]
    # every line is either kept or has a reason
    assert set(article.why) | article.kept == set(range(len(doc.lines)))


def test_hidden_elements_make_no_lines_whatever_the_attribute_holds():
    page = (
        b"<html><body><p>Shown.</p><div hidden>Bare.</div><div hidden=''>Empty.</div>"
        b"<div hidden='hidden'>Named.</div></body></html>"
    )
    assert list(read_html(page, "hidden.html").lines) == ["Shown."]


def test_the_finder_counts_arabic_and_cjk_commas():
    from stripper.html.readable import _commas

    assert _commas("one, two") == 1 and _commas("قال، ثم أضاف، وختم") == 2 and _commas("一，二、三") == 2


def test_removed_subtrees_are_kept_as_disjoint_tops():
    from stripper.html.readable import _Removed

    # element numbers in document order; last[e] is e's last descendant:
    # 1 holds 2..5, 2 holds 3..4, 6 stands alone
    last = [6, 5, 4, 3, 4, 5, 6]
    removed = _Removed(last)
    removed.add(3)
    removed.add(6)
    assert removed.tops == [3, 6] and removed.holds(3) and not removed.holds(4)
    removed.add(2)  # holds 3: 3 goes with it
    assert removed.tops == [2, 6] and removed.holds(4) and removed.inside(1) == [2]
    removed.add(4)  # already out, inside 2
    assert removed.tops == [2, 6] and not removed.holds(5) and not removed.holds(1)


def test_the_finder_keeps_an_article_inside_tables_nested_deep():
    from stripper.html.readable import find_article

    paragraphs = "".join(f"<p>Paragraph {n}, with a comma, long enough to score.</p>" for n in range(300))
    page = "<html><body>" + "<table><tr><td>" * 200 + paragraphs + "</td></tr></table>" * 200 + "</body></html>"
    doc = read_html(page.encode(), "deep.html")
    article = find_article(doc.lines, doc.meta["blocks"], doc.meta["elements"])
    assert len(article.kept) == 300 == len(doc.lines)


def test_a_sites_drop_selectors_go_first_and_the_engine_decides_the_rest(tmp_path):
    registry = _news_site(tmp_path, "html:\n  drop: ['header']\n")
    doc = read_html(PAGE.read_bytes(), str(PAGE))
    result = clean(doc, registry)
    dropped = {i for c in result.cuts if c.rule_id == "html.drop:news" for i in range(c.start, c.end)}
    assert dropped and "html.readable" in {c.rule_id for c in result.cuts}  # the finder decided the rest
    for i in dropped:  # cut once, by the site's selector, not again by the finder
        assert [c.rule_id for c in result.cuts if c.start <= i < c.end] == ["html.drop:news"]
    assert "التقى الرئيس الروسي" in result.text and "الرئيسية" not in result.text


def test_without_lines_splits_cuts_around_lines_already_cut():
    from stripper.html.dom import without_lines

    cuts = [Cut(0, 5, "html.readable", "boilerplate", "outside"), Cut(7, 8, "x", "boilerplate", "y")]
    assert [(c.start, c.end) for c in without_lines(cuts, frozenset({0, 2, 7}))] == [(1, 2), (3, 5)]
    assert without_lines(cuts, frozenset()) == cuts


def test_a_pages_language_is_its_articles_read_once(monkeypatch):
    from stripper import pipeline

    calls = []
    detect = pipeline.language_of_sample
    monkeypatch.setattr(pipeline, "language_of_sample", lambda sample: calls.append(sample) or detect(sample))
    menu = "".join(
        f"<li><a href='/{n}'>Read the latest world news and analysis from our desk {n}</a></li>" for n in range(40)
    )
    story = "".join(
        f"<p>وقال الرئيس في مؤتمر صحفي إن المحادثات كانت بناءة ومثمرة، وأضاف أن الجولة {n} ستعقد قريبا.</p>"
        for n in range(4)
    )
    page = (
        f"<html><body><div class='sidebar'><ul>{menu}</ul></div><div class='post-content'>{story}</div></body></html>"
    ).encode()
    result = clean(read_html(page, "page.html"), default_registry())
    assert result.language == "ar" and "وقال الرئيس" in result.text and "world news" not in result.text
    assert len(calls) == 1  # on the article, not first on the page's menus and then again
