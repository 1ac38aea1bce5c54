"""The classifier's steps on pages of sites no rule knows: each failure
seen on such pages, on a dump written for the test, and the trace that
explain reads (docs/generic.md)."""

from __future__ import annotations

import dataclasses

import pytest

from stripper.generic import explain_lines
from stripper.generic.classifier import _lone_line, classify, run_steps, step_names
from stripper.generic.cues import DIAGRAM_INITIALS, DIAGRAM_OPENING
from stripper.generic.features import line_features
from stripper.generic.thresholds import DEFAULT, Thresholds
from stripper.model import Cut, Document
from stripper.pipeline import clean, default_registry
from stripper.textio import read_document

from .conftest import require_shared, seed_paths

MENU = "الرئيسية\nمحليات\nعربي ودولي\nاقتصاد\nرياضة\n"
BODY = (
    "أعلنت وزارة الفلاحة والموارد المائية يوم الثلاثاء عن جملة من الإجراءات الجديدة لفائدة صغار الفلاحين في "
    "مختلف ولايات الجمهورية، وذلك في إطار برنامج الدعم الذي أقرته الحكومة للموسم الفلاحي الحالي.\n"
    "وأوضحت الوزارة في بلاغ لها أن هذه الإجراءات تشمل تأجيل سداد القروض الموسمية وتوفير البذور الممتازة "
    "بأسعار مدعمة، إلى جانب تيسير النفاذ إلى مياه الري في المناطق التي تشكو نقصا في الموارد المائية.\n"
    "وأضاف البلاغ أن المندوبيات الجهوية للتنمية الفلاحية ستتولى قبول مطالب الانتفاع بهذه الإجراءات إلى غاية "
    "نهاية الشهر القادم، داعية الفلاحين المعنيين إلى الاتصال بالخلايا الترابية للإرشاد الفلاحي.\n"
)
LAST = (
    "وأشار الوزير إلى أن قائمة المنتفعين ستعلن يوم الرابع من شهر جويلية القادم، على أن تنطلق عملية "
    "توزيع البذور بعد أسبوع من ذلك التاريخ وفق الروزنامة التي ضبطتها الوزارة.\n"
)
HEADLINE = "وزارة الفلاحة تعلن عن إجراءات جديدة لدعم صغار الفلاحين\n"


def _clean(text: str) -> str:
    return clean(Document.from_text(text), default_registry(), site_rules=False).text


def test_a_roll_of_section_labelled_headlines_above_the_article_is_not_its_start():
    roll = (
        "آخر الأخبار\n"
        "سياسة: رئيس الحكومة يستقبل وفدا من رجال الأعمال الألمان لبحث فرص الاستثمار في الجهات\n"
        "رياضة: الترجي الرياضي يفوز على النادي الإفريقي في دربي العاصمة بهدفين دون رد\n"
        "اقتصاد: ارتفاع أسعار الخضر والغلال في الأسواق البلدية خلال الأسبوع الجاري حسب المعهد\n"
        "ثقافة: افتتاح الدورة الجديدة لمهرجان قرطاج الدولي بعرض موسيقي لفرقة من الجنوب\n"
    )
    out = _clean(MENU + roll + HEADLINE + BODY)
    assert out.splitlines() == [HEADLINE.strip(), *BODY.splitlines()]
    verdicts = explain_lines(Document.from_text(MENU + roll + HEADLINE + BODY), language="ar")
    assert "set by headline_roll" in verdicts[7].reason


def test_the_headline_above_dates_and_bylines_after_the_menus_is_kept():
    furniture = "الأربعاء 14 أوت 2024 - 10:35\nبقلم: سامي الهمامي\nمنذ 3 ساعات\n5 دقائق\nحجم الخط\n"
    out = _clean(MENU + HEADLINE + furniture + BODY).splitlines()
    assert out[0] == HEADLINE.strip() and out[-3:] == BODY.splitlines()
    assert not any(line in out for line in ("الرئيسية", "اقتصاد", "منذ 3 ساعات"))


def test_a_share_bar_and_a_prompt_to_comment_after_the_body_are_cut():
    for after in (
        "فيسبوك تويتر واتساب تيليجرام\nكن أول من يعلق على هذا الخبر\n",
        "شارك المقال على فيسبوك وتويتر وواتساب\nلا تنس أن تترك تعليقك على هذا الخبر\n",
    ):
        text = MENU + HEADLINE + BODY + after + LAST
        out = _clean(text)
        assert after.splitlines()[0] not in out and after.splitlines()[1] not in out
        assert LAST in out  # the prose after them stays


def test_every_line_the_classifier_decides_names_its_step_on_the_seeds():
    registry = default_registry()
    names = set(step_names())
    for path in seed_paths():
        result = clean(read_document(path), registry, site_rules=False)
        rule_cuts = [c for c in result.cuts if not c.rule_id.startswith("generic.")]
        decided = frozenset(i for c in rule_cuts if c.span is None for i in range(c.start, c.end))
        for v in explain_lines(result.document, decided, result.language, rule_cuts):
            if v.features is not None or v.first == "second-article":
                assert v.step in names, (path.name, v.index, v)
                assert v.reason


def _lone_lines(paths) -> list[str]:
    seen: dict[str, None] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                seen.setdefault(line)
    return list(seen)


def test_the_steps_keep_a_lone_line_so_classify_may_skip_them():
    """classify() skips the steps when one line is left to judge
    (classifier._lone_line); the steps must keep every such line: each
    line of the seeds and of every tenth bench-train dump, alone and under
    a URL header, in both of the languages it may be read in."""
    dumps = sorted(require_shared("bench-train").glob("*/dump/*"))[::10]
    lines = _lone_lines([*seed_paths(), *dumps])
    assert len(lines) > 10_000
    header = "https://example.com/news/2024/article.html"
    for line in lines:
        for text, decided in ((line, frozenset()), (f"{header}\n{line}", frozenset({0}))):
            doc = Document.from_text(text)
            for language in ("ar", "en"):
                cut = [v for v in explain_lines(doc, decided, language) if not v.keep]
                assert not cut, (line, language, cut)
                assert classify(doc, decided, language) == []


def test_a_lone_line_is_judged_by_the_steps_beside_a_rule_cut_or_a_held_tail():
    doc = Document.from_text(MENU + LAST)
    menu = frozenset(range(5))
    ruled = [Cut(0, 5, "common-ar/menu", "navigation", "menu", None, "rules/common-ar.yml:1")]
    assert _lone_line(doc, menu, (), ())
    assert not _lone_line(doc, menu, ruled, ())
    assert not _lone_line(doc, menu, (), [(4, "common-ar/related")])
    assert not _lone_line(doc, frozenset(range(4)), (), ())


def test_the_trace_says_which_step_moved_the_body():
    lines = run_steps(Document.from_text(MENU + HEADLINE + BODY), frozenset(), "ar", (), None, DEFAULT)
    moves = [d for d in lines.trace if d.verdict == "body"]
    assert moves[0].step == "find_body" and lines.body == (moves[-1].lines.start, moves[-1].lines.stop)
    assert set(lines.body_by.values()) <= set(step_names())


def test_thresholds_are_one_frozen_dataclass_passed_as_a_keyword():
    assert dataclasses.is_dataclass(DEFAULT)
    # (FrozenInstanceError as Python; compiled, the extension type's read-only field says so)
    with pytest.raises(AttributeError):
        DEFAULT.good_words = 3
    assert dataclasses.replace(DEFAULT, good_words=3).good_words == 3 and DEFAULT.good_words != 3
    strict = Thresholds(good_words=1000, near_words=1000)  # no line is prose: no body, nothing cut
    text = MENU + HEADLINE + BODY
    assert clean(Document.from_text(text), default_registry(), site_rules=False, thresholds=strict).text.count(
        "\n"
    ) > _clean(text).count("\n")


def test_a_ticker_of_dated_teasers_outweighing_the_article_is_not_its_body():
    teasers = [
        ("Oil prices move in both directions as stocks grow", "Oil prices on the world markets moved"),
        ("Two killed as a train leaves the rails in the south", "Two people were killed and fifty hurt when"),
        ("Minister to attend the meeting of the group in London", "The foreign minister leaves for London where"),
        ("Investors from abroad welcome to join the new projects", "The government will offer investors a number of"),
        ("Skaters take the bronze medal at the world championship", "The national team took third place for the"),
    ]
    ticker = "".join(
        f"* {title}\n\n{opening} the reports said on Wednesday, and the officials gave no further details of"
        f" what was going to happen next in the coming days of the week.\n\nToday, {9 - k}:{10 + 7 * k}\n"
        for k, (title, opening) in enumerate(teasers)
    )
    article = (
        "City police warn the homeless of a killer\n\n"
        "The police of the city warned the homeless on Tuesday of a killer who attacks people sleeping in "
        "the street; three men have died so far, the agency said.\n\n"
        "They were told to carry lights and whistles, and not to sleep alone in the street but to use the "
        "shelters that the city opened for the winter.\n"
    )
    text = "Home\nNews\nSport\n\n" + ticker + "\n" + article
    out = _clean(text)
    assert out.splitlines() == article.splitlines()
    verdicts = explain_lines(Document.from_text(text), language="en")
    assert "in a list of dated teasers before the body" in verdicts[11].reason
    assert any(
        d.step == "dated_lists" for d in run_steps(Document.from_text(text), frozenset(), "en", (), None, DEFAULT).trace
    )


def test_an_article_split_by_its_own_table_of_short_lines_stays_whole():
    def paragraphs(things: tuple[str, ...], when: str) -> str:
        return "".join(
            f"The {thing} we tested {when} holds two monitors and a keyboard, and it rises from sitting to "
            "standing height in a few seconds without any noise or shaking at all.\n"
            for thing in things
        )

    first_half = paragraphs(("desk", "converter", "stand", "riser", "workstation"), "this month")  # 170 words
    rows = ("Pros and cons", "Easy to assemble", "Sturdy steel frame", "Quiet lift", "Wide top", "Good warranty")
    rows += ("Heavy to move", "Small keyboard tray", "Bouncy at full height", "Pricey extras", "Slow delivery")
    rows += ("Few colours", "No cable tray", "Loud gas spring", "Short cords", "Thin manual")
    table = "".join(f"{row}\n" for row in rows)
    second_half = paragraphs(("table", "frame", "lift", "platform", "tower", "shelf", "board", "base"), "last year")
    text = "Home\nReviews\n\n" + first_half + "\n" + table + "\n" + second_half
    out = _clean(text)
    assert out.startswith(first_half) and out.rstrip("\n").endswith(second_half.rstrip("\n"))
    without_cap = dataclasses.replace(DEFAULT, gap_cost_max=100.0)
    loose = clean(Document.from_text(text), default_registry(), site_rules=False, thresholds=without_cap).text
    assert loose.startswith(first_half)  # article_opening takes the first half back...
    neither = dataclasses.replace(without_cap, opening_good_min=1000)
    loose = clean(Document.from_text(text), default_registry(), site_rules=False, thresholds=neither).text
    assert not loose.startswith(first_half)  # ...and without either the first half goes


def test_the_articles_opening_above_a_gallery_stays_with_the_article():
    opening = (
        "The new library of the city opened its doors on Monday to a crowd of readers who had waited for it "
        "for more than ten years, the mayor said.\n\n"
        "It holds two hundred thousand books, a hall for children and a room where the old maps of the region "
        "can be seen by anyone who asks.\n"
    )
    gallery = "Gallery\nThe reading room\nThe children's hall\nThe map room\nThe front steps\n"
    gallery += "The mayor and the architect\nThe first readers\nThe garden behind it\n"
    rest = (
        "The building was designed by a local architect, who won the competition for it six years ago against "
        "forty others from all over the country.\n\n"
        "Its cost was shared by the city and the region, and the works took four years, one more than planned, "
        "because of the floods of the second winter.\n\n"
        "The mayor thanked the workers and the readers for their patience, and said that the old library would "
        "become a school of music next year.\n\n"
        "The library will be open every day but Sunday, from nine in the morning to eight in the evening, and "
        "its cards will be free for the first year.\n"
    )
    text = "Home\nNews\nSport\n\nThe city opens its new library\n\n" + opening + "\n" + gallery + "\n" + rest
    out = _clean(text)
    assert opening.splitlines()[0] in out.splitlines() and rest.splitlines()[-1] in out.splitlines()
    lines = run_steps(Document.from_text(text), frozenset(), "en", (), None, DEFAULT)
    assert lines.body_by == {"start": "article_opening", "end": "find_body"}
    assert "article_opening" in step_names()
    # worth less than early_share of the rest, the opening alone was left out
    alone = clean(
        Document.from_text(text), default_registry(), site_rules=False, thresholds=Thresholds(opening_good_min=1000)
    ).text
    assert opening.splitlines()[0] not in alone.splitlines()


def test_teasers_whose_lines_end_no_sentence_after_the_article_are_cut():
    article = (
        "The city council voted on Tuesday to rebuild the old market hall, which has stood empty since the fire "
        "of two winters ago, the mayor said.\n\n"
        "The works will cost four million and take two years; the traders who sold there will be given stalls "
        "in the square until the hall opens again.\n\n"
        "Some members of the council asked for a park in its place, but the vote went for the hall by twelve "
        "to five after a debate of three hours.\n\n"
        "The first stones will be laid in the spring, once the ruins have been cleared and the plans approved "
        "by the office of the region.\n"
    )
    teasers = (
        "Around the region\n"
        "Schools close early as the storm nears the coast Schools across the region will close early on Friday as "
        "the storm that hit the islands\n"
        "Weather and traffic\n"
        "Local team wins the cup after a long wait The local football team won the regional cup for the first time "
        "in thirty years after a late\n"
        "Bridge to stay open to cars for two more years The old bridge over the river will stay open to cars while "
        "the new one is\n"
        "Page two\n"
    )
    text = "Home\nNews\nSport\n\nCouncil votes to rebuild the market hall\n\n" + article + "\n" + teasers
    out = _clean(text)
    assert out.rstrip("\n").endswith(article.rstrip("\n"))
    assert not any(line in out for line in teasers.splitlines())
    lines = run_steps(Document.from_text(text), frozenset(), "en", (), None, DEFAULT)
    assert lines.body_by["end"] == "unended_tail" and "unended_tail" in step_names()
    verdicts = explain_lines(Document.from_text(text), language="en")
    assert "end by unended_tail" in verdicts[text.splitlines().index("Weather and traffic")].reason
    # without the step the body search takes the teasers with the article
    off = Thresholds(unended_tail_min_lines=1000)
    kept = clean(Document.from_text(text), default_registry(), site_rules=False, thresholds=off).text
    assert "Weather and traffic" in kept.splitlines()
    # a tail whose prose ends its sentences is the article going on
    ended = teasers.replace("after a late\n", "after a late goal.\n").replace("one is\n", "one is built.\n")
    assert "Weather and traffic" in _clean(text.replace(teasers, ended)).splitlines()
    # a box's label ending with a colon ("See also:") announces no list of the article's: still cut
    labelled = text.replace("Around the region\n", "See also:\n")
    assert "Weather and traffic" not in _clean(labelled).splitlines()
    # a sentence that does ("The schools that close early are these:") holds the tail
    announced = text.replace("Around the region\n", "The schools that will close early are these:\n")
    assert "Weather and traffic" in _clean(announced).splitlines()


def test_teasers_cut_short_end_no_sentence():
    article = (
        "The harbour board agreed on Wednesday to deepen the channel to the old quay, so that the larger ferries "
        "can dock there again after ten years, the chairman said.\n\n"
        "The dredging will start in the autumn and last four months; the fishing boats will moor at the new "
        "pier while the work goes on, as they did last winter.\n\n"
        "Two members of the board voted against the plan, saying that the money would be better spent on the "
        "road to the harbour, which floods every spring.\n\n"
        "The first ferry is expected at the old quay next summer, once the channel has been surveyed and the "
        "works approved by the port authority.\n"
    )
    teasers = (
        "More from the coast\n"
        "Storm closes the ferry line for two days\n"
        "The ferry line to the islands was closed on Monday and Tuesday as the storm that had been forecast "
        "for the weekend reached the coast later than the forecasters had said and ...\n"
        "Fishermen ask for a new quota\n"
        "The fishermen of the bay have asked the ministry for a larger quota of cod this year, after a season in "
        "which the catches were the best in a decade and the prices [...]\n"
        "Lighthouse opens to visitors\n"
    )
    text = "Home\nNews\nCoast\n\nFerries to dock at the old quay again\n\n" + article + "\n" + teasers
    out = _clean(text)
    assert out.rstrip("\n").endswith(article.rstrip("\n"))
    assert not any(line in out for line in teasers.splitlines())
    lines = run_steps(Document.from_text(text), frozenset(), "en", (), None, DEFAULT)
    assert lines.body_by["end"] == "unended_tail"
    # the ellipsis character ends a writer's sentences too: such teasers end theirs, and stay
    ended = teasers.replace("and ...\n", "and \u2026\n").replace("prices [...]\n", "prices\u2026\n")
    assert "Fishermen ask for a new quota" in _clean(text.replace(teasers, ended)).splitlines()


ARTICLE = (
    "The harbour board agreed on Wednesday to deepen the channel to the old quay, so that the larger ferries "
    "can dock there again after ten years, the chairman said.\n\n"
    "The dredging will start in the autumn and last four months; the fishing boats will moor at the new "
    "pier while the work goes on, as they did last winter.\n\n"
    "Two members of the board voted against the plan, saying that the money would be better spent on the "
    "road to the harbour, which floods every spring.\n"
)
TEASERS = (
    (
        "Politics",
        "Ministers meet again",
        "The cabinet met on Monday for the third time this month to settle the budget, "
        "and the talks went on late into the night before an agreement was reached.",
    ),
    (
        "Economy",
        "Bank keeps its rate",
        "The central bank kept its rate where it was for the sixth month in a row, saying "
        "that prices had risen less than it feared in the spring and summer.",
    ),
    (
        "Politics",
        "Mayor to stand again",
        "The mayor said on Friday that she would stand for a third term next year, after "
        "weeks in which her party had looked for another name for the race.",
    ),
    (
        "Culture",
        "Old theatre reopens",
        "The old theatre on the main square opened its doors again after four years of "
        "work, with a play written for it by a writer who grew up in the town.",
    ),
    (
        "Economy",
        "Port handles more ships",
        "The port handled more ships last year than in any year before, and the "
        "board expects the new quay to bring more of them in the years to come.",
    ),
)


def _teaser_tail(teasers) -> str:
    return "".join(f"{label}\n\n{headline}\n\n{teaser}\n\n" for label, headline, teaser in teasers)


def test_a_tail_of_labelled_teasers_ends_the_body():
    text = "Home\nNews\n\nFerries to dock at the old quay again\n\n" + ARTICLE + "\n" + _teaser_tail(TEASERS)
    out = _clean(text)
    assert out.rstrip("\n").endswith(ARTICLE.rstrip("\n"))
    assert not any(headline in out for _, headline, _ in TEASERS)
    lines = run_steps(Document.from_text(text), frozenset(), "en", (), None, DEFAULT)
    assert lines.body_by["end"] == "labelled_teasers" and "labelled_teasers" in step_names()
    verdicts = explain_lines(Document.from_text(text), language="en")
    assert "end by labelled_teasers" in verdicts[text.splitlines().index("Culture")].reason
    # without the step the teasers, whose paragraphs end their sentences, stay
    off = Thresholds(teaser_blocks_min=1000)
    kept = clean(Document.from_text(text), default_registry(), site_rules=False, thresholds=off).text
    assert "Old theatre reopens" in kept.splitlines()


def test_an_article_under_subheads_or_one_caption_a_paragraph_is_no_teaser_tail():
    # subheads that differ (a listicle's items): no label recurs
    items = [(f"Part {n}", headline, teaser) for n, (_, headline, teaser) in enumerate(TEASERS, 1)]
    text = "Home\nNews\n\nFerries to dock at the old quay again\n\n" + ARTICLE + "\n" + _teaser_tail(items)
    assert "Old theatre reopens" in _clean(text).splitlines()
    # one line over every paragraph (a photo credit, a share bar): one label recurring, not sections
    credited = [("Photo: the town hall", headline, teaser) for _, headline, teaser in TEASERS]
    text = "Home\nNews\n\nFerries to dock at the old quay again\n\n" + ARTICLE + "\n" + _teaser_tail(credited)
    assert "Old theatre reopens" in _clean(text).splitlines()


def test_a_long_line_without_a_sentence_mark_is_a_flattened_list_not_the_body():
    regions = " ".join(f"{name} region" for name in ("Northern", "Southern", "Eastern", "Western", "Central"))
    regions += " " + " ".join(f"{name} district" for name in ("Lake", "River", "Forest", "Hill", "Valley", "Coast"))
    regions += " " + " ".join(f"Province of {name}" for name in ("the Plains", "the Islands", "the Mountains"))
    picker = f"Choose your region\n{regions} and the capital and all the other places of the country\n"
    article = (
        "The regional council opened a new hospital on Monday in the north of the country, where the nearest "
        "one was two hours away by road, the minister said.\n\n"
        "It has two hundred beds and a wing for children, and it will take its first patients next week once "
        "the last of the staff have been trained.\n"
    )
    text = "Home\nNews\n\n" + picker + "\nA new hospital for the north\n\n" + article
    assert len(picker.splitlines()[1].split()) >= DEFAULT.unpunctuated_words
    out = _clean(text)
    assert out.rstrip("\n").endswith(article.rstrip("\n")) and regions not in out
    verdicts = explain_lines(Document.from_text(text), language="en")
    assert verdicts[4].first == "bad" and "with 0 sentence marks (a flattened list)" in verdicts[4].reason
    # taken for prose (the stoplist holds "and", "of", "the"), the list outweighs the article
    off = Thresholds(unpunctuated_words=100_000)
    assert regions in clean(Document.from_text(text), default_registry(), site_rules=False, thresholds=off).text


def test_a_line_of_html_code_left_in_the_dump_is_cut():
    article = (
        "The museum of the town reopened on Saturday after two years of works, with a new wing for the paintings "
        "that the family of the founder gave it last spring.\n\n"
        "The works cost less than planned, the director said, and the entry will stay free for the children of "
        "the schools of the region until the end of the year.\n"
    )
    code = (
        '<div class="embed"><p>Put this video on your page and share it with the friends you have</p>'
        '<iframe width="560" height="315" src="/embed/museum" frameborder="0"></iframe></div>'
    )
    text = "Home\nNews\n\nThe museum opens its doors again\n\n" + article + "\n" + code + "\n"
    out = _clean(text)
    assert out.rstrip("\n").endswith(article.rstrip("\n")) and code not in out
    verdicts = explain_lines(Document.from_text(text), language="en")
    assert verdicts[-1].first == "bad" and verdicts[-1].reason.startswith("HTML markup")
    # read as text, the code is a line of prose that the body takes
    off = Thresholds(markup_share_bad=2.0)
    assert code in clean(Document.from_text(text), default_registry(), site_rules=False, thresholds=off).text


def test_paragraphs_that_end_with_a_credit_after_the_stop_end_their_sentences():
    opening = (
        "The week in the city began with the council's vote on the market hall, which will be rebuilt over "
        "two years at a cost of four million, the mayor said on Monday.\n\n"
        "The traders who sold there will be given stalls in the square until the hall opens again, and the "
        "rent of those stalls will stay as it was for the whole of the works.\n\n"
        "Some members of the council had asked for a park in its place, but the vote went for the hall by "
        "twelve to five after a debate of three hours in the old chamber.\n\n"
    )
    credited = (
        "The bridge over the river will stay open to cars for two more years while the new one is built "
        "downstream, the office of the region said. (Reuters)\n\n"
        "The schools of the coast will close early on Friday as the storm that hit the islands on Wednesday "
        "nears the mainland, the education office said. [City Times]\n\n"
        "The local team won the regional cup for the first time in thirty years after a late goal in the "
        "final against the champions of the north. (Sport Daily)\n\n"
        "A new line of buses will link the station with the hospital from the first of the month, running "
        "every ten minutes from six in the morning. (Transport Office)\n\n"
        "The museum of the town reopens on Saturday with a new wing for the paintings that the family of "
        "the founder gave it last spring. (Arts Desk)\n"
    )
    text = "Home\nNews\n\nThe week in the city\n\n" + opening + credited
    out = _clean(text)
    assert out.rstrip("\n").endswith(credited.rstrip("\n"))
    verdicts = explain_lines(Document.from_text(text), language="en")
    assert verdicts[-1].features.sentence_end and verdicts[-1].keep
    # Chinese: a stop, then the writer's name in full-width brackets
    assert line_features("我們今天也去了那家店，大家都說很好吃。（上班族 王小明）", frozenset(), 0.5).sentence_end
    # a link's label after a teaser is no credit, nor a count
    assert not line_features("The hall will be rebuilt, the mayor said. (Full Story)", frozenset(), 0.5).sentence_end
    assert not line_features("Will the hall be rebuilt in time? (12)", frozenset(), 0.5).sentence_end


def test_a_bullet_written_tight_against_its_item_opens_a_list_item():
    article = (
        "美国财政部十五日公布截至十月底的世界各国及地区持有美国国债的状况，中国所持有的美国国债总计一万一千多亿美元，"
        "稳居各国及地区之首，但比九月有所减少。\n\n"
        "周三美国财政部完成了价值一百三十亿美元的三十年期国债拍卖，收益率创下历史新低，评级被降似乎没有持续影响到市场对美国国债的兴趣。\n\n"
    )
    related = "相关报道：\n\n·中国五个月来首次减持美国国债 仍为美国最大债主\n·我国八月减持美国国债 创今年以来纪录\n\n"
    disclaimer = (
        "免责声明：本文仅代表作者个人观点，与本网站无关。其原创性以及文中陈述文字和内容未经本站证实，对本文以及其中全部或者部分内容、"
        "文字的真实性、完整性、及时性本站不作任何保证或承诺，请读者仅作参考，并请自行核实相关内容。\n"
    )
    text = "首页\n财经\n\n中国减持美国国债 仍是最大持有国\n\n" + article + related + disclaimer
    out = _clean(text)
    assert article.splitlines()[0] in out and "·中国五个月来首次减持美国国债" not in out
    verdicts = explain_lines(Document.from_text(text), language="zh")
    item = text.splitlines().index(related.splitlines()[2])
    assert verdicts[item].features.list_item and verdicts[item].reason.endswith("inside the body")
    assert not line_features("-5 degrees in the hills tonight", frozenset(), 0.5).list_item


def test_one_title_like_line_above_the_body_stays_as_its_headline():
    article = (
        "The regional council opened a new hospital on Monday in the north of the country, where the nearest "
        "one was two hours away by road, the minister said.\n\n"
        "It has two hundred beds and a wing for children, and it will take its first patients next week once "
        "the last of the staff have been trained.\n"
    )
    text = "Home\nNews\n\nMore stories from the North desk\n\nA new hospital for the north\n\n" + article
    out = _clean(text).splitlines()
    assert out[0] == "A new hospital for the north" and "More stories from the North desk" not in out
    verdicts = explain_lines(Document.from_text(text), language="en")
    assert verdicts[5].step == "headline" and verdicts[3].reason.startswith("short line (6 words) before the body")
    two = Thresholds(headlines_max=2)
    kept = clean(Document.from_text(text), default_registry(), site_rules=False, thresholds=two).text
    assert "More stories from the North desk" in kept.splitlines()


def test_comments_under_a_count_of_them_are_cut_signed_or_not():
    article = (
        "The city council voted on Tuesday to rebuild the old market hall, which has stood empty since the fire "
        "of two winters ago, and the works will start in the spring, the mayor said after the vote.\n\n"
        "The works will cost four million and take two years; the traders who sold there will be given stalls "
        "in the square until the hall opens again, at the same rent as they paid before the fire.\n\n"
        "Some members of the council asked for a park in its place, but the vote went for the hall by twelve "
        "to five after a debate of three hours, in which the traders spoke for the hall one after the other.\n\n"
        "One response caught the mood of the evening:\n\n"
        "The hall is where this town has met to buy and sell for two hundred years, and it should be again "
        "for the next two hundred, said the oldest of the traders.\n"
    )
    comments = (
        "3 Comments\n\n"
        "Maria Lopez\n"
        "About time! I have missed that hall since the fire, and so has everybody I know in the old town.\n\n"
        "John Smith\n"
        "Four million is a lot of money for a market when the schools of the town need new roofs first.\n\n"
        "Ann Lee\n"
        "I hope they keep the old clock over the door, it was the one thing the fire did not take from us.\n"
    )
    text = "Home\nNews\n\nCouncil votes to rebuild the market hall\n\n" + article + "\n" + comments
    out = _clean(text)
    assert out.rstrip("\n").endswith(article.rstrip("\n")) and "Maria Lopez" not in out
    verdicts = explain_lines(Document.from_text(text), language="en")
    count = text.splitlines().index("3 Comments")
    assert verdicts[count].step == "comment_count" and verdicts[count].rule_id == "generic.comments"
    assert verdicts[-1].step == "comment_count" and f"from line {count + 1}" in verdicts[-1].reason
    lines = run_steps(Document.from_text(text), frozenset(), "en", (), None, DEFAULT)
    assert lines.thread == count and lines.body_by["end"] == "comment_count" and "comment_count" in step_names()
    # without the step the names and their comments stay with the article
    off = Thresholds(comment_count_min_prose=100_000)
    assert "Maria Lopez" in clean(Document.from_text(text), default_registry(), site_rules=False, thresholds=off).text
    # a word after the count: "No comments yet" over a sidebar that ran on from the article
    sidebar = "No comments yet\n\n" + comments.split("\n\n", 1)[1]
    out = _clean(text.replace(comments, sidebar))
    assert out.rstrip("\n").endswith(article.rstrip("\n")) and "Maria Lopez" not in out


# A news brief of one paragraph, then a box of bulleted headlines, each over
# the first lines of its story: the box holds more prose than the brief.
_BRIEF = (
    "Harbour workers strike over pay\n\n"
    "Dock workers at the northern harbour stopped work on Monday over a pay deal that the port company "
    "has refused to sign, and ships are waiting outside the harbour walls.\n"
)
_TEASERS = (
    ("Teachers extend their strike into a second week", "Teachers of the city schools voted to extend the strike"),
    ("Hospital opens a new children's ward in the east", "The new children's ward of the eastern hospital opens"),
    ("Farmers warn of a poor wheat harvest after the drought", "Wheat farmers say the drought will cut the harvest"),
    ("Council approves the budget for road repairs", "The city council approved a budget for repairs of roads"),
)


def _teaser_box(teasers) -> str:
    return "".join(
        f"* {title}\n{opening}, officials said on Monday, and more details are expected later this week.\n"
        for title, opening in teasers
    )


def test_a_box_of_bulleted_headlines_over_their_teasers_is_not_the_body():
    text = "Home\nNews\nSport\n\n" + _BRIEF + "\nLatest news\n" + _teaser_box(_TEASERS)
    out = _clean(text)
    assert out.splitlines()[-1] == _BRIEF.splitlines()[-1]
    assert "Teachers" not in out
    trace = run_steps(Document.from_text(text), frozenset(), "en", (), None, DEFAULT).trace
    assert any(d.step == "teaser_lists" for d in trace)
    verdicts = explain_lines(Document.from_text(text), language="en")
    assert "in a list of teasers after the body" in verdicts[len(text.splitlines()) - 1].reason


def test_a_flattened_menu_between_an_articles_paragraphs_tells_no_story():
    # the menu's items are bulleted short lines over the article's paragraphs,
    # which do not tell their story: no list of teasers, the article stays
    menu = ("Europe", "Markets", "Politics", "Sports")
    paragraph = (
        "The envoy arrived in the capital on Monday to inspect the plant, which the government promised "
        "to shut down by the end of the year under the agreement signed in the spring."
    )
    text = "".join(f"* {item}\n{paragraph}\n" for item in menu)
    lines = run_steps(Document.from_text(text), frozenset(), "en", (), None, DEFAULT)
    assert not lines.teaser_list
    assert not any(d.step == "teaser_lists" for d in lines.trace)


def test_a_year_among_prices_is_no_date():
    assert not line_features("* 2025 hourly rates: $250 to $350 per hour", frozenset(), 0.5).dated
    assert line_features("Maria, July 7, 2012 at 2:31 pm", frozenset(), 0.5).dated


def test_an_articles_code_blocks_cost_nothing_in_the_search_and_stay():
    def paragraph(topic: str) -> str:
        return (
            f"The {topic} below reads the rows of the orders table once, and it keeps the running totals in a "
            "small dictionary so that the report can be printed at the end without a second pass over the data.\n"
        )

    function = (
        "def totals(rows):\n    seen = {}\n    for row in rows:\n"
        "        seen[row.customer] = seen.get(row.customer, 0) + row.amount\n    return seen\n"
    )
    query = "SELECT customer_id, SUM(amount)\nFROM orders\nWHERE created_at > '2024-01-01'\nGROUP BY customer_id;\n"
    loop = 'for name, total in sorted(totals(rows).items()):\n    print(f"{name}: {total}")\n'
    parts = (paragraph("function"), function, "It is short.\n", query, paragraph("query"), loop, paragraph("loop"))
    article = "\n".join(parts)
    text = "Home\nBlog\nAbout\n\n" + article + "\nShare this post\nTwitter\nFacebook\n"
    out = _clean(text)
    assert out.strip() == article.strip()
    assert _clean(out) == out
    lines = run_steps(Document.from_text(text), frozenset(), "en", (), None, DEFAULT)
    assert [d.lines for d in lines.trace if d.step == "code_blocks"] == [range(6, 11), range(14, 18), range(21, 23)]
    # without the step, the short and bad lines of the code split the article, and its first part goes
    off = dataclasses.replace(DEFAULT, code_block_share=2.0)
    loose = clean(Document.from_text(text), default_registry(), site_rules=False, thresholds=off).text
    assert not loose.startswith(paragraph("function"))


def test_a_diagrams_code_is_code_its_labelled_edges_and_its_first_line_too():
    diagram = (
        "flowchart TD\nA[EXPLAIN ANALYZE Output] --> B{Check Seq Scans}\n"
        "B -->|Large Table| C[Add Index]\nB -->|Small Table| D[OK - Sequential is fine]\n"
    )
    intro = "Before optimizing, read what the planner tells you about each step of the query, in this order:\n"
    lines = run_steps(Document.from_text(intro + "\n" + diagram), frozenset(), "en", (), None, DEFAULT)
    assert lines.code == frozenset(range(2, 6))
    # a line that only opens with a diagram's words is none
    menu = "Flowchart TD templates\nGraph LR paper | Sport\n"
    lines = run_steps(Document.from_text(intro + "\n" + menu), frozenset(), "en", (), None, DEFAULT)
    assert not lines.code


def test_every_diagram_opening_opens_with_one_of_its_initials():
    """`code_line` asks DIAGRAM_OPENING only of a line whose first letter is
    one of DIAGRAM_INITIALS: every word the regex knows opens with one, and
    each one's diagram is read as code."""
    openings = [
        "flowchart TD",
        "graph LR",
        "sequenceDiagram",
        "classDiagram",
        "stateDiagram-v2",
        "erDiagram",
        "gantt",
        "mindmap",
        "gitGraph",
    ]
    intro = "Before optimizing, read what the planner tells you about each step of the query, in this order:\n"
    for opening in openings:
        assert DIAGRAM_OPENING.match(opening) and opening[0] in DIAGRAM_INITIALS, opening
        text = f"{intro}\n  {opening}\nA[Start] --> B{{Check}}\n"
        lines = run_steps(Document.from_text(text), frozenset(), "en", (), None, DEFAULT)
        assert lines.code == frozenset(range(2, 4)), opening


def test_a_legend_or_a_list_ending_with_semicolons_is_no_code():
    legend = "s = slow pace (your normal jogging pace)\nm = medium pace\nf = fast pace\n"
    legend += (
        "s-m or m-f = increase your speed during a single training session, and run the first part at the "
        "slower pace.\n"
    )
    greek = "Πόσο ψωμί ;\nΈνα ισορροπημένο διαιτολόγιο;\n"
    listed = "- величина потенции не связана с размером носа;\n- размер обуви не имеет значения;\n"
    for block in (legend, greek, listed):
        lines = run_steps(Document.from_text("Intro line here.\n\n" + block), frozenset(), "en", (), None, DEFAULT)
        assert not lines.code, block


def test_a_table_under_its_sentence_costs_nothing_and_stays():
    intro = (
        "The final standings of the season after thirty six races show how close the first four drivers came "
        "to each other in the last weeks, and how far behind the rest of the field finished.\n"
    )
    names = ("Kyle Busch", "Martin Truex", "Kevin Harvick", "Denny Hamlin", "Joey Logano", "Ryan Blaney", "Kyle Larson")
    rows = "".join(f"{k}     {name:<20}  {5040 - 9 * k}     {k % 3}\n" for k, name in enumerate(names, 1))
    table = "Pos.  Driver                Points  Wins\n" + rows
    outro = (
        "The top twelve drivers of the regular season went on to fight for the title in the last ten races, "
        "and the calendar of the next season has thirty six races again.\n"
    )
    article = intro + "\n" + table + "\n" + outro
    text = "Home\nNews\nStandings\n\n" + article + "\nShare this page\nTwitter\n"
    out = _clean(text)
    assert out.strip() == article.strip()
    assert _clean(out) == out
    off = dataclasses.replace(DEFAULT, table_rows_min=1000)
    loose = clean(Document.from_text(text), default_registry(), site_rules=False, thresholds=off).text
    assert "Kyle Busch" not in loose  # without it the rows, bad by their digits, go
    calendar = "Mo  Tu  We  Th  Fr\n1   2   3   4   5\n8   9   10  11  12\n15  16  17  18  19\n"
    lines = run_steps(Document.from_text(intro + "\n" + calendar), frozenset(), "en", (), None, DEFAULT)
    assert not lines.code  # a calendar's days are no table's rows


def test_a_line_of_invisible_characters_is_blank_and_splits_no_article():
    paragraphs = [
        f"The {thing} of the old theatre opened again on Saturday, and the dancers of the company showed the "
        "crowd the steps of a court dance that is older than the city itself, to the sound of drums."
        for thing in ("hall", "stage", "garden", "foyer", "balcony", "courtyard")
    ]
    spacer = "\u200b"  # a zero-width space between the paragraphs, as a blog's editor leaves it
    article = "".join(f"{p}\n\n{spacer}\n\n{spacer}\n\n" for p in paragraphs)
    text = "Home\nBlog\nEvents\n\n" + article + "Share this entry\nFacebook\n"
    out = _clean(text)
    assert all(p in out for p in paragraphs)
    lines = run_steps(Document.from_text(text), frozenset(), "en", (), None, DEFAULT)
    assert all(lines.first[i] == "blank" for i, line in enumerate(text.split("\n")) if line == spacer)
    assert _clean(out) == out


def test_a_sentence_run_into_a_second_columns_item_still_ends():
    gap = " " * 30
    said = line_features(f'"No decision is even pending," the spokeswoman said.{gap}News by Category', frozenset(), 0.5)
    assert said.sentence_end
    for tail in ("Traffic Cams 2008", "a long second column that goes on for more than forty characters"):
        assert not line_features(f"The spokeswoman said it.{gap}{tail}", frozenset(), 0.5).sentence_end
    assert not line_features(f"The spokeswoman said{gap}World", frozenset(), 0.5).sentence_end


def test_a_body_below_the_sites_footer_goes_back_above_it():
    article = (
        "The regional court sentenced the former mayor to three years in prison on Tuesday for taking bribes "
        "from the builders of the new hospital, which opened two years late.\n\n"
        "His lawyer said that he would appeal the sentence, and that the money had been a loan from an old friend "
        "that the mayor had paid back before the trial began.\n\n"
    )
    rules = "".join(
        f"Rule {k}: a reader who writes a comment agrees that the editors may shorten it, hide it or remove it "
        "without notice when it breaks the law of the country or insults other readers of the site.\n"
        for k in range(1, 5)
    )  # the site's rules for comments under its copyright line: more prose than the article
    menu = "".join(f"* Section {k}\n" for k in range(1, 31))
    text = "Home\nNews\n\n" + article + menu + "© 2024 The Daily Courier\n" + rules + "Contact\n"
    out = _clean(text)
    assert out.strip() == article.strip()
    assert _clean(out) == out
    result = clean(Document.from_text(text), default_registry(), site_rules=False)
    rule_cuts = [c for c in result.cuts if not c.rule_id.startswith("generic.")]
    decided = frozenset(i for c in rule_cuts if c.span is None for i in range(c.start, c.end))
    lines = run_steps(result.document, decided, result.language, rule_cuts, None, DEFAULT)
    assert lines.body_by == {"start": "site_footer", "end": "site_footer"} and "site_footer" in step_names()
    off = dataclasses.replace(DEFAULT, footer_above_share=1000.0)
    assert "Rule 1" in clean(Document.from_text(text), default_registry(), site_rules=False, thresholds=off).text
    high = text.replace("© 2024 The Daily Courier\n", "").replace("Home\nNews\n", "Home\nNews\n© 2024 Photo Desk\n")
    assert "Rule 1" in _clean(high)  # a copyright line high up the page is a photo's credit, no footer


# An article of three paragraphs under its headline, for the tests of what
# stands above a body.
_FARM_TITLE = "Farmers Get More Time to Repay Their Seasonal Loans\n"
_FARM_ARTICLE = (
    "The ministry of agriculture announced on Tuesday a set of new measures for small farmers in all of "
    "the regions of the country, as part of the support programme that the government approved.\n"
    "The measures include a delay in the repayment of seasonal loans and seeds at subsidised prices, as "
    "well as easier access to water for irrigation in the areas that are short of it this year.\n"
    "The regional offices will take the applications until the end of next month, and the farmers who "
    "are concerned are asked to contact the local extension units as soon as they can.\n"
)


def test_a_bulleted_list_of_headlines_that_opens_the_body_goes_before_it():
    """A "Recent Posts" box of bulleted headlines above the article, its
    near lines outweighing its short ones, joined the body; the body now
    starts at the first prose line after the list (bulleted_opening)."""
    box = (
        "Recent Posts\n"
        "* The city council votes on the new budget for the coming year\n"
        "* A new bridge opens to traffic across the river in the north of the city\n"
        "* Local school wins the national science fair for the third time in a row\n"
        "* Heavy rain is expected over the weekend in most of the region\n"
    )
    title, article = _FARM_TITLE, _FARM_ARTICLE
    out = _clean(box + title + article)
    assert out.splitlines() == [title.strip(), *article.splitlines()]
    lines = run_steps(Document.from_text(box + title + article), frozenset(), "en", (), None, DEFAULT)
    assert lines.body_by["start"] == "bulleted_opening" and "bulleted_opening" in step_names()
    # an article that opens with its own bulleted list of sentences keeps it
    steps = (
        "* Take the seeds to the regional office before the end of the month.\n"
        "* Bring the receipt of the last seasonal loan with the application.\n"
        "* Ask the extension unit for the date of the next distribution.\n"
    )
    assert _clean(title + steps + article).splitlines() == [title.strip(), *steps.splitlines(), *article.splitlines()]


def test_bulleted_teasers_cut_short_that_open_the_body_go_before_it():
    """Each item a headline run into the first words of its story, cut short
    ("..."): longer than a headline, but no sentence of the article."""
    stories = (
        ("Internet in Kashmir after local admn feels it is fit to do so", "Home Minister said on Wednesday"),
        ("All schools and colleges in the valley open again", "All schools and colleges are now open"),
        ("Newly elected president accepts the invitation to visit", "The new president of the island has"),
        ("Court asks the state to come out with a law for the temple", "The court on Wednesday asked the"),
    )
    box = "".join(
        f"* {head} NEW DELHI: {lead} that the matter was being looked into by the authorities concerned and...\n"
        for head, lead in stories
    )
    title, article = _FARM_TITLE, _FARM_ARTICLE
    lines = run_steps(Document.from_text(box + title + article), frozenset(), "en", (), None, DEFAULT)
    assert lines.body_by["start"] == "bulleted_opening"
    assert _clean(box + title + article).splitlines() == [title.strip(), *article.splitlines()]


def _laptop(name: str, thing: str) -> list[str]:
    """Two paragraphs of a laptop ranking's section."""
    return [
        f"The {name} laptop is the best {thing} laptop we tested this year, with a bright screen, a "
        f"comfortable keyboard and a battery that lasted more than twelve hours in our video test.",
        f"We liked the {name} laptop for its light aluminium body and its quiet fans, although the "
        f"screen is not as sharp as the one on the more expensive laptops in this guide.",
    ]


# a ranking section's list of short items, and two other articles' teasers
_LAPTOP_ITEMS = (
    *(f"* {x}" for x in ("Bright screen", "Long battery", "Quiet fans", "Light body", "Good keyboard")),
    *(f"* {x}" for x in ("Dim webcam", "Few ports", "Glossy screen", "Slow charger", "Plain speakers")),
    "* Two colours",
    "* One year warranty",
)
_OTHER_TEASERS = (
    "The city council voted on Tuesday to raise the price of a bus ticket in the spring, after a long "
    "debate about the cost of fuel and the drivers' wages in the region.",
    "Heavy rain is expected over the weekend in most of the region, and the weather office has asked the "
    "farmers in the valley to move their animals to higher ground before Friday.",
)


def test_a_rankings_sections_split_by_their_lists_join_the_body():
    """A ranking's sections, each split from the next by a long list of
    short items, are candidates of their own; the body takes the ones above
    it that read as the article and tell of it (article_opening, read in
    turn), not other articles' teasers above them."""

    items = list(_LAPTOP_ITEMS)
    teasers = list(_OTHER_TEASERS)
    lines = ["Best laptops of the year", *teasers, *items, *_laptop("Acer", "budget"), *items]
    lines += [*_laptop("Dell", "office"), *items, *_laptop("Asus", "gaming"), *_laptop("Lenovo", "student")]
    lines += _laptop("Apple", "premium")
    text = "\n".join(lines) + "\n"
    run = run_steps(Document.from_text(text), frozenset(), "en", (), None, DEFAULT)
    assert run.body_by["start"] == "article_opening"
    out = _clean(text)
    assert "Acer laptop is the best" in out and "Dell laptop" in out
    assert "city council" not in out
    once = dataclasses.replace(DEFAULT, opening_topic_share=2.0)  # the further candidates never tell enough
    assert (
        "Acer laptop is the best"
        not in clean(Document.from_text(text), default_registry(), site_rules=False, thresholds=once).text
    )


def test_a_rankings_sections_below_the_body_join_it():
    """The same ranking with its longest section first: the sections below
    it, each a candidate of its own, join the body when they read as the
    article's prose and tell of it (article_sections); other articles'
    teasers below them do not."""
    items = list(_LAPTOP_ITEMS)
    items += items  # (the lists cost more than the longest section is worth: each section a candidate)

    teasers = list(_OTHER_TEASERS)
    lines = ["Best laptops of the year", *_laptop("Apple", "premium"), *_laptop("Lenovo", "student")]
    lines += [*_laptop("Asus", "gaming"), *items, *_laptop("Dell", "office"), *items, *_laptop("Acer", "budget")]
    lines += [*items, *teasers]
    text = "\n".join(lines) + "\n"
    run = run_steps(Document.from_text(text), frozenset(), "en", (), None, DEFAULT)
    assert "article_sections" in step_names() and run.body_by["end"] == "article_sections"
    out = _clean(text)
    assert "Dell laptop" in out and "Acer laptop is the best" in out
    assert "city council" not in out
    assert _clean(out) == out
    any_topic = dataclasses.replace(DEFAULT, opening_topic_share=0.0)  # the teasers read as prose too
    assert (
        "city council"
        in clean(Document.from_text(text), default_registry(), site_rules=False, thresholds=any_topic).text
    )


def test_a_rankings_sections_are_read_past_a_candidate_of_no_prose():
    """Between two sections, the best stretch of a list (a near line among
    short items) is a candidate that reads as no prose: it is passed over
    for the next section (article_sections; article_opening likewise)."""
    items = list(_LAPTOP_ITEMS)
    items += items

    specs = "Weight and size of the laptop in its box with the charger and the cable"
    lines = ["Best laptops of the year", *_laptop("Apple", "premium"), *_laptop("Lenovo", "student")]
    lines += [*_laptop("Asus", "gaming"), *items, specs, *items, *_laptop("Acer", "budget")]
    text = "\n".join(lines) + "\n"
    run = run_steps(Document.from_text(text), frozenset(), "en", (), None, DEFAULT)
    assert any(c[2] - c[1] == 1 for c in run.candidates)  # the list's near line, a candidate of its own
    assert run.body_by["end"] == "article_sections"
    out = _clean(text)
    assert "Acer laptop is the best" in out and _clean(out) == out
    # the same above the body, once the candidate right above it joined
    lines = ["Best laptops of the year", *_laptop("Acer", "budget"), *items, specs, *items, *_laptop("Dell", "office")]
    lines += [*items, *_laptop("Asus", "gaming"), *_laptop("Lenovo", "student"), *_laptop("Apple", "premium")]
    text = "\n".join(lines) + "\n"
    run = run_steps(Document.from_text(text), frozenset(), "en", (), None, DEFAULT)
    assert run.body_by["start"] == "article_opening"
    assert "Acer laptop is the best" in _clean(text)


def test_a_short_sentence_that_closes_the_article_joins_the_body():
    article = (
        "The council voted on Tuesday to rebuild the old market hall that burned down last winter, ending a "
        "debate that had divided the town for nearly a year.\n\n"
        "The new hall will keep the stone front of the old one, and the builders expect to open it to the "
        "traders of the town before the end of next summer.\n\n"
        "Officials gave no other details.\n\n"
    )
    after = "(Text provided by the town hall.)\n\nHome\nNews\nSport\n"
    text = "Home\nNews\n\nCouncil votes to rebuild the market hall\n\n" + article + after
    out = _clean(text)
    assert "Officials gave no other details." in out and "(Text provided by the town hall.)" not in out
    lines = run_steps(Document.from_text(text), frozenset(), "en", (), None, DEFAULT)
    assert lines.body_by["end"] == "closing_line" and "closing_line" in step_names()
    verdicts = explain_lines(Document.from_text(text), language="en")
    closing = text.splitlines().index("Officials gave no other details.")
    assert verdicts[closing].step == "inside_body"
    assert "end by closing_line" in verdicts[text.splitlines().index("Sport")].reason
    # a credit in brackets right after the body is no closing sentence
    credit = text.replace("Officials gave no other details.\n\n", "")
    assert "(Text provided" not in _clean(credit)


def test_an_unended_tail_starts_after_the_articles_short_closing_paragraph():
    article = (
        "The council voted on Tuesday to rebuild the old market hall that burned down last winter, ending a "
        "debate that had divided the town for nearly a year.\n\n"
        "The new hall will keep the stone front of the old one, and the builders expect to open it to the "
        "traders of the town before the end of next summer.\n\n"
        "No date for the first market in the new hall has yet been announced.\n\n"
    )
    tail = (
        "Next up in the region\n"
        "Good deals\n"
        "1. Here is when the winter sales start at the shops of the town centre and more\n"
        "2. Here are the best places to eat by the river this weekend with the family\n"
        "More in the region\n"
        "Sign in\n"
    )
    text = "Home\nNews\n\nCouncil votes to rebuild the market hall\n\n" + article + tail
    out = _clean(text)
    assert "No date for the first market in the new hall has yet been announced." in out
    assert not any(line in out for line in tail.splitlines())
    lines = run_steps(Document.from_text(text), frozenset(), "en", (), None, DEFAULT)
    assert lines.body_by["end"] == "unended_tail"
    assert (
        lines.body[1]
        == text.splitlines().index("No date for the first market in the new hall has yet been announced.") + 1
    )


_POST = (
    "I would love to invite you all to the reading of my new picture book at the little bookshop on Laurel "
    "Street this coming Saturday at eleven in the morning.\n"
)
_BLOG_FOOTER = (
    "Posted by Anna at 9:22 AM\nLabels: books, events\n\nNewer Post\nOlder Post\n\n"
    "Blog Archive\nOctober (4)\nSeptember (2)\n\nAbout me\n\n"
)


def test_a_sidebars_box_that_ends_no_sentence_is_not_the_body_over_a_short_post():
    """A short post (a good line) over a sidebar's box worth more (a bio
    that ends on its link, no sentence): the article is the post, the
    first candidate above worth `article_above_share` of the box, which
    ends its sentence (docs/generic.md, 5.1.1)."""
    bio = (
        "Anna Berg Thank you for visiting my blog, where I share my sketches and my books. Professionally, I am "
        "a story artist at a small animation studio; for fun I draw, travel, eat and sleep, and I teach "
        "drawing to children twice a month View my complete profile\n"
    )
    text = "Home\nArchive\n\nA reading on Saturday\n\n" + _POST + "\n" + _BLOG_FOOTER + bio
    run = run_steps(Document.from_text(text), frozenset(), "en", (), None, DEFAULT)
    found = {(c[1], c[2]): c[0] for c in run.candidates}
    post, box = text.splitlines().index(_POST.strip()), text.splitlines().index(bio.strip())
    assert DEFAULT.article_above_share * found[box, box + 1] <= found[post, post + 1]
    assert found[post, post + 1] < DEFAULT.early_share * found[box, box + 1]
    assert run.body_by == {"start": "article_above", "end": "article_above"} and "article_above" in step_names()
    out = _clean(text)
    assert out.splitlines() == ["A reading on Saturday", "", _POST.strip()] and _clean(out) == out
    verdicts = explain_lines(Document.from_text(text), language="en")
    assert "ends 0 of its 1 prose lines with a sentence" in verdicts[box].reason
    assert "set by article_above" in verdicts[box].reason
    # without the step (no candidate worth that share), the box is the body
    off = dataclasses.replace(DEFAULT, article_above_share=1000.0)
    alone = clean(Document.from_text(text), default_registry(), site_rules=False, thresholds=off).text
    assert bio.strip() in alone.splitlines() and _POST.strip() not in alone.splitlines()
    # a box that ends its sentence reads as prose: it stays the body
    ended = text.replace(" View my complete profile\n", ".\n")
    assert _POST.strip() not in _clean(ended).splitlines()


def test_a_long_comment_under_the_count_of_the_comments_is_not_the_body():
    """A short story over its comments, one of them longer than the story:
    the comments come after the article, and a line between the two counts
    them ("2 comments:"), so the article above is the body."""
    story = (
        "The council voted on Tuesday to rebuild the old market hall, which has stood empty since the fire of "
        "two winters ago, the mayor said.\n\n"
        "The works will cost four million and take two years, the mayor said.\n"
    )
    comment = (
        "Marta said...\n\n"
        "I have lived in this town for forty years, and I remember the hall when it was full of stalls on every "
        "day of the week, with fish and bread and flowers from the farms up the valley.\n\n"
        "It is good news that they will rebuild it, but I wonder why it took them two winters to decide, when "
        "the traders have been selling in the rain all that time and many of them have given up.\n"
    )
    between = "Posted by Jan at 9:22 AM\nLabels: council, market hall\n\nNewer Post\nOlder Post\n\n2 comments:\n\n"
    text = "Home\nNews\n\nCouncil votes to rebuild the market hall\n\n" + story + "\n" + between + comment
    run = run_steps(Document.from_text(text), frozenset(), "en", (), None, DEFAULT)
    assert run.body_by == {"start": "article_above", "end": "article_above"}
    out = _clean(text)
    assert out.rstrip("\n").endswith(story.rstrip("\n")) and "Marta said..." not in out and _clean(out) == out
    count = text.splitlines().index("2 comments:")
    verdicts = explain_lines(Document.from_text(text), language="en")
    assert f"under the count of the comments on line {count + 1}" in verdicts[count + 2].reason
    # without the count between them, the longer comment is the body
    uncounted = _clean(text.replace("2 comments:\n\n", "")).splitlines()
    assert comment.splitlines()[2] in uncounted and story.splitlines()[0] not in uncounted
