"""The generic classifier: features, labels, the body, the tail, attribution."""

import json
import statistics

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from stripper.cli import cli
from stripper.evaluate import read_gold, score
from stripper.generic import classify, explain_lines
from stripper.generic.classifier import run_steps
from stripper.generic.features import line_features
from stripper.generic.language import detect_language
from stripper.generic.thresholds import DEFAULT
from stripper.model import CATEGORIES, Document
from stripper.normalize import normalize
from stripper.pipeline import clean
from stripper.textio import read_document

from .conftest import require_shared, seed_paths

PARA = (
    "The minister said on Monday that the talks with the union had been useful and that they "
    "would go on next week in Geneva, where both sides hope to reach an agreement on wages."
)
PAGE = (
    "\n".join(
        [
            "Home",
            "News",
            "Sport",
            "Business",
            "FacebookTwitterLinkedInEmail",
            "Talks on wages go on in Geneva",
            PARA,
            PARA.replace("Monday", "Tuesday"),
            "He did not say more.",
            PARA.replace("union", "employers"),
            "Related",
            "Storm hits the coast",
            "Markets fall again",
            "Share this article",
            "© 2024 Example News. All rights reserved.",
        ]
    )
    + "\n"
)


def test_language_from_script_and_stopwords():
    assert detect_language("وقال الرئيس في مؤتمر صحفي إن المحادثات كانت بناءة ومثمرة") == "ar"
    assert detect_language(PARA) == "en"
    assert detect_language("这是一个关于经济发展的新闻报道，记者在北京采访了多位专家。") == "zh"
    assert detect_language("Правительство заявило, что переговоры будут продолжены на следующей неделе.") == "ru"
    assert detect_language("Rząd poinformował, że rozmowy będą kontynuowane w przyszłym tygodniu w Genewie.") == "pl"
    assert detect_language("12 34 --") == "und"


def test_features_see_run_together_words_and_links():
    assert line_features("FacebookTwitterLinkedInEmail", frozenset(), 0).run_together
    assert line_features("الرئيسيةأخبارسياسةرياضة", frozenset(), 0).run_together
    assert not line_features(PARA, frozenset(), 0).run_together
    assert line_features("http://example.com www.example.org", frozenset(), 0).link_tokens == 2
    assert line_features("2012-01-02 08:43:20 3.5 1,000", frozenset(), 0).marks == 0  # numbers are no prose
    assert line_features("Yes, 3.5 percent: no more.", frozenset(), 0).marks == 3
    cjk = line_features("这是一个关于经济发展的新闻报道", frozenset(), 0)
    assert cjk.words == 7  # fifteen characters without spaces: counted by pairs


def test_menus_before_and_lists_after_the_body_are_cut_and_explained():
    doc = Document.from_text(PAGE)
    cuts = classify(doc, language="en")
    kept = clean(doc, _registry(), site_rules=False).text
    assert "Talks on wages go on in Geneva" in kept  # the headline stays
    assert "He did not say more." in kept  # a short line inside the body stays
    for gone in ("Home", "FacebookTwitterLinkedInEmail", "Storm hits the coast", "All rights reserved"):
        assert gone not in kept
    assert {c.rule_id for c in cuts} >= {"generic.before-body", "generic.tail"}
    for cut in cuts:
        assert cut.category in CATEGORIES and cut.message and cut.origin == "stripper/generic"
    verdicts = explain_lines(doc, language="en")
    assert [v.first for v in verdicts[6:8]] == ["good", "good"]
    assert verdicts[8].first == "short" and verdicts[8].keep


def test_a_clean_article_loses_nothing():
    doc = Document.from_text("Talks on wages go on in Geneva\n\n" + "\n\n".join([PARA] * 4) + "\n")
    assert classify(doc, language="en") == []


def test_a_comment_thread_after_the_body_is_cut():
    comment = (
        "I have read this twice and I still think the union was right to ask for more, "
        "because the prices went up so much this year."
    )
    thread = []
    for name, day in (("Maria", 7), ("Keith", 5), ("Yan", 4)):
        thread += [f"{name} July {day}, 2012 at 2:31 pm", comment, "Reply"]
    doc = Document.from_text("\n".join(["Talks on wages go on in Geneva", PARA, PARA, "3 Comments", *thread]) + "\n")
    verdicts = explain_lines(doc, language="en")
    assert all(v.keep for v in verdicts[:3])
    gone = [v for v in verdicts[3:] if not v.keep]
    assert len(gone) == len(verdicts) - 3 and {v.rule_id for v in gone} == {"generic.comments"}
    assert "comment thread from line 4" in gone[0].reason


def test_a_thread_signed_in_a_second_column_is_cut():
    """Two columns flattened into one: a menu's items, then after a run of
    spaces the commenters' signatures ("Posted by Brad on 11:16am Wed 9 Jan
    08"): a signature's words are counted in its column."""
    comment = (
        "I have read this twice and I still think the union was right to ask for more, "
        "because the prices went up so much this year."
    )
    article = ["Talks on wages go on in Geneva", PARA, PARA.replace("Monday", "Tuesday"), PARA]
    thread = []
    for menu, name, time in (("Dating", "Brad, Glasgow", "11:16am"), ("Letters", "Miss Priss", "11:56am")):
        thread += [f"{menu}{' ' * 20}Posted by: {name} on {time} Wed 9 Jan 08", comment, "Quote | Report this post"]
    thread += [f"Crosswords{' ' * 20}Posted by: redcliffe62, brisbane on hols on 6:51pm Thu 10 Jan 08", comment]
    verdicts = explain_lines(Document.from_text("\n".join(article + thread) + "\n"), language="en")
    assert all(v.keep for v in verdicts[: len(article)])
    assert {v.rule_id for v in verdicts[len(article) :]} == {"generic.comments"}


def test_a_lone_short_bullet_inside_the_body_is_a_teaser():
    doc = Document.from_text("\n".join([PARA, "* Storm hits the coast", PARA, "* one", "* two", PARA]) + "\n")
    verdicts = explain_lines(doc, language="en")
    assert not verdicts[1].keep and "teaser" in verdicts[1].reason
    assert verdicts[3].keep and verdicts[4].keep  # a list of the article's own stays


def test_dated_lines_without_prose_between_are_no_thread():
    doc = Document.from_text(
        "\n".join([PARA, PARA, "July 7, 2012 at 2:31 pm", "July 8, 2012 at 2:31 pm", "July 9, 2012 at 2:31 pm", PARA])
        + "\n"
    )
    assert not any(v.rule_id == "generic.comments" for v in explain_lines(doc, language="en"))


def test_photo_captions_with_a_year_are_no_thread():
    """Captions naming a model year between the paragraphs of a review are no
    commenters' signatures: a year alone is no date (dragnet R574)."""
    captions = [f"Pandora {what} - in 2012 Hyundai Veloster" for what in ("over Bluetooth", "warning", "streaming")]
    doc = Document.from_text("\n".join([PARA, PARA, captions[0], PARA, captions[1], PARA, captions[2], PARA]) + "\n")
    assert all(v.keep for v in explain_lines(doc, language="en"))


def test_captions_that_end_a_sentence_are_no_thread():
    """A dated line that ends like a sentence (a figure's caption, a
    reference) is no commenter's signature."""
    captions = [f"Figure {n}. Wages in Geneva, 2010 to 2012." for n in (1, 2, 3)]
    doc = Document.from_text("\n".join([PARA, PARA, captions[0], PARA, captions[1], PARA, captions[2], PARA]) + "\n")
    assert not any(v.rule_id == "generic.comments" for v in explain_lines(doc, language="en"))


def test_dated_fields_of_a_list_of_events_are_no_thread():
    """ "Date: March 2-5, 2026" over "Location: Barcelona" is a field of the
    article's list of events, not a signature."""
    lines = ["Five fairs to visit next year", PARA, PARA]
    for n, (name, date, place) in enumerate(
        (
            ("Geneva Wage Forum", "January 6-9, 2026", "Geneva"),
            ("Labour Days", "March 2-5, 2026", "Lyon"),
            ("Union Congress", "April 14-16, 2026", "Turin"),
            ("Pay Summit", "May 5-7, 2026", "Basel"),
        ),
        start=1,
    ):
        lines += [f"{n}. {name}", f"Date: {date}", f"Location: {place}", PARA.replace("Monday", name)]
    text = "\n".join(lines) + "\n"
    assert not any(v.rule_id == "generic.comments" for v in explain_lines(Document.from_text(text), language="en"))
    # the same dated lines as signatures, each over a comment: a thread
    for i in range(4, len(lines), 4):
        lines[i] = f"Maria on {lines[i].removeprefix('Date: ')} at 2:31 pm"
    verdicts = explain_lines(Document.from_text("\n".join(lines) + "\n"), language="en")
    assert any(v.rule_id == "generic.comments" for v in verdicts)


def test_a_thread_starts_at_the_count_of_its_comments():
    """Dated lines above a count of the comments ("3 comments:"), the
    article's own (an update, the post's signature), stay in the body."""
    comment = "I have read this twice and I still think the union was right to ask for more, because prices went up."
    update = PARA.replace("Monday", "Friday").replace("useful", "over")
    lines = ["Talks on wages go on in Geneva", PARA, PARA, "Updated October 20, 2012 at 9:00 AM", update]
    lines += ["Posted by John at 3:00 AM", "3 comments:"]
    for name, time in (("Anna", "10:54 AM"), ("Kevin", "11:58 AM"), ("Yan", "12:14 PM")):
        lines += [f"{name} said...", comment, f"October 19, 2012 {time}"]
    verdicts = explain_lines(Document.from_text("\n".join(lines) + "\n"), language="en")
    assert verdicts[1].keep and verdicts[2].keep and verdicts[4].keep
    assert {v.rule_id for v in verdicts[6:]} == {"generic.comments"} and "from line 7" in verdicts[6].reason


def test_a_thread_starts_at_its_heading_over_the_first_comment():
    """Signatures under each comment ("Posted by: Matt at November 13, 2012
    6:31 AM"): the thread starts at its heading ("Comments", "7 Responses")
    over the first comment, even under a post too short for the chain alone
    (its own dated footer the chain's first line: dragnet R911, R109)."""
    comment = "I have read this twice and I still think the union was right to ask for more, because prices went up."
    for heading, post in (("7 Responses", [PARA, PARA]), ("Comments", [PARA[:120] + "."])):
        lines = ["Talks on wages go on in Geneva", *post, "Posted on November 13, 2012 at 6:15 AM", heading]
        for name, time in (("Matt", "6:31 AM"), ("Ryan", "6:33 AM"), ("Andrew", "7:35 AM")):
            lines += [comment, f"Posted by: {name} at November 13, 2012 {time}"]
        verdicts = explain_lines(Document.from_text("\n".join(lines) + "\n"), language="en")
        at = lines.index(heading)
        assert all(v.keep for v in verdicts[1 : len(post) + 1])
        assert {v.rule_id for v in verdicts[at:]} == {"generic.comments"}, heading
        assert f"from line {at + 1}" in verdicts[at].reason
    # without the heading, the short post's own footer opens the chain: no thread
    lines.remove("Comments")
    assert not any(
        v.rule_id == "generic.comments"
        for v in explain_lines(Document.from_text("\n".join(lines) + "\n"), language="en")
    )


def test_a_body_that_opens_with_the_comments_ends_above_their_heading():
    """A short post and many short comments under "46 Comments": the search
    for the body finds the comments (dragnet R118, 119); their chain goes
    on above the body's start up to the heading, under the post's prose:
    the thread starts at the heading and the post is the body."""
    related = ["1. More Nikon AF-S Nikkor 35mm f/1.8G DX sample images", "2. Nikon D3200 sample images"]
    lines = ["Nikon Rumors", "* Home", "* Forum", "More sample images", PARA, "Related posts:", *related, "46 Comments"]
    for n, name in enumerate(("Camaleont", "Hunt", "Owen", "Kevin", "Yan", "Anna", "Matt", "Ryan"), start=1):
        comment = f"{name} thinks it looks good so far, and would like to see it next to the 2.8 version of the lens."
        lines += [f"{n}. {name}", f"Posted October 28, 2012 at 10:{30 + n} pm | Permalink", comment, "Reply"]
    doc = Document.from_text("\n".join(lines) + "\n")
    verdicts = explain_lines(doc, language="en")
    assert verdicts[3].keep and verdicts[4].keep
    at = lines.index("46 Comments")
    assert {v.rule_id for v in verdicts[at:] if not v.keep} == {"generic.comments"}
    assert not any(v.keep for v in verdicts[at:])
    trace = run_steps(doc, frozenset(), "en", (), None, DEFAULT).trace
    assert any(d.verdict == "thread" and "opened with the comments" in d.why for d in trace)
    cleaned = clean(doc, _registry(), site_rules=False).text
    assert clean(Document.from_text(cleaned), _registry(), site_rules=False).text == cleaned


def test_an_authors_box_ends_the_body():
    """ "About the author" or "About" over a name, then the writer's bio, at
    the body's end: the box goes (dragnet T119, R445, R464). "About" over a
    company whose text speaks of no person ("About Logitech": a press
    release's standard text, which its gold keeps) stays."""
    bio = "Nancy Atkinson is the senior editor of Universe Today. She also hosts a podcast on the Moon and its science."
    company = "Logitech is a world leader in personal peripherals, driving innovation in PC navigation and music."
    for label, text, goes in (
        ("About the author", bio, True),
        ("About Nancy Atkinson", bio, True),
        ("About Logitech", company, False),
    ):
        lines = ["Talks on wages go on in Geneva", PARA, PARA.replace("Monday", "Tuesday"), PARA, label, text]
        doc = Document.from_text("\n".join(lines) + "\n")
        verdicts = explain_lines(doc, language="en")
        assert all(v.keep for v in verdicts[1:4])
        assert [verdicts[4].keep, verdicts[5].keep] == [not goes, not goes], label
        if goes:
            assert "end by author_box" in verdicts[5].reason
            cleaned = clean(doc, _registry(), site_rules=False).text
            assert clean(Document.from_text(cleaned), _registry(), site_rules=False).text == cleaned


def test_a_writers_name_over_the_bio_that_opens_with_it_ends_the_body():
    """A name alone over a bio that opens with it, capitalized ("Josh
    Lowensohn" over "Josh Lowensohn joined CNET ...": dragnet 140, R938):
    the box goes. A subheading whose words open the next paragraph in
    lower case ("Stay Tuned" over "Stay tuned to ..."), or a person the
    article tells of above, stays."""
    bio = "Josh Lowensohn joined the paper in 2006 and covers the unions. Before that, Josh wrote about wine."
    told = PARA.replace("The minister", "Josh Lowensohn")
    for label, text, above, goes in (
        ("Josh Lowensohn", bio, PARA, True),
        ("Written by Josh Lowensohn", bio, PARA, True),
        ("Stay Tuned", "Stay tuned to the paper for the rest of the talks, which will go on in Geneva.", PARA, False),
        ("Josh Lowensohn", bio, told, False),
    ):
        lines = ["Talks on wages go on in Geneva", above, PARA.replace("Monday", "Tuesday"), PARA, label, text]
        verdicts = explain_lines(Document.from_text("\n".join(lines) + "\n"), language="en")
        assert all(v.keep for v in verdicts[1:4])
        assert [verdicts[4].keep, verdicts[5].keep] == [not goes, not goes], (label, above[:10])


def test_dated_lines_in_brackets_are_no_thread():
    """A dated line wholly in brackets is an aside (a course's dates, a
    post's own stamp), not a commenter's signature: the courses stay."""
    lines = ["Courses this spring", PARA, PARA.replace("Monday", "Sunday")]
    dates = (("2/28/2007", "3/14/2007"), ("3/5/2007", "3/19/2007"), ("2/16/2007", "3/2/2007"))
    for n, (start, end) in enumerate(dates):
        lines += [f"Wages and unions, part {n + 1}", f"(Begins {start}; ends {end})", PARA.replace("Monday", start)]
    verdicts = explain_lines(Document.from_text("\n".join(lines) + "\n"), language="en")
    assert not any(v.rule_id == "generic.comments" for v in verdicts)
    assert all(v.keep for v, text in zip(verdicts, lines) if text.startswith("The minister"))


def test_numbered_subsections_are_no_thread():
    """A section's number ("3.1.2 Influences") is no date: subsections
    numbered so, each over a paragraph, are the article going on, not a
    thread of dated signatures."""
    lines = ["The history of the game", PARA, PARA.replace("Monday", "Sunday")]
    for n, title in enumerate(("Creators of the game", "Influences on the rules", "Development of the play"), start=1):
        lines += [f"3.1.{n} {title}", PARA.replace("Monday", f"day {n}")]
    verdicts = explain_lines(Document.from_text("\n".join(lines) + "\n"), language="en")
    assert all(v.keep for v in verdicts[1:])


def test_a_blogs_posts_each_with_its_count_of_comments_are_no_thread():
    """A blog's index: each post signed and dated, with its count of
    comments on its footer ("Posted by jon at 11:08 PM | Comments (2)"):
    the posts stay, all of them."""
    lines = ["Notes from the valley"]
    for day, time, count in ((18, "11:16 AM", 6), (11, "11:08 PM", 2), (7, "11:56 PM", 7), (5, "10:51 AM", 2)):
        lines += [f"Talks go on, day {day}"]
        lines += [PARA.replace("Monday", f"the {day}th, at {hour}") for hour in ("noon", "six")]
        lines += [f"Posted by jon at {time} | Permalink | Comments ({count})"]
    verdicts = explain_lines(Document.from_text("\n".join(lines) + "\n"), language="en")
    assert not any(v.rule_id == "generic.comments" for v in verdicts)
    assert all(v.keep for v, text in zip(verdicts, lines) if text.startswith("The minister"))
    # a related list's counts, headlines between them and no post, do not hold a thread back
    teasers = [PARA, PARA.replace("Monday", "Tuesday"), PARA.replace("Monday", "Friday")]
    for name, day in (("Maria", 7), ("Keith", 5), ("Yan", 4)):
        teasers += [f"Markets fall again in Geneva and {name} asks why", f"Jul 2012 by {name} {day} - 13 comments"]
    verdicts = explain_lines(Document.from_text("\n".join(teasers) + "\n"), language="en")
    assert {v.rule_id for v in verdicts[4:]} == {"generic.comments"}


AR_PARA = (
    "وقال المتحدث باسم الكرملين إن المحادثات بين الرئيسين استمرت قرابة ثلاث ساعات، "
    "وإنها تناولت العلاقات الثنائية والوضع في المنطقة والمبادرات التي تدعمها موسكو."
)


def test_teasers_after_a_read_also_marker_go_with_it():
    """The marker rule takes the first headline under "قد يهمك أيضا"; the
    other headlines below it, with no prose after them, end the body too."""
    lines = [
        "لقاء بوتين والأسد في الكرملين",
        AR_PARA,
        "",
        AR_PARA.replace("ثلاث", "أربع"),
        "",
        "قد يهمك أيضا",
        "",
        "الرئيس السوري بشار الأسد يصل إلى موسكو في زيارة رسمية",
        "",
        "الكرملين يعلن سبب عدم كشفه عن موعد زيارة الرئيس السوري إلى موسكو",
        "",
    ]
    result = clean(Document.from_text("\n".join(lines)), _registry(), site_rules=False)
    assert result.text.split("\n")[:4] == lines[:4] and "الكرملين يعلن" not in result.text
    tail = next(c for c in result.cuts if c.start == 9)
    assert tail.rule_id == "generic.tail"
    # prose after the marker's headline is the article going on: it stays
    lines[9] = AR_PARA.replace("ثلاث", "خمس")
    assert (
        AR_PARA.replace("ثلاث", "خمس")
        in clean(Document.from_text("\n".join(lines)), _registry(), site_rules=False).text
    )


def test_second_article_after_a_read_also_marker_is_cut():
    path = next(p for p in seed_paths() if p.name.startswith("001"))
    result = clean(read_document(path), _registry(), site_rules=False)
    second = [c for c in result.cuts if c.rule_id == "generic.second-article"]
    assert second and "second article" in second[0].message
    assert score(result.text, read_gold(path.with_suffix(".labels"))).f1 == 1.0


def test_a_read_also_box_above_the_article_is_no_second_article():
    """The dateline after a read-also box opens the article itself when no
    article came before the box: the box goes, the article stays."""
    body = ["المدينة (وكالات) - " + AR_PARA, "", AR_PARA.replace("ثلاث", "أربع"), "", AR_PARA.replace("ثلاث", "خمس")]
    lines = ["إيقاف مشتبه به في قضية سرقة", "", "اقرأ أيضا:", "", "الساحل: حجز كمية من السلع المهربة", "", *body]
    result = clean(Document.from_text("\n".join(lines) + "\n"), _registry(), site_rules=False)
    assert not [c for c in result.cuts if c.rule_id == "generic.second-article"]
    assert all(line in result.text for line in body)
    # after an article, the same box and dateline open a second one
    lines = [lines[0], "", AR_PARA, "", AR_PARA.replace("ثلاث", "ست"), *lines[1:]]
    result = clean(Document.from_text("\n".join(lines) + "\n"), _registry(), site_rules=False)
    assert [c.rule_id for c in result.cuts if c.rule_id == "generic.second-article"]


# Two stories of one town, written for these tests: a first article about a
# bridge, and a second, about a school library, appended after a read-also box.
BRIDGE = [
    "افتتح محافظ المدينة صباح اليوم الجسر الجديد الذي يربط الحي الشرقي بوسط المدينة بعد "
    "عامين من الأشغال التي تعطلت مرات عدة بسبب نقص التمويل.",
    "وقال المحافظ في كلمة ألقاها أمام السكان إن الجسر سيخفف الازدحام على الطريق القديمة "
    "ويختصر زمن التنقل إلى النصف في ساعات الذروة.",
    "وأضاف أن البلدية ستطلق في الربيع المقبل مشروعا ثانيا لتهيئة الأرصفة والإنارة العمومية في الأحياء المجاورة للجسر.",
]
LIBRARY_HEADLINE = "تدشين مكتبة رقمية في مدرسة البنات بالمدينة"
LIBRARY = [
    "دشنت إدارة التعليم بالمدينة مكتبة رقمية في مدرسة البنات الإعدادية تضم ألف كتاب "
    "إلكتروني وعشرين حاسوبا مخصصة للتلميذات.",
    "وتفتح المكتبة أبوابها طيلة أيام الأسبوع بعد انتهاء الحصص، حسب ما أفادت به المديرة.",
]


def _story_with_a_box(after: list[str]) -> Document:
    lines = [
        "أخبار المدينة",
        "",
        "جسر جديد يربط الحي الشرقي بوسط المدينة",
        "",
        BRIDGE[0],
        "",
        BRIDGE[1],
        "",
        "إقرأ أيضاً:",
        "",
        LIBRARY_HEADLINE,
        "",
    ]
    for paragraph in after:
        lines += [paragraph, ""]
    return Document.from_text("\n".join([*lines, "جميع الحقوق محفوظة © 2024"]) + "\n")


def test_a_second_article_without_a_dateline_is_told_by_its_headline():
    """No dateline, no source credit: the paragraph after the box tells the
    story of the box's headline (its words, more than the article above
    holds them, and no connective), so a second article starts there."""
    result = clean(_story_with_a_box(LIBRARY), _registry(), site_rules=False)
    second = [c for c in result.cuts if c.rule_id == "generic.second-article"]
    assert second and "opens on the words of the headline" in second[0].message
    assert BRIDGE[1] in result.text and not any(p in result.text for p in LIBRARY)


def test_the_article_going_on_after_a_read_also_box_stays():
    # the first article goes on after the box: its paragraph opens with a connective
    result = clean(_story_with_a_box(BRIDGE[2:]), _registry(), site_rules=False)
    assert BRIDGE[2] in result.text
    # or shares the headline's words no more than the article above does
    going_on = "الجسر الجديد سيفتح أمام الشاحنات الثقيلة بعد شهر من الآن، حسب ما أعلنته مصالح البلدية في بلاغها."
    result = clean(_story_with_a_box([going_on]), _registry(), site_rules=False)
    assert going_on in result.text
    # a phrase of more than one word carries it on too ("من جهة أخرى", "في سياق متصل")
    for opening in ("من جهة أخرى، ", "في سياق متصل، ", "هذا و"):
        paragraph = opening + "دشنت إدارة التعليم مكتبة رقمية في مدرسة البنات بالمدينة تضم ألف كتاب إلكتروني."
        assert paragraph in clean(_story_with_a_box([paragraph]), _registry(), site_rules=False).text


def test_a_read_also_line_with_its_headline_can_open_a_second_article():
    # marker and headline on one line, then a dateline or the headline's story
    for lead in ("المدينة - " + LIBRARY[0], LIBRARY[0]):
        lines = [
            "جسر جديد يربط الحي الشرقي بوسط المدينة",
            "",
            BRIDGE[0],
            "",
            BRIDGE[1],
            "",
            "إقرأ أيضاً: " + LIBRARY_HEADLINE,
            "",
            lead,
            "",
            LIBRARY[1],
        ]
        result = clean(Document.from_text("\n".join(lines) + "\n"), _registry(), site_rules=False)
        assert [c for c in result.cuts if c.rule_id == "generic.second-article"], lead
        assert BRIDGE[1] in result.text and LIBRARY[1] not in result.text


def test_a_hard_wrapped_lead_is_read_whole():
    # the lead's first wrapped line holds one of the headline's words; its paragraph holds them
    lead = [
        "أعلنت إدارة التعليم بالمدينة أمس عن افتتاح فضاء جديد",
        "يتمثل في مكتبة رقمية بمدرسة البنات الإعدادية",
        "تضم ألف كتاب إلكتروني وعشرين حاسوبا مخصصة للتلميذات.",
    ]
    result = clean(_story_with_a_box(["\n".join(lead)]), _registry(), site_rules=False)
    assert [c for c in result.cuts if c.rule_id == "generic.second-article"]
    assert BRIDGE[1] in result.text and lead[2] not in result.text


def test_a_box_teaser_cut_short_opens_no_second_article():
    # the box's teaser tells the headline's story, but ends in "اقرأ المزيد":
    # the article goes on under it
    teaser = LIBRARY[0][:-1] + "... اقرأ المزيد"
    result = clean(_story_with_a_box([teaser, BRIDGE[2]]), _registry(), site_rules=False)
    assert not [c for c in result.cuts if c.rule_id == "generic.second-article"]
    assert BRIDGE[2] in result.text


def test_an_interview_after_the_opening_paragraphs_stays():
    # short questions and answers ("س:", "ج:") are the article going on, not a tail
    interview = [
        "س: متى تفتح المكتبة؟",
        "ج: بعد العطلة مباشرة، حين تنتهي الأشغال في القاعة وتصل بقية الحواسيب.",
        "س: ولمن؟",
        "ج: لكل تلميذات المدرسة، ومجانا طيلة السنة الدراسية، مع حصة أسبوعية لكل قسم.",
        "س: وماذا عن الكتب الورقية؟",
        "ج: ستبقى في القاعة القديمة التي ستفتح بدورها للتلميذات في المساء.",
    ]
    lines = [
        "أخبار المدينة",
        "",
        "مكتبة رقمية في مدرسة البنات",
        "",
        *LIBRARY,
        "",
        "وسألنا مديرة المدرسة عن المشروع:",
        "",
        *interview,
        "",
        "جميع الحقوق محفوظة © 2024",
    ]
    result = clean(Document.from_text("\n".join(lines) + "\n"), _registry(), site_rules=False)
    assert all(turn in result.text for turn in interview)
    assert "جميع الحقوق" not in result.text


def test_seeds_without_site_rules_score_high():
    scores = [
        score(clean(read_document(p), _registry(), site_rules=False).text, read_gold(p.with_suffix(".labels"))).f1
        for p in seed_paths()
    ]
    assert statistics.mean(scores) >= 0.95, scores


def test_chinese_pages_are_not_lost():
    root = require_shared("bench", "daniel")
    f1 = []
    for dump in sorted((root / "dump").glob("*.txt")):
        doc = Document.from_text(dump.read_text(encoding="utf-8"))
        result = clean(doc, _registry())
        if result.language == "zh":
            f1.append(score(result.text, read_gold(root / "gold" / dump.name)).f1)
    assert len(f1) >= 10 and statistics.mean(f1) >= 0.6, f1


def test_explain_shows_every_line_and_its_decider():
    path = next(p for p in seed_paths() if p.name.startswith("000"))
    out = CliRunner().invoke(cli, ["explain", "--json", str(path)])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert len(rows) == len(read_document(path).lines)
    cut_rows = [r for r in rows if r["decision"] != "keep"]
    assert cut_rows and all(r["by"] and r["category"] and r["reason"] for r in cut_rows)
    assert any(r["by"] == "generic" and r["first"] == "good" for r in rows)
    table = CliRunner().invoke(cli, ["explain", str(path)])
    assert table.exit_code == 0 and "worldpressarabic" in table.output


def _registry():
    from stripper.pipeline import default_registry

    return default_registry()


def test_english_is_told_at_a_glance_and_other_languages_from_the_whole_sample():
    """A sample that opens with English prose is English, the rest unread;
    one that does not is read whole (English stopwords in its opening do
    not decide it)."""
    from stripper.generic import language

    english = "The minister said on Monday that the talks with the unions would go on for the rest of the week. "
    polish = "Rząd poinformował, że rozmowy będą kontynuowane w przyszłym tygodniu w Genewie i Warszawie. "
    glance = language.ENGLISH_GLANCE_CHARS
    assert language.detect_language(english * (glance // len(english) + 1) + polish * 60) == "en"
    assert language.detect_language(polish * 20 + english * 3) == "pl"
    assert language.detect_language(english * 2 + polish * 70) == "pl"


def test_malay_is_read_as_indonesian_so_the_language_cannot_flip_on_cleaning():
    from stripper.generic.language import detect_language

    malay = (
        "Kerajaan telah mengumumkan bahawa sekolah akan dibuka semula pada minggu hadapan "
        "selepas cuti yang panjang, dan ibu bapa diminta untuk memastikan anak-anak mereka bersedia."
    )
    assert detect_language(malay) == "id"


def test_an_archive_line_of_bracketed_counts_is_bad_however_long():
    from stripper.generic.labels import first_label
    from stripper.generic.thresholds import DEFAULT

    def _first_label(f, has_stoplist):
        return first_label(f, has_stoplist, DEFAULT)

    archive = (
        "Archives September (1) July (1) June (1) April (4) March (1) January (1) December (5) "
        "November (4) October (4) September (6) August (5) July (4) June (7) May (3) April (5)"
    )
    f = line_features(archive, detect_stop("en"), 0.5)
    assert f.counters == 15 and _first_label(f, True) == "bad"
    prose = "The survey (1) asked 400 people how often they read the news, and most said daily."
    assert _first_label(line_features(prose, detect_stop("en"), 0.5), True) != "bad"


def detect_stop(language):
    from stripper.generic.language import stopwords

    return stopwords(language)


def test_a_flattened_menu_of_separated_items_is_bad_however_long():
    from stripper.generic.labels import first_label
    from stripper.generic.thresholds import DEFAULT

    def _first_label(f, has_stoplist):
        return first_label(f, has_stoplist, DEFAULT)

    menu = (
        "Politics | India | Movies | IBN South | Cricket | Photos | Videos | Video Streams | World | "
        "Business | Sports | Blogs | Tech | Latest News | Talk | Citizen Journalist"
    )
    f = line_features(menu, detect_stop("en"), 0.5)
    assert f.separators == 15 and _first_label(f, True) == "bad"


def test_a_breadcrumb_or_category_picker_of_gt_separated_items_is_a_flat_menu():
    """ " > " between white space separates a breadcrumb's or a category
    picker's items as "|" does a menu's; "x > 5" in a sentence is one."""
    from stripper.generic.labels import first_label, flat_menu
    from stripper.generic.thresholds import DEFAULT

    stop = detect_stop("en")
    picker = " ".join(
        f"Any category > {name} > {name} tools and parts > {name} services"
        for name in ("Automation", "Power", "Mining", "Transport", "Building", "Water", "Energy", "Steel")
    )
    f = line_features(picker, stop, 0.5)
    assert f.separators == 24 and flat_menu(f, DEFAULT) and first_label(f, True, DEFAULT) == "bad"
    assert line_features("Home > News > Sport", stop, 0.5).separators == 2
    sentence = "The trial counts a patient when the reading is > 5 on two days, as the protocol says."
    assert not flat_menu(line_features(sentence, stop, 0.5), DEFAULT)


def test_a_short_line_of_two_separated_items_is_a_menu_and_goes_from_the_body():
    """Two separators, one per 6 words or denser ("Filed under Travel | 3
    Comments | Permalink", "Older post | Home | Newer post") make a flat
    menu; a line with one, or a long sentence with two, is no menu."""
    from stripper.generic.labels import first_label, flat_menu
    from stripper.generic.thresholds import DEFAULT

    stop = detect_stop("en")
    footer = "Filed under Travel | 3 Comments | Permalink"
    f = line_features(footer, stop, 0.5)
    assert f.separators == 2 and flat_menu(f, DEFAULT) and first_label(f, True, DEFAULT) == "bad"
    assert not flat_menu(line_features("Photo: Jane Doe | Reuters", stop, 0.5), DEFAULT)
    sentence = "The vote was close, and the council | as its chair said | will meet again in the spring to decide."
    assert not flat_menu(line_features(sentence, stop, 0.5), DEFAULT)
    paragraph = (
        "The old bridge over the river was closed on Monday after engineers found cracks in two of its "
        "supports, and the town council said it would stay closed until the repairs are done."
    )
    dump = "\n".join(
        [
            "Home",
            "",
            "Older post | Home | Newer post",
            "",
            "The bridge is closed",
            "",
            paragraph,
            "",
            footer,
            "",
            paragraph.replace("Monday", "Tuesday"),
            "",
            paragraph.replace("Monday", "Friday"),
        ]
    )
    kept = clean(Document.from_text(dump), _registry(), site_rules=False).text
    assert "closed on Monday" in kept and "closed on Friday" in kept
    assert footer not in kept and "Newer post" not in kept


def test_markup_left_in_a_dump_does_not_decide_the_language():
    junk = (
        '<div style="position:absolute;"><img width=1 height=1 alt="" '
        'src="http://b5.yahoo.co.jp/b?P=oI9TLjE4Mi66RLpAorxEdAVuMTE4LgAAAAA2TzUA&T=16mncrita"></div>' * 8
    )
    japanese = (
        "トレンドマイクロは3月9日、Wi-Fi利用時の通信を暗号化し保護する"
        "スマホ向けのセキュリティアプリの発売を開始すると発表した。"
    )
    assert detect_language(junk + "\n" + japanese + "\n") == "ja"


def test_a_paragraph_with_one_glued_word_is_prose_not_a_menu():
    """A typo that glues two words ("الأبحاثوالتحريات", 16 letters) inside a
    long sentence does not make the paragraph bad, before the body or in it."""
    glued = AR_PARA.replace("في", "فيالأبحاثوالتحريات", 1)
    assert line_features(glued, frozenset(), 0).run_together
    for lines in (
        ["عنوان الخبر في سطر واحد", glued, AR_PARA],
        ["عنوان الخبر في سطر واحد", AR_PARA, glued, AR_PARA.replace("ثلاث", "أربع")],
    ):
        assert classify(Document.from_text("\n".join(lines) + "\n"), language="ar") == []
    menu = ["الرئيسيةأخبارسياسةرياضة", AR_PARA, AR_PARA.replace("ثلاث", "أربع")]
    assert [c.rule_id for c in classify(Document.from_text("\n".join(menu) + "\n"), language="ar")] == [
        "generic.before-body"
    ]


def test_explain_follows_cleaning_on_a_url_header(tmp_path):
    """A bare URL on line 1 is never cut and never shown to the classifier:
    explain says so, and judges the other lines as cleaning did."""
    path = tmp_path / "dump.txt"
    path.write_text("https://example.com/news/1\n" + AR_PARA + "\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["explain", "--json", "--no-config", str(path)])
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert [r["decision"] for r in rows] == ["keep", "keep"]
    assert "URL header" in rows[0]["reason"] and rows[0]["features"] is None
    assert rows[1]["by"] == "generic" and "nothing cut" not in rows[1]["reason"]


def test_explain_gives_each_line_of_a_classifier_cut_its_own_reason(tmp_path):
    path = tmp_path / "page.txt"
    menu = ["دولي رياضة ثقافة منوعات اقتصاد صحة تكنولوجيا سياحة بيئة", "وطني", "عربي", "رياضة", "منوعات"]
    path.write_text(
        "\n".join([*menu, "لقاء بوتين والأسد في الكرملين", AR_PARA, AR_PARA.replace("ثلاث", "أربع")]) + "\n",
        encoding="utf-8",
    )
    out = CliRunner().invoke(cli, ["explain", "--json", "--no-config", str(path)])
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert {r["by"] for r in rows[:5]} == {"generic.before-body"}
    assert "near line (9 words)" in rows[0]["reason"] and "short line (1 words)" in rows[1]["reason"]


def test_explain_says_when_the_classifier_did_not_run(tmp_path):
    path = next(p for p in seed_paths() if p.name.startswith("003"))
    out = CliRunner().invoke(cli, ["explain", "--json", "--no-generic", str(path)])
    rows = [json.loads(line) for line in out.output.splitlines()]
    kept = [r for r in rows if r["features"]]
    assert kept and all(r["by"] is None and "classifier not run (turned off)" in r["reason"] for r in kept)
    page = tmp_path / "page.html"  # the extractors keep all of a page that is all article
    page.write_text(
        "<html><body><article>"
        + "".join(
            f"<p>Paragraph {n} of the article says something long enough to be prose here.</p>" for n in range(12)
        )
        + "</article></body></html>",
        encoding="utf-8",
    )
    table = CliRunner().invoke(cli, ["explain", str(page), "--no-config"])
    assert "classifier not run: the HTML extractor kept more than 60% of the page" in table.output


def test_a_hard_wrapped_paragraph_keeps_its_first_and_last_pieces():
    # a dump that breaks one paragraph across lines: the first piece has few
    # stopwords, the last is a short end of sentence; neither is boilerplate
    text = (
        "https://example.com/article.html\n"
        "دعت النقابة الجهوية\n"
        "للتعليم بالولاية يوم الخميس 5 مارس 2020 منتسبيها العاملين بالمدارس الابتدائية الريفية التابعة\n"
        "للمندوبية إلى تنفيذ إضراب يومي 12 و\n"
        "13 من الشهر القادم مع تعليق الدروس على خلفية جملة من المطالب المهنية التي لم تلق أي رد "
        "من قبل الوزارة وقد نظم المدرسون في وقت سابق عدة وقفات احتجاجية في نفس السياق من أجل "
        "تحسين ظروف التدريس والإسراع في صرف المنح المتأخرة الخاصة بالمناطق الداخلية وإبرام اتفاق\n"
        "خاص بالقطاع والحوار مع الهياكل النقابية وتيسير\n"
        "عملها في الجهة.\n"
    )
    doc = Document.from_text(text)
    assert classify(doc, frozenset({0}), language="ar") == []


def test_a_list_of_headlines_under_the_article_is_cut_without_a_marker():
    from stripper.pipeline import clean, default_registry

    article = (
        "أقدم مجهولون مساء أمس على إتلاف أنابيب الري في الضيعة الفلاحية، بعد ساعات من انطلاق "
        "أشغال ربط البئر الجديدة بالشبكة، وفق ما أفاد به مصدر محلي، مضيفا أن الأشغال "
        "ستتواصل رغم ذلك خلال الأسبوع القادم في كامل المنطقة."
    )
    headlines = [
        "شاحنة تصدم دراجة نارية وتصيب سائقها بجروح خطيرة في الطريق الوطنية",
        "وكالة حماية المحيط تحدد موعد الإغلاق النهائي للمصب القديم بالجهة",
        "الصيادون يطالبون بتعويضات بعد موجة البرد الأخيرة",
        "بعد أن أعلنت الشركة عن اكتشاف بئر جديدة هكذا رد الوزير",
    ]
    title = "مدينة الساحل إتلاف أنابيب الري في ضيعة فلاحية"
    result = clean(
        Document.from_text("\n".join([title, article, *headlines]) + "\n"), default_registry(), site_rules=False
    )
    assert result.text == f"{title}\n{article}\n"
    assert {c.rule_id for c in result.cuts} == {"generic.tail"}
    # two such lines are not yet a list: they stay
    result = clean(
        Document.from_text("\n".join([title, article, *headlines[:2]]) + "\n"), default_registry(), site_rules=False
    )
    assert headlines[0] in result.text


def test_short_closing_paragraphs_without_a_stop_are_no_headline_list():
    """Arabic paragraphs that go on with a connective ("وقد", "كما", "ولا")
    are prose though they end without a stop; after a read-also marker too."""
    title = "المدينة: حريق في مستودع للأخشاب"
    closing = [
        "وقد تم نقل المصابين إلى قسم الاستعجالي بالمستشفى الجهوي بالمدينة",
        "كما تم فتح تحقيق في الحادثة لمعرفة أسبابها الحقيقية",
        "ولا تزال فرق الحماية المدنية تعمل في المكان إلى حد الآن",
    ]
    assert all(line_features(line, frozenset(), 0, normalize(line)).connective for line in closing)
    assert not line_features("سيارة تدهس تلميذا و ترديه قتيلا", frozenset(), 0).connective
    text = "\n".join([title, AR_PARA, AR_PARA.replace("ثلاث", "أربع"), *closing]) + "\n"
    assert clean(Document.from_text(text), _registry(), site_rules=False).text == text
    text = (
        "\n".join(
            [
                title,
                AR_PARA,
                AR_PARA.replace("ثلاث", "أربع"),
                "اقرأ أيضا:",
                "الجنوب: تجدد الاحتجاجات بين الأهالي والسلطات",
                *closing[:2],
            ]
        )
        + "\n"
    )
    kept = clean(Document.from_text(text), _registry(), site_rules=False).text
    assert all(line in kept for line in closing[:2]) and "القصرين" not in kept


def test_a_list_announced_by_a_colon_stays_with_the_prose_after_it():
    """'The areas concerned are:', its short items, then the article goes on:
    all of it is the body. Under a two-word label at the end, the same items
    are cut."""
    items = ["• حي الزهور والحي الجديد وجزء من حي السلام", "• منطقة الميناء وضفاف الوادي", "• الحي الأول والحي الثاني"]
    closing = "وتعتذر الشركة لحرفائها عن هذا الانقطاع وتدعوهم إلى الاتصال بمصالحها عند الحاجة."
    lines = [
        "غدا السبت: قطع الماء الصالح للشرب عن عدة أحياء",
        AR_PARA,
        "",
        "وتشمل الأشغال الأحياء التالية:",
        *items,
        "",
        closing,
    ]
    text = "\n".join(lines) + "\n"
    assert clean(Document.from_text(text), _registry(), site_rules=False).text == text
    lines[3] = "مناطق أخرى:"  # under a label, with no article after them: cut
    kept = clean(Document.from_text("\n".join(lines[:-2]) + "\n"), _registry(), site_rules=False).text
    assert items[0] not in kept


def test_an_announced_list_of_figures_may_end_the_article():
    """A sentence that says a list follows ("التالية:", "فيما يلي ...،") keeps
    its items, figures included, even when no prose comes after them: the
    results are the article's own. A list under a mere label is still cut."""
    results = ["1. حي الزهور: 41,2 %", "2. الحي الجديد: 37,5 %", "3. حي السلام: 21,3 %"]
    rain = ["• الميناء 52 مم", "• وسط المدينة 37 مم", "• المطار 32 مم"]
    for announce, items in (
        ("وأفرز التصويت في الأحياء الثلاثة النتائج التالية بالنسبة إلى المشروع:", results),
        ("في ما يلي الحصيلة الأولية لكميات الأمطار التي نزلت ببعض مناطق الجهة،", rain),
    ):
        lines = [
            "أخبار المدينة",
            "",
            "نتائج أولية في الأحياء الثلاثة",
            "",
            AR_PARA,
            "",
            AR_PARA.replace("ثلاث", "خمس"),
            "",
            announce,
            *items,
            "",
            "جميع الحقوق محفوظة © 2024",
        ]
        kept = clean(Document.from_text("\n".join(lines) + "\n"), _registry(), site_rules=False).text
        assert announce in kept and all(item in kept for item in items), announce
        assert "جميع الحقوق" not in kept
    # under a read-also box, a sentence that ends with a comma is no headline of the box
    lines[7:7] = ["اقرأ أيضا: الحكومة تصادق على مشروع قانون المالية", ""]
    kept = clean(Document.from_text("\n".join(lines) + "\n"), _registry(), site_rules=False).text
    assert lines[10] in kept and "الحكومة تصادق" not in kept


def test_a_second_announced_list_further_down_stays_too():
    first = ["• حي الزهور: 41 مكتبا", "• الحي الجديد: 37 مكتبا", "• حي السلام: 21 مكتبا"]
    second = ["1. المشروع الأول: 52 %", "2. المشروع الثاني: 31 %", "3. المشروع الثالث: 17 %"]
    lines = [
        "أخبار المدينة",
        "",
        "نتائج التصويت في الأحياء الثلاثة",
        "",
        AR_PARA,
        "",
        "وتوزعت مكاتب التصويت في الأحياء الثلاثة كالتالي:",
        *first,
        "",
        "وقالت اللجنة إن " + AR_PARA,
        "",
        "وأفرز التصويت في الأحياء الثلاثة النتائج التالية:",
        *second,
        "",
        "جميع الحقوق محفوظة © 2024",
    ]
    kept = clean(Document.from_text("\n".join(lines) + "\n"), _registry(), site_rules=False).text
    assert all(item in kept for item in first + second)
    assert "جميع الحقوق" not in kept


def test_an_announced_timetable_is_kept_inside_the_body():
    # lines of figures inside the body are cut, unless the article announced them
    times = ["من الميناء: 06.00 - 08.30 - 11.00 - 13.00 - 15.30", "من الجزيرة: 07.00 - 09.30 - 12.00 - 14.30 - 17.00"]
    lines = [
        "أخبار المدينة",
        "",
        "استئناف الرحلات البحرية غدا",
        "",
        AR_PARA,
        "",
        "وأفادت الشركة بأنها ستؤمن غدا الرحلات بين الميناء والجزيرة وفق التوقيت التالي:",
        *times,
        "",
        "وقالت الشركة إن " + AR_PARA,
        "",
        "جميع الحقوق محفوظة © 2024",
    ]
    kept = clean(Document.from_text("\n".join(lines) + "\n"), _registry(), site_rules=False).text
    assert all(line in kept for line in times)


def test_a_sentence_opening_on_fima_yali_announces_a_list_whatever_its_end():
    from stripper.generic.body import _announces
    from stripper.generic.language import stopwords
    from stripper.generic.thresholds import DEFAULT

    def announces(text):
        return _announces(text, line_features(text, stopwords("ar"), 0.5), DEFAULT)

    assert announces("فيما يلي أسعار الخضر والغلال في السوق البلدي بالمدينة لليوم الثلاثاء")
    assert announces("وتشمل الأشغال الأحياء التالية في وسط المدينة:")
    assert announces("في ما يلي الحصيلة الأولية لكميات الأمطار في الجهة،")
    assert not announces("وقد ارتفعت أسعار الخضر في السوق البلدي بالمدينة لليوم الثالث")
    assert not announces("في السوق البلدي بالمدينة ارتفعت الأسعار لليوم الثالث،")


def test_dated_subheads_with_the_article_going_on_are_no_comment_thread():
    paras = ["وأضافت " + AR_PARA, "وكانت " + AR_PARA.replace("ثلاث", "أربع"), "وقضت " + AR_PARA.replace("ثلاث", "ست")]
    lines = [
        "إيقاف مشتبه به في قضية سرقة",
        AR_PARA,
        AR_PARA.replace("ثلاث", "خمس"),
        "جلسة 12 مارس 2019 بالمحكمة الابتدائية",
        paras[0],
        "جلسة 3 أفريل 2019 أمام الدائرة الجنائية",
        paras[1],
        "جلسة 15 ماي 2019 والنطق بالحكم",
        paras[2],
    ]
    text = "\n".join(lines) + "\n"
    assert clean(Document.from_text(text), _registry(), site_rules=False).text == text
    # the same dated lines over comments that do not carry the article on: cut
    comments = [
        "مقال رائع شكرا للكاتب على هذا التحليل الدقيق والمفيد جدا والله يوفقكم في عملكم",
        "لا أوافق على ما جاء في المقال لأن الكاتب لم يذكر كل الحقائق التي نعرفها جميعا",
        "الله يحفظ تونس وأهلها من كل سوء ويبعد عنها كل من يريد بها الشر في هذه الأيام",
    ]
    lines[4], lines[6], lines[8] = comments
    result = clean(Document.from_text("\n".join(lines) + "\n"), _registry(), site_rules=False)
    assert AR_PARA in result.text and not any(line in result.text for line in lines[3:])


def test_an_arabic_headline_without_stopwords_stays():
    title = "مهرب سجائر يتزعم عصابة مسلحة لترويج البضائع المقلدة بالأسواق الشعبية"
    assert explain_lines(Document.from_text(title + "\n"), language="ar")[0].first == "bad"
    text = "\n".join(["رياضة", "ثقافة", title, "الأحد 17 نوفمبر 2019", AR_PARA, AR_PARA.replace("ثلاث", "أربع")]) + "\n"
    kept = clean(Document.from_text(text), _registry(), site_rules=False).text
    assert kept.startswith(title) and "ثقافة" not in kept


def test_a_credit_under_the_headline_is_passed_over_for_the_headline():
    """A credit between headline and body ("Staff and agencies", "Arizona
    Daily Star") is title-like too, but tells nothing of the body: the
    nearest title-like line above it that does is the headline."""
    title = "Ministers and union resume wage talks in Geneva"
    for credit in ("Staff and agencies", "Arizona Daily Star"):
        text = "\n".join(["Home", "World", "", title, "", credit, "30 December, 2007", "", PARA, "", PARA]) + "\n"
        verdicts = explain_lines(Document.from_text(text), language="en")
        assert verdicts[3].keep and verdicts[3].step == "headline", credit
        assert not verdicts[5].keep, credit
    # a nearest line that tells of the body stays the headline
    text = "\n".join(["Home", "World", "", "Staff and agencies", "", title, "", PARA, "", PARA]) + "\n"
    verdicts = explain_lines(Document.from_text(text), language="en")
    assert verdicts[5].keep and not verdicts[3].keep


def test_an_arabic_article_split_by_a_widget_is_joined():
    """Prayer times between two halves of an article: the halves stay, the
    times go (the lines of digits made the body one half)."""
    widget = ["الفجر 05:51", "الظهر 12:41", "العصر 15:39", "المغرب 18:03", "العشاء 19:21"]
    first_half = [AR_PARA, AR_PARA.replace("ثلاث", "أربع")]
    second_half = [
        "وأكد " + AR_PARA.replace("ثلاث", "خمس"),
        "وأضاف " + AR_PARA.replace("ثلاث", "ست"),
        "وقال " + AR_PARA.replace("ثلاث", "سبع"),
        "وتابع " + AR_PARA.replace("ثلاث", "ثماني"),
    ]
    for lines in ([*first_half, *widget, *second_half], [*first_half[:1], *widget, *second_half]):
        kept = clean(Document.from_text("\n".join(lines) + "\n"), _registry(), site_rules=False).text
        assert all(line in kept for line in lines if line not in widget), kept
        assert not any(line in kept for line in widget)


def test_a_read_also_box_inside_the_article_goes_with_all_its_headlines():
    box = [
        "اقرأ أيضا",
        "انتخابات بلدية جزئية في ثلاث دوائر الشهر المقبل",
        "هيئة مكافحة الفساد تدعو البلديات إلى نشر ميزانياتها",
        "منظمة رقابية: البرلمان لم يصادق على أي قانون أساسي",
    ]
    lines = ["عنوان الخبر في سطر واحد", AR_PARA, *box, AR_PARA.replace("ثلاث", "أربع"), AR_PARA.replace("ثلاث", "ست")]
    kept = clean(Document.from_text("\n".join(lines) + "\n"), _registry(), site_rules=False).text
    assert not any(line in kept for line in box) and AR_PARA.replace("ثلاث", "ست") in kept
    # one short line under the box's headline may be the article's subheading: it stays
    lines = ["عنوان الخبر في سطر واحد", AR_PARA, *box[:3], AR_PARA.replace("ثلاث", "أربع")]
    kept = clean(Document.from_text("\n".join(lines) + "\n"), _registry(), site_rules=False).text
    assert box[2] in kept


def test_a_bulleted_list_of_sentences_ends_with_its_short_items():
    long_items = ["- " + AR_PARA.replace("ثلاث", w) for w in ("أربع", "خمس", "ست")]
    short_items = ["- تهيئة قسم الاستعجالي بالمستشفى المحلي الجديد.", "- اقتناء جهاز للتصوير الطبي للمستشفى الجهوي."]
    lines = ["عنوان الخبر في سطر واحد", AR_PARA, *long_items, *short_items]
    text = "\n".join(lines) + "\n"
    assert clean(Document.from_text(text), _registry(), site_rules=False).text == text
    # headlines under the list, without stops, are no items of it
    teasers = [
        "- الساحل: حجز كمية من السلع المهربة",
        "- الجنوب: تجدد الاحتجاجات بين الأهالي والسلطات",
        "- الشمال: انقطاع الطريق بسبب الثلوج",
    ]
    kept = clean(Document.from_text(text + "\n".join(teasers) + "\n"), _registry(), site_rules=False).text
    assert kept == text


def test_a_short_bulleted_sentence_between_bad_lines_stays():
    """Numbered subheadings around a list of sentences: its short item is a
    sentence of the article's list, not a short line between bad ones."""
    items = [
        "- تجديد شبكة الإنارة العمومية في الأحياء الشمالية من المدينة خلال الصيف المقبل.",
        "- إصلاح الطرقات المتضررة من الأمطار الأخيرة في الضواحي بكلفة 2.5 مليون دينار.",
        "- بناء مكتبة عمومية جديدة قرب المعهد الثانوي في وسط المدينة بكلفة 1.1 مليون دينار.",
    ]
    short = "- توسيع الحديقة العمومية الكبرى."
    lines = [
        "البلدية تعلن برنامج أشغالها",
        AR_PARA,
        "1/ بعنوان سنة 2023",
        short,
        *items,
        "2/ بعنوان سنة 2024",
        *items[::-1],
        AR_PARA.replace("ثلاث", "أربع"),
    ]
    kept = clean(Document.from_text("\n".join(lines) + "\n"), _registry(), site_rules=False).text
    assert short in kept and all(item in kept for item in items)


def test_a_hard_wrapped_arabic_article_keeps_its_short_pieces():
    """Wrapped at eight to ten words a line: the short pieces of a paragraph
    (eight words, or a sentence's last word) cost nothing in the search for
    the body, so the paragraphs after them are no tail."""
    pieces = {
        "a": [
            "يتواصل منذ صباح يوم أمس انقطاع الماء عن الجهة",
            "وهو ما أدى إلى معاناة كبيرة في صفوف المتساكنين في",
            "مختلف الأحياء الذين لم يخفوا غضبهم من تكرر هذا",
            "المشكل في فصل الصيف من كل سنة.",
        ],
        "b": [
            "المدير الجهوي للشركة الوطنية لتوزيع المياه السيد أحمد",
            "أكد أن انقطاع الماء عن المدينة وعدد من المعتمديات",
            "يعود إلى حصول عطب في القناة الرئيسية بسبب انقطاع",
            "التيار الكهربائي نتيجة سوء الأحوال الجوية في الليلة",
            "الفاصلة بين يومي الثلاثاء والأربعاء.",
        ],
        "c": [
            "وأضاف أن إصلاح العطب يتطلب بعض الوقت نظرا لضرورة",
            "قيام الفرق الفنية بإفراغ القنوات وإصلاحها ثم إعادة",
            "تعبئتها.",
        ],
        "d": [
            "وبخصوص موعد عودة تزويد الجهة بالماء الصالح للشرب قال",
            "إن ذلك سيتم خلال هذه الليلة لكن بصفة تدريجية مضيفا",
            "أن وصول الماء لبعض المناطق العليا يتطلب مزيدا من الوقت.",
        ],
    }
    title = "الولاية دون ماء صالح للشرب ومدير الشركة يوضح الأسباب"
    text = "\n\n".join([title, *("\n".join(p) for p in pieces.values())]) + "\n"
    kept = clean(Document.from_text(text), _registry(), site_rules=False).text
    assert all(line in kept for p in pieces.values() for line in p), kept


def _language_as_first_written(sample):
    """language_of_sample before its shortcuts: count the letters, then each
    script in turn, then the stoplists."""
    from stripper.generic import language as L
    from stripper.normalize import count_chars

    if not L.LETTERS.search(sample):
        return "und"
    letters = 0 if sample.isascii() else count_chars(L.LETTERS, sample)
    beyond_latin1 = len(sample) - len(sample.encode("latin-1", "ignore")) if letters else 0
    scripts = zip((code for code, _ in L.SCRIPT_BLOCKS), L._script_runs())
    for code, script in scripts if beyond_latin1 > L.SCRIPT_SHARE * letters else ():
        if count_chars(script, sample) / letters > L.SCRIPT_SHARE:
            if code == "cyrillic":
                return (
                    L._by_stopwords(
                        sample, ("Russian", "Ukrainian", "Bulgarian", "Serbian", "Belarusian", "Macedonian")
                    )
                    or "ru"
                )
            return code
    return L._language_by_stopwords(sample)


@given(
    st.lists(
        st.sampled_from(
            [
                "وقال",
                "الرئيس",
                "،",
                "١٢",
                "2012",
                "news",
                "the",
                "and",
                "é",
                "’",
                "—",
                "Привет",
                "и",
                "中文",
                "日本語",
                "ελληνικά",
                " ",
                " ",
                "...",
                "_",
                "ـ",
                "\u064e",
            ]
        ),
        max_size=40,
    ).map("".join)
)
@settings(deadline=None)  # the first sample may read the stoplists
def test_language_shortcuts_answer_as_counting_every_letter_would(sample):
    """Arabic over 30% of the characters is Arabic over 30% of the letters,
    and Arabic is the first script looked for; characters beyond Latin-1 at
    most 30% of the ASCII letters are at most 30% of all letters: the
    shortcuts that skip counting the letters give the answer counting them
    gives."""
    from stripper.generic.language import language_of_sample

    assert language_of_sample(sample) == _language_as_first_written(sample)


_LINE_PARTS = [
    "وقال",
    "الرئيسُ",
    "أيضاً",
    "ـ",
    "\u200b",
    "İstanbul",
    "News",
    "2012",
    "١٩٩٠",
    "20٢٢",
    "中文字",
    "  ",
    " ",
    "\t",
    "\u00a0",
    ".",
    "،",
    ":",
    "-",
    "/",
    "_",
    "x",
    "12:30",
    "3.5",
]


@given(st.lists(st.sampled_from(_LINE_PARTS), max_size=30).map("".join))
@settings(deadline=None)
def test_words_stopwords_and_years_as_counted_before_the_shortcuts(line):
    """line_features counts a line's words on its matching form, finds
    years among the digit runs, and looks for
    dates and numbers' punctuation only between two of them: each gives
    what the full counts gave (the definitions below)."""
    import re

    from stripper.generic.features import _DATE, _unspaced_char
    from stripper.normalize import count_chars, normalize, run_pattern

    # (the searches line_features made before its one-pass scan)
    _UNSPACED_CHAR = _unspaced_char()
    _UNSPACED_RUN = re.compile(run_pattern(_UNSPACED_CHAR.pattern))
    _SENTENCE_MARK = re.compile(r"[!?؟。！？،;؛、，.,:]")
    _NUMBER_PUNCTUATION = re.compile(r"(?<=\d)[.,:](?=\d)")

    stop = frozenset({"وقال", "news", "ايضا"})
    f = line_features(line, stop, 0.5)
    assert line_features(line, stop, 0.5, normalize(line)) == f  # as the classifier calls it
    text = line.strip()
    unspaced = count_chars(_UNSPACED_RUN, text)
    # words: of the matching form (a diacritic splits no word), but where
    # CJK characters count by pairs, or İ grows when lower-cased: the raw text's
    tokens = re.findall(r"\w+", text if unspaced or "İ" in text else normalize(text))
    spaced = sum(1 for t in tokens if not _UNSPACED_CHAR.search(t)) if unspaced else len(tokens)
    assert f.words == spaced + unspaced // 2
    norm_tokens = re.findall(r"\w+", normalize(text))
    assert f.stop_share == (sum(t in stop for t in norm_tokens) / len(norm_tokens) if norm_tokens else 0.0)
    numbers = re.findall(r"\d+", text)
    year = len(numbers) >= 2 and re.search(r"(?<!\d)(?:19[89]\d|20[0-4]\d)(?!\d)", text) is not None
    assert f.dated == bool(f.dates or year)
    assert f.dates == (len(_DATE.findall(text)) if numbers else 0)
    marks = len(_SENTENCE_MARK.findall(text))
    assert f.marks == marks - (len(_NUMBER_PUNCTUATION.findall(text)) if marks and numbers else 0)


_PROSE_LINE = st.lists(
    st.sampled_from(["the", "and", "news", "of", "said", "وقال", "في", "x" * 70]), min_size=1, max_size=14
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PROSE_LINE.map(" ".join), max_size=60))
def test_the_language_sample_takes_the_longest_lines_in_the_order_of_their_text(lines):
    """sampled_lines: longest first, lines of one length by their text, up
    to SAMPLE_CHARS characters of prose (only the longest are sorted)."""
    from stripper.generic import language

    by_length_then_text = sorted(lines, key=lambda line: (-len(line), line))
    expected, size = [], 0
    for line in by_length_then_text:
        if size >= language.SAMPLE_CHARS:
            break
        if language.reads_as_prose(line):
            expected.append(line)
            size += len(line)
    assert language.sampled_lines("\n".join(lines)) == expected


def test_a_list_below_a_sentence_that_says_so_may_end_the_article():
    """A sentence "Below is the list ...:" says a list follows, as "the following" does:
    its items stay though no prose comes after them; under a sentence that
    only ends with a colon they go (they may be another box's headlines)."""
    players = [
        "Tom Hale (Riverside College)",
        "* Sam Ortiz (Lakeview University)",
        "Ben Carter (North State University)",
        "Luis Moreno (Hill College)",
    ]
    lines = [
        "Sports",
        "",
        "Twelve players invited to the spring camp",
        "",
        PARA,
        "",
        PARA.replace("Monday", "Friday").replace("Geneva", "Denver"),
        "",
        "Below is the list of the players who were invited to the spring camp by the coaches:",
        "",
        *[item for player in players for item in (player, "")],
        "Copyright © 2024 The Daily Paper. All rights reserved.",
    ]
    kept = clean(Document.from_text("\n".join(lines) + "\n"), _registry(), site_rules=False).text
    assert all(player in kept for player in players) and "All rights" not in kept
    lines[8] = "The players who were invited to the spring camp by the coaches are these:"
    kept = clean(Document.from_text("\n".join(lines) + "\n"), _registry(), site_rules=False).text
    assert not any(player in kept for player in players)


def test_a_link_in_a_sentence_does_not_keep_it_from_announcing_a_list():
    """A site's name in the announcing sentence ("bookshop.com") is a link
    token; it makes no short line bad among many words, and the sentence
    still announces its list: the items and the prose after them stay."""
    from stripper.generic.body import _announces
    from stripper.generic.language import stopwords
    from stripper.generic.thresholds import DEFAULT

    announce = "With the new app from bookshop.com, the paper can now be read on the following devices:"
    devices = ["* Kindle readers", "* Android phones", "* The iPad and the iPhone", "* Kobo readers"]
    lines = [
        "Technology",
        "",
        "The paper comes to e-readers",
        "",
        PARA,
        "",
        announce,
        *devices,
        "",
        PARA.replace("Monday", "Friday").replace("Geneva", "Denver"),
        "",
        "Copyright © 2024 The Daily Paper. All rights reserved.",
    ]

    def announces(text):
        return _announces(text, line_features(text, stopwords("en"), 0.5), DEFAULT)

    assert announces(announce)
    assert not announces("Our sites are bookshop.com, www.paper.com and news.com:")  # links, not prose
    kept = clean(Document.from_text("\n".join(lines) + "\n"), _registry(), site_rules=False).text
    assert all(device in kept for device in devices)
    assert PARA.replace("Monday", "Friday").replace("Geneva", "Denver") in kept


def _ranking(sections: int) -> list[str]:
    """A ranking of numbered sections, each a heading, a paragraph and its
    short picks: the picks cost enough that the body stops early."""
    lines = ["Tools", "", "The 8 tools every electrician needs", "", PARA, ""]
    for n in range(1, sections + 1):
        lines += [
            f"{n}. Tool number {n} for the job",
            "",
            f"This is the tool number {n}, and it is one that helps an electrician check the wiring of a "
            "house before the work begins, which is why we keep it in the van.",
            "",
            "Our picks:",
            "",
            f"* Brand A model {n}",
            f"* Brand B model {n}",
            f"* Brand C model {n}",
            f"* Brand D model {n}",
            "",
        ]
    return lines + ["Copyright © 2024 The Tool Review. All rights reserved.", ""]


def test_numbered_sections_below_the_body_go_with_it():
    from stripper.generic.thresholds import Thresholds

    lines = _ranking(8)
    text = "\n".join(lines)
    kept = clean(Document.from_text(text), _registry(), site_rules=False).text
    assert all(f"{n}. Tool number {n}" in kept and f"the tool number {n}," in kept for n in range(1, 9))
    assert "All rights" not in kept
    # without the step (no gap is short enough), the body stops before the last sections
    off = clean(Document.from_text(text), _registry(), site_rules=False, thresholds=Thresholds(numbered_gap_max=0)).text
    assert "8. Tool number 8" not in off


def test_numbered_sections_stop_where_the_numbers_start_again():
    """A list numbered anew below the article (1., 2., ... again: another
    box) is no section of it: the body takes the sections up to 4."""
    lines = _ranking(8)
    at = lines.index("5. Tool number 5 for the job")
    for k in range(at, len(lines)):
        if lines[k][:1].isdigit():
            n = int(lines[k].split(".")[0])
            lines[k] = lines[k].replace(f"{n}. Tool number", f"{n - 4}. Tool number")
    kept = clean(Document.from_text("\n".join(lines)), _registry(), site_rules=False).text
    assert "4. Tool number 4" in kept and "the tool number 4," in kept
    assert "Tool number 5" not in kept


def test_a_listicles_records_stay_each_under_its_numbered_heading():
    """A listicle of events, each a numbered heading between the photo
    credit above it and its date below (both bad lines), a record of
    fields and a paragraph: the headings that go on the numbers stay, so
    the sections go on below the body; "5. Web Summit 2026" is no dated
    signature (its item's number is no day), and the events no thread."""
    lines = ["Events", "", "The biggest tech events of 2026", "", PARA, "", PARA.replace("Monday", "Friday"), ""]
    for n, (name, month) in enumerate((("CES", "January"), ("Summit", "March"), ("Congress", "June")) * 2, 1):
        lines += [
            f"{n}. Web {name} World Expo 2026",
            "",
            f"Date: {month} {n + 2}-{n + 5}, 2026",
            "Location: Las Vegas, USA",
            "",
            f"The event number {n} brings together the people who build the products of the year, and it "
            "is where the companies show what they will sell, which is why we go there each time.",
            "",
            f"Registration: https://event{n}.example.com/",
            f"Photo Jane Doe on https://unsplash.com/photos/{n}-event-hall-at-night",
            "",
        ]
    text = "\n".join(lines + ["Copyright © 2026 The Events Review. All rights reserved.", ""])
    kept = clean(Document.from_text(text), _registry(), site_rules=False).text
    assert all(f"{n}. Web" in kept and f"The event number {n} " in kept for n in range(1, 7))
    assert not line_features("5. Web Summit Rio 2026", frozenset(), 0.5).dated
    assert line_features("2. Anna September 17, 2025 at 6:26 pm", frozenset(), 0.5).dated
    # a heading between bad lines whose number goes on none above it goes
    verdicts = explain_lines(Document.from_text(text.replace("2. Web Summit", "9. Web Summit")), language="en")
    assert not verdicts[lines.index("2. Web Summit World Expo 2026")].keep


@pytest.mark.parametrize(
    "line",
    [
        "11:24 AM | Permalink | Comments (7)",
        "Posted by Harry on July 24, 2006 Comments: 2",
        "3 RESPONSES",
        "Wasze komentarze [4]",
        "تعليقات (3)",
        "REPLİES 4",  # İ, which a case-insensitive "i" matches
        "4 replıes",
        "12 ſomething Comments 5",
    ],
)
def test_the_comment_tally_screen_passes_every_line_the_tally_matches(line):
    """`may_tally_comments` screens the lines `_blog_posts` searches: a line
    COMMENT_TALLY matches always passes it (its stems are every comment
    word's opening letters)."""
    from stripper.generic.cues import _COMMENT_STEMS, COMMENT_TALLY, may_tally_comments

    assert COMMENT_TALLY.search(line) and may_tally_comments(line)
    assert not may_tally_comments("Posted on July 24, 2006 at 11:24 AM | Permalink")
    assert "comment" in _COMMENT_STEMS and "komentarz" in _COMMENT_STEMS


def test_teasers_each_over_a_more_link_are_cut_short():
    """A teaser followed by its link to the rest ("more »") ends no sentence
    of the article: the run of them after the body's last sentence is a
    tail. "More..." over bulleted headlines is a box's label, no link."""
    article = [
        "Talks on wages go on in Geneva",
        PARA,
        PARA.replace("Monday", "Tuesday"),
        PARA.replace("union", "employers"),
        PARA.replace("Geneva", "Bern"),
    ]
    places = (("World", "Paris"), ("Canada", "Ottawa"), ("Health", "Boston"), ("Money", "Toronto"))
    teasers = []
    for section, place in places:
        teasers += [f"{section} »", PARA.replace("Geneva", place).replace("minister", "mayor"), "more »"]
    text = "\n".join(article + teasers) + "\n"
    result = clean(Document.from_text(text), _registry(), site_rules=False)
    assert result.text == "\n".join(article) + "\n"
    assert clean(Document.from_text(result.text), _registry(), site_rules=False).text == result.text
    verdicts = explain_lines(Document.from_text(text), language="en")
    assert verdicts[6].rule_id == "generic.tail" and verdicts[6].step == "outside_body"
    # the same paragraphs under a label over bulleted headlines end their sentences, and stay
    boxed = []
    for section, place in places:
        boxed += [f"{section} »", PARA.replace("Geneva", place).replace("minister", "mayor"), "More..."]
        boxed += [f"* Storm hits the coast near {place}"]
    assert "mayor" in clean(Document.from_text("\n".join(article + boxed) + "\n"), _registry(), site_rules=False).text
