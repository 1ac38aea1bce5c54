"""Every marker phrase of ../shared/corpus/ar-markers.md, placed where sites
put it inside each seed's own article, is cut with no site rules, and the
article stays whole: the common rules and the classifier must work on
Arabic sites nobody wrote rules for."""

from __future__ import annotations

import re

from stripper.model import Document
from stripper.pipeline import clean

from .conftest import SAMPLES, require_shared

HEADLINE = "مصر تعلن عن خطة جديدة لدعم الاقتصاد الوطني"
TEASERS = [
    HEADLINE,
    "وزير الخارجية يبحث مع نظيره الأردني العلاقات الثنائية",
    "ارتفاع أسعار الذهب في الأسواق المحلية اليوم",
]
# Lone labels in section 1 (they close a teaser or name a player; no headline follows).
LONE_LABELS = ("اقرأ المزيد", "اقرا المزيد", "إستمع للمقال", "استمع للمقال", "استمع")
# Captions are optional content (GUIDELINE.md: kept or cut, both fine).
OPTIONAL = {"Photo credits/captions: صورة أرشيفية", "أرشيفية", "صورة أرشيفية"}


def markers() -> list[tuple[int, str]]:
    """(section, phrase) for every variant listed, as "a / b / c" on a numbered line."""
    text = require_shared("corpus", "ar-markers.md").read_text(encoding="utf-8")
    found, section = [], None
    for line in text.splitlines():
        if heading := re.match(r"## (\d)\.", line):
            section = int(heading.group(1))
        elif (item := re.match(r"\d+\. (.*)", line)) and section:
            listed = re.sub(r"\(.*?\)|\[[A-Z]+\]", "", item.group(1))
            for variant in listed.split(" / "):
                variant = variant.strip().rstrip(":").strip()
                if variant and "`" not in variant and "…" not in variant and variant not in OPTIONAL:
                    found.append((section, variant))
    return found


def articles() -> list[list[str]]:
    """Each seed's main content (its K lines)."""
    return [
        [row.split("\t", 1)[1] for row in path.read_text(encoding="utf-8").splitlines() if row.startswith("K\t")]
        for path in sorted(SAMPLES.glob("*.labels"))
    ]


def placed(section: int, marker: str, body: list[str]) -> list[str]:
    middle = len(body) // 2
    if section == 1 and marker in LONE_LABELS:
        return [body[0], marker, *body[1:]]
    if section == 1:  # a read-also insertion with its headline, mid-body
        return [*body[:middle], f"{marker}: {HEADLINE}", *body[middle:]]
    if section == 2:  # a related-articles tail
        return [*body, marker, *TEASERS]
    if section == 4:  # share buttons under the headline
        return [body[0], marker, *body[1:]]
    if section == 7:  # a label with its value under the headline
        return [body[0], f"{marker}: 12 مارس 2024 - 10:45", *body[1:]]
    return [*body, marker]  # comment forms, footers


def test_every_listed_marker_is_cut_and_the_article_stays(registry):
    listed = markers()
    assert len(listed) > 100, "ar-markers.md was not read"
    kept_markers, lost_lines = [], []
    for section, marker in listed:
        for body in articles():
            lines = placed(section, marker, body)
            result = clean(Document.from_text("\n".join(lines) + "\n"), registry, site_rules=False)
            output = set(result.text.splitlines())
            if any(line in output for line in lines if line not in body):
                kept_markers.append(f"section {section}: {marker}")
            lost_lines += [f"{marker}: {line[:40]}" for line in body if line not in output]
    assert not kept_markers, sorted(set(kept_markers))
    assert not lost_lines, lost_lines[:10]
