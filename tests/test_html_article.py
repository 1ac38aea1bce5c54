"""The article finder on pages written for each way it failed: the next
story of an endless page, an article in short blocks, a post above its
related posts' teasers, a page with no article to trust; the safety valve
on a page; invisible characters inside words."""

from dataclasses import replace

from stripper.html import read_html
from stripper.html.readable import find_article
from stripper.html.signals import page_signals
from stripper.html.thresholds import FINDER, trying
from stripper.model import Document
from stripper.pipeline import clean, clean_text, default_registry
from stripper.report.jsonout import replay, to_json
from stripper.rules.registry import RuleRegistry

MENU = "".join(f'<li><a href="/s{n}">Section number {n}</a></li>' for n in range(40))
HEADER = f"<header><nav><ul>{MENU}</ul></nav></header>"
FOOTER = '<footer><p><a href="/about">About us</a> <a href="/legal">Legal notice</a></p></footer>'


def page(title: str, body: str, head: str = "") -> bytes:
    return (
        f"<!doctype html><html><head><title>{title}</title>{head}</head><body>{HEADER}{body}{FOOTER}</body></html>"
    ).encode()


def kept_text(html: bytes, engine: str = "auto", **kw):
    result = clean(read_html(html, "page.html", kw.pop("url", None)), default_registry(), engine=engine, **kw)
    return result


# --- the next story of an endless page ------------------------------------
FIRST = [
    f"The storm reached the coast at dawn, flooding the harbour road {n}, and the town "
    f"council opened the school gym as a shelter for the night."
    for n in range(3)
]
SECOND = [
    f"The budget bill, debated for {n + 2} weeks, passed by a wide margin, and the minister "
    f"said that schools, roads, and hospitals would share the new money, as promised."
    for n in range(9)
]


def endless_page() -> bytes:
    first = "".join(f"<p>{p}</p>" for p in FIRST)
    second = "".join(f"<p>{p}</p>" for p in SECOND)
    return page(
        "Storm floods the coast road - Daily Gazette",
        f"<main><article><h1>Storm floods the coast road</h1><div>{first}</div></article>"
        f"<article><h1>Parliament passes the budget after a long debate</h1>"
        f"<div>{second}</div></article></main>",
        '<meta property="og:title" content="Storm floods the coast road">',
    )


def test_the_first_story_of_an_endless_page_is_taken_not_the_next_ones_body():
    for engine in ("auto", "stripper"):
        result = kept_text(endless_page(), engine)
        assert "Storm floods the coast road" in result.text
        assert all(p in result.text for p in FIRST), engine
        assert not any(p in result.text for p in SECOND), engine
        assert "Parliament passes" not in result.text
        messages = " ".join(c.message for c in result.cuts if c.rule_id == "html.readable")
        assert "under the page's headline" in messages and "under another headline" in messages
    # the step is what does it: without it, the next story's longer body wins
    doc = read_html(endless_page(), "page.html")
    article = find_article(
        doc.lines,
        doc.meta["blocks"],
        doc.meta["elements"],
        signals=page_signals(doc.meta["html"], None),
        limits=replace(FINDER, region_share=1e9),
    )
    assert any(doc.lines[i] == SECOND[0] for i in article.kept)


def test_without_the_pages_headline_the_longer_story_wins():
    """The choice is the headline's doing: a page whose title names neither
    story gets readability's pick, the longer body."""
    html = endless_page().replace(b"Storm floods the coast road - Daily Gazette", b"Daily Gazette")
    html = html.replace(b'<meta property="og:title" content="Storm floods the coast road">', b"")
    doc = read_html(html, "page.html")
    article = find_article(
        doc.lines, doc.meta["blocks"], doc.meta["elements"], signals=page_signals(doc.meta["html"], None)
    )
    assert any(doc.lines[i] == SECOND[0] for i in article.kept)


# --- an article in short blocks ---------------------------------------------
SHORT = [f"Line {n} of the poem." for n in range(60)]


def test_an_article_in_short_blocks_is_found_not_the_menus():
    html = page(
        "The sea, a poem - Verses",
        "<h1>The sea, a poem</h1><div>"
        + "".join(f"<p>{line}</p>" for line in SHORT)
        + "</div>"
        + '<div class="links">'
        + "".join(f'<div><a href="/p{n}">Another poem here, number {n}</a></div>' for n in range(30))
        + "</div>",
    )
    for engine in ("auto", "stripper"):
        result = kept_text(html, engine)
        assert all(line in result.text for line in SHORT), engine
        assert "Section number" not in result.text and "Another poem here" not in result.text, engine
        assert result.text.count("\n") < 70


def test_short_blocks_score_only_in_numbers():
    """Without the short-block step no paragraph scores, and the page has no
    article the finder can trust."""
    html = page("The sea", "<div>" + "".join(f"<p>{line}</p>" for line in SHORT) + "</div>")
    doc = read_html(html, "page.html")
    off = replace(FINDER, short_run_blocks=10**6)
    assert find_article(doc.lines, doc.meta["blocks"], doc.meta["elements"], limits=off).untrusted
    found = find_article(doc.lines, doc.meta["blocks"], doc.meta["elements"])
    assert found.untrusted is None and {doc.lines[i] for i in found.kept} >= set(SHORT)


# --- a blog post above its related posts -------------------------------------
POST = [
    "I finally repaired the old bicycle this weekend, and it rides better than ever.",
    "The chain was rusted through, so I replaced it, and the brakes needed new pads too.",
]
TEASERS = [f"How I rebuilt a vintage lamp, part {n}" for n in range(10)]
EXCERPT = "Notes, tips, photos, from the workshop, on lamps, wires, and shades."


def blog_page() -> bytes:
    cards = "".join(
        f'<div class="card"><a href="/post{n}"><img src="/i{n}.jpg"></a>'
        f'<h3><a href="/post{n}">{title}</a></h3>'
        f"<p>{EXCERPT}</p></div>"
        for n, title in enumerate(TEASERS)
    )
    post = "".join(f"<p>{p}</p>" for p in POST)
    return page(
        "Repairing the old bicycle | My workshop blog",
        f"<section><h1>Repairing the old bicycle</h1><div>{post}</div></section>"
        f'<section><h2>You may also like</h2><div class="more">{cards}</div></section>',
    )


def test_a_blog_post_is_taken_not_its_related_posts_teasers():
    for engine in ("auto", "stripper"):
        result = kept_text(blog_page(), engine)
        assert all(p in result.text for p in POST), engine
        assert not any(t in result.text for t in TEASERS) and EXCERPT not in result.text, engine
    messages = {c.message for c in kept_text(blog_page(), "stripper").cuts}
    assert any("teasers (short blocks, each with a link and an image)" in m for m in messages)


def test_the_teasers_win_without_the_teaser_step():
    doc = read_html(blog_page(), "page.html")
    off = replace(FINDER, teaser_cards=10**6)
    article = find_article(doc.lines, doc.meta["blocks"], doc.meta["elements"], limits=off)
    kept = {doc.lines[i] for i in article.kept}
    assert EXCERPT in kept and POST[0] not in kept


# --- no article to trust ------------------------------------------------------
def test_a_page_with_no_article_says_so_and_falls_back_to_trafilatura():
    html = page("Links", "<ul>" + "".join(f"<li>Item {n}</li>" for n in range(20)) + "</ul>")
    for engine, fallback in (("auto", "trafilatura"), ("stripper", "stripper")):
        result = kept_text(html, engine)
        record = to_json(result)
        assert record["no_article"]["category"] == "no-article"
        assert record["no_article"]["fallback"] == fallback
        assert "no paragraph" in record["no_article"]["reason"]
    result = kept_text(html, "auto")
    assert any("trafilatura's extraction instead" in c.message for c in result.cuts)
    from stripper.report.terminal import header

    assert any("no article to trust (no-article): no paragraph" in line.plain for line in header(result))
    assert to_json(clean(Document.from_text("just text\n"), default_registry()))["no_article"] is None


def test_signals_read_from_the_head_json_ld_and_url():
    html = (
        '<html><head><title>A &amp; B - Site</title><meta property="og:title" content="Big news today">'
        '<meta name="description" content="The long description of the story here">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Big \\"news\\" today"}'
        "</script></head><body></body></html>"
    )
    signals = page_signals(html, "https://example.com/2024/05/storm-hits-the-coast.html")
    assert frozenset({"a", "b", "site"}) in signals.titles and frozenset({"big", "news", "today"}) in signals.titles
    assert signals.headline_match(frozenset({"a", "b"}), 0.6)  # the title less the site's name
    assert not signals.headline_match(frozenset({"site", "news"}), 0.6)  # a third of a title
    assert frozenset({"storm", "hits", "the", "coast"}) in signals.titles
    assert "description" in signals.description
    # broken pages and URLs give no signals, not an error
    assert page_signals("", None).titles == ()
    assert page_signals('<script type="application/ld+json">{"headline": "x', "http://[::1").titles == ()
    assert page_signals("<title>" + "a " * 10_000, "::").titles == ()  # an unclosed title


# --- the headline the page states, in an h2 under the site's name --------------
def headline_in_h2_page() -> bytes:
    body = "".join(f"<p>{p}</p>" for p in POST + FIRST)
    return page(
        "Repairing the old bicycle | My workshop blog",
        '<div class="site"><h1>My workshop blog</h1></div>'
        '<div class="post"><div class="post-header"><h2>Repairing the old bicycle</h2><span>May 3</span></div>'
        f'<div class="entry-content">{body}</div></div>',
    )


def test_the_headline_the_page_states_stays_though_its_first_h1_is_the_sites_name():
    """GUIDELINE.md counts the headline as main content: the first h1-h3
    whose words are the page's title stays, wherever the article was cut
    (here its header, whose class looks like furniture to the finder)."""
    for engine in ("auto", "stripper"):
        result = kept_text(headline_in_h2_page(), engine)
        assert result.text.splitlines()[0] == "Repairing the old bicycle", engine
        assert "My workshop blog" not in result.text and all(p in result.text for p in POST + FIRST), engine


# --- a slideshow whose slides the page hides --------------------------------------
SLIDES = [
    f"Slide {n}: a paper tablecloth, crayons, and a set of stamps keep the children busy, for ${n + 10}."
    for n in range(30)
]
INTRO = "Getting the kids to sit still at a family meal is the hardest thing, so here are our ideas."


def slideshow_page() -> bytes:
    """A slideshow as a reader first sees it: its headline and standfirst;
    the slides wait under `display:none` for a script to show them one at a
    time (trafilatura reads no style attribute and takes them all)."""
    slides = "".join(
        f'<div id="slide{n}" style="display:none"><p>{s}</p><p>Available at shop{n}.com.</p></div>'
        for n, s in enumerate(SLIDES)
    )
    return page(
        "Holiday table ideas - Candy",
        '<section class="flipbook"><div class="intro"><h1>Keep the kids busy at the table</h1>'
        f'<p>{INTRO}</p></div><div class="slides">{slides}</div></section>',
    )


def test_a_small_article_stands_over_trafilaturas_text_the_page_hides():
    result = kept_text(slideshow_page())
    assert result.text == f"Keep the kids busy at the table\n{INTRO}\n"
    messages = " ".join(c.message for c in result.cuts if c.rule_id == "html.readable")
    assert "trafilatura, asked since the article was under 5% of the page" in messages
    assert "of it is text the page's style hides: stripper's article stands" in messages
    # the step is what does it: without it, trafilatura's text (the hidden slides) wins
    with trying(replace(FINDER, extractor_hidden_share=float("inf"))):
        assert all(s in kept_text(slideshow_page()).text for s in SLIDES)


def test_a_page_with_no_article_to_trust_keeps_the_finders_pick_over_hidden_text():
    """The same test guards the fallback of a page with no article to
    trust (here a weak one: the bar set above the intro's score)."""
    with trying(replace(FINDER, min_score=100.0)):
        result = kept_text(slideshow_page())
    assert result.text == f"Keep the kids busy at the table\n{INTRO}\n"
    record = to_json(result)["no_article"]
    assert record["category"] == "weak" and record["fallback"] == "stripper"
    assert any("no article to trust (weak" in c.message and "style hides" in c.message for c in result.cuts)


# --- the safety valve on a page -----------------------------------------------
def _rules_cutting(tmp_path, word: str) -> RuleRegistry:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "site.yml").write_text(
        "site: valve\nmatch:\n  - filename: 'page'\n"
        f"rules:\n  - {{id: all, kind: line, category: boilerplate, raw: '{word}'}}\n",
        encoding="utf-8",
    )
    return RuleRegistry.load([rules])


def test_the_finders_cuts_never_trip_the_valve():
    result = kept_text(endless_page(), "stripper", max_cut_share=0.5)
    assert result.stats.share_cut > 0.5  # the menus, the footer, the next story
    assert result.held_back is None and all(p in result.text for p in FIRST)


def test_the_valve_guards_the_rules_cuts_on_the_article(tmp_path):
    registry = _rules_cutting(tmp_path, "coast|council")
    doc = read_html(endless_page(), "page.html")
    result = clean(doc, registry, engine="stripper", max_cut_share=0.5)
    assert result.held_back and "of the article" in result.held_back
    # held back: the article as the finder took it, not the page's menus
    assert all(p in result.text for p in FIRST) and "Section number" not in result.text
    assert replay(doc, to_json(result)) == result.text
    applied = clean(doc, registry, engine="stripper")
    assert not any(p in applied.text for p in FIRST)


# --- invisible characters ------------------------------------------------------
def test_soft_hyphens_and_zero_width_characters_leave_words_read_from_html():
    html = page(
        "Words", "<p>An extra\u00adordinary co\u200bop\u200dera\u2060tion of\ufeffficers, and a word\u200b alone.</p>"
    )
    doc = read_html(html, "page.html")
    assert "An extraordinary cooperation officers, and a word\u200b alone." in doc.lines


def test_text_dumps_keep_invisible_characters_byte_for_byte():
    text = "An extra\u00adordinary co\u200bop\u200dera\u2060tion, written back as it was.\n"
    assert clean_text(text) == text


# --- comments under a post, in containers named for them ----------------------
POST_TEXT = [
    f"The old bridge, closed since {n + 1990}, reopens this spring, and the walk from the "
    f"market to the river takes ten minutes again, as it did before the flood."
    for n in range(3)
]
COMMENTS = [
    f"I crossed that bridge every morning for {n + 3} years, and I missed it, the detour, the "
    f"traffic, the noise, all of it, so this is good news, thank you, for telling us, really."
    for n in range(8)
]


def commented_page() -> bytes:
    """A blog in a table layout, its comments in `div.commentbody` (whose
    "body" saves them from readability's furniture test) beside the post."""
    post = "".join(f"<p>{p}</p>" for p in POST_TEXT)
    comments = "".join(
        f'<div class="commentbody by-reader{n}"><p>{c}</p><p class="posted">Posted by: reader {n}</p></div>'
        for n, c in enumerate(COMMENTS)
    )
    return page(
        "The old bridge reopens - Town blog",
        f'<table><tr><td class="contentcell"><h2>The old bridge reopens</h2>{post}'
        f'<div class="commentform"><h2 id="comments">Comments</h2></div>{comments}</td></tr></table>',
    )


def test_comments_in_containers_named_for_them_are_not_the_article():
    for engine in ("auto", "stripper"):
        result = kept_text(commented_page(), engine)
        assert all(p in result.text for p in POST_TEXT), engine
        assert not any(c in result.text for c in COMMENTS), engine
    messages = {c.message for c in kept_text(commented_page(), "stripper").cuts}
    assert "inside div.commentbody.by-reader0, whose class or id names comments" in messages


def test_only_whole_words_name_comments():
    from stripper.html.readable import _comments

    for names in ("commentbody by-x", " comments", "comment-content", "post comment_list"):
        assert _comments(names), names
    for names in ("commentable", "js-comment-body", "no-comments-yet", "entry-content"):
        assert not _comments(names), names


# --- a table's rows as the best part ------------------------------------------
RANKING_INTRO = [
    "The town's bakeries, ranked by the readers who wrote in this winter, and what each of "
    "them bakes best, from rye loaves to the almond cake that sells out by noon.",
    "Prices are this month's, taken at the counter; opening hours change in summer, so call "
    "ahead before you cross the town for a loaf.",
]
ROWS = [f"Bakery number {n} on the market square, famous for its rye and its seeded rolls" for n in range(12)]


def ranking_page() -> bytes:
    rows = "".join(f"<tr><td>{n}</td><td>{row}</td></tr>" for n, row in enumerate(ROWS))
    intro = "".join(f"<p>{p}</p>" for p in RANKING_INTRO)
    return page("The town's best bakeries", f"<div><h1>The town's best bakeries</h1>{intro}<table>{rows}</table></div>")


def test_a_table_stands_for_its_rows_so_the_prose_beside_it_joins():
    doc = read_html(ranking_page(), "page.html")
    article = find_article(doc.lines, doc.meta["blocks"], doc.meta["elements"])
    kept = {doc.lines[i] for i in article.kept}
    assert article.best == "table"
    assert set(RANKING_INTRO) <= kept and all(any(row in line for line in kept) for row in ROWS)


# --- a tweet quoted in the article ---------------------------------------------
TWEET = "The bridge is open again, first walk across it this morning, and the river looks grand."


def test_a_tweet_quoted_in_the_article_stays():
    post = "".join(f"<p>{p}</p>" for p in POST_TEXT)
    html = page(
        "The old bridge reopens",
        f"<article><h1>The old bridge reopens</h1>{post}"
        f'<blockquote class="twitter-tweet"><p>{TWEET}</p>&mdash; A reader (@reader)</blockquote></article>'
        f'<div class="sidebar"><p>{COMMENTS[0]}</p></div>',
    )
    result = kept_text(html, "stripper")
    assert TWEET in result.text and all(p in result.text for p in POST_TEXT)
    assert COMMENTS[0] not in result.text
