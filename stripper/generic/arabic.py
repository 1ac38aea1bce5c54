"""Arabic cues the classifier and the rules read: connectives (a line that
carries the article on), clitics, the phrases that announce a list or
credit a source, an interview's turns, and what an Arabic title looks like.
Words are in their matching form (`normalize`)."""

from __future__ import annotations

import re

from ..lazyre import compile_later
from ..normalize import ARABIC_LETTER as ARABIC_LETTER, normalize

# (ARABIC_LETTER, a letter of the Arabic alphabet proper, is defined beside normalize)

# Words that open a sentence carrying the article on ("and it had", "as",
# "then", "he added"), in their matching form. An Arabic headline opens with
# a name or a noun: a line opening with one of these is prose, with or
# without its final stop. (The justext stoplist cannot tell: it lists nouns
# such as سيارة and وكالة.)
ARABIC_CONNECTIVES = frozenset(
    normalize(w)
    for w in """
    و وقد كما ولا وما ولم ولن وكان وكانت ثم لكن ولكن الا والا وان حيث وحيث وذلك وهو وهي وهذا
    وهذه وفي وتم فيما بينما اذ واذ وبحسب وحسب ويذكر يذكر ويشار يشار وتجدر واشار واشارت واضاف
    واضافت وقال وقالت وتابع وتابعت واكد واكدت واوضح واوضحت وبين وبينت ولفت ولفتت كذلك وبذلك
    وعليه وبالتالي ومن ومع وعلى وعن وبعد وقبل وافاد وافادت واعلن واعلنت واعتبر واعتبرت
    واعترف واعترفت وشدد وشددت ودعا ودعت وطالب وطالبت وكشف وكشفت ونفى ونفت واستطرد واضافة وتشير
    ويشير وتقول ويقول وذكر وذكرت وجاء ويأتي وتأتي واختتم""".split()
)


# Beyond those, a line opening with "و" joined to a word ("وبالمناداة",
# "وباعطاء") goes on with "and", unless the و is the word's own first
# letter: the nouns and verbs that open headlines so ("وزير", "وفاة",
# "وقفة احتجاجية"), in their matching form, by their stems.
_W_WORD_STEMS = tuple(
    normalize(w)
    for w in """
    وزير وزار وزرا وفا وفد وكال وكيل وكلا ولاي والي ولي وقف وقع وقت ورش وثيق وثائق وحد وضع
    وسط ورق وصول وصل وعد وعود وجه وجد وجود وباء ولاد ولد وظيف وظائف ودائع وقود وطن واد واقع
    واجب واجه وارد واحد واح ورد وعي وهم وصف وجب وصي وصاي وسام وسيل وسائل ومض وهب ويل""".split()
)


# Phrases of more than one word that carry an article on ("من جهة أخرى",
# "في سياق متصل"), in their matching form.
ARABIC_CONNECTIVE_PHRASES = tuple(
    normalize(p)
    for p in (
        "من جهة أخرى",
        "من جهة ثانية",
        "من ناحية أخرى",
        "من جانبه",
        "من جانبها",
        "من جانبهم",
        "من جهته",
        "من جهتها",
        "في سياق متصل",
        "في نفس السياق",
        "في السياق نفسه",
        "في سياق آخر",
        "في المقابل",
        "في الأثناء",
        "إلى ذلك",
        "تجدر الإشارة",
        "يشار إلى",
    )
)
# An interview's questions and answers: "س: ...", "ج - ..." (سؤال, جواب)
_INTERVIEW_TURN = compile_later(r"[سج] ?[:/\-–]")
_PHRASE_OPENERS = frozenset(phrase.split(" ", 1)[0] for phrase in ARABIC_CONNECTIVE_PHRASES)
_CONNECTIVE_PHRASE = compile_later("(?:%s)(?!\\w)" % "|".join(map(re.escape, ARABIC_CONNECTIVE_PHRASES)))


def opens_with_connective(normalized: str) -> bool:
    """Whether the normalised line opens with one of ARABIC_CONNECTIVES or
    ARABIC_CONNECTIVE_PHRASES, with "هذا و..." ("هذا وقد", "هذا وأكد"), with
    "و" joined to a word that is not one of the _W_WORD_STEMS, or as an
    interview's turn ("س: ...", "ج: ...")."""
    first, _, rest = normalized.partition(" ")
    return (
        first in ARABIC_CONNECTIVES
        or (len(first) >= 4 and first[0] == "و" and not first.startswith(_W_WORD_STEMS))
        or (first == "هذا" and rest[:1] == "و")
        or (first in _PHRASE_OPENERS and _CONNECTIVE_PHRASE.match(normalized) is not None)
        or first[:1] in ("س", "ج")
        and _INTERVIEW_TURN.match(normalized) is not None
    )


# Clitics stripped before two Arabic words are compared ("والحكومة" is
# "حكومة"): the article and a joined و, ب, ف, ك, ل.
CLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و")

# A sentence opening on these announces a list, whatever its end.
ANNOUNCE_OPENINGS = ("و?في ?ما يلي",)
# Words that say a list follows: "النتائج التالية", "فيما يلي"
ANNOUNCING_WORDS = ("يلي", "كالتالي", "التالي", "التاليه")
# A line opening so credits the article's source: "المصدر: الحرة"
SOURCE_CREDIT_WORDS = ("المصدر", "المصادر")
# A byline opens so: "بقلم: سامي الهمامي", "كتب - محمد علي"
BYLINE_OPENINGS = ("بقلم", "كتب", "كتبت", "اعداد", "إعداد", "تحرير", "حاوره", "حاورته")
# A comment count over the comments: "تعليقات (3)", "3 تعليقات"
COMMENT_WORDS = ("تعليق", "تعليقات")
COUNT_WORDS = ()
# (an author's box: latin.py's; Arabic pages print none the bench holds)
AUTHOR_BOX_LABELS: tuple[str, ...] = ()
AUTHOR_BOX_NAMED: tuple[str, ...] = ()
PERSON_WORDS: tuple[str, ...] = ()
