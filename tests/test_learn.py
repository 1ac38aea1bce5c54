"""`stripper learn`: recurring lines and script fragments become candidate rules."""

from click.testing import CliRunner

from stripper.cli import cli
from stripper.rules.registry import RuleRegistry

from .conftest import require_shared

ARTICLES = [
    "وقال الرئيس في مؤتمر صحفي إن المحادثات كانت بناءة ومثمرة وستستمر الأسبوع المقبل.",
    "The minister said on Monday that the talks had been useful and would go on.",
    "Les discussions reprendront la semaine prochaine à Genève selon le ministre.",
    "أعلنت الوزارة عن خطة جديدة لدعم المزارعين في المناطق الريفية خلال الموسم القادم.",
]


def test_learn_finds_recurring_lines_and_fragments(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    for n, article in enumerate(ARTICLES):
        (batch / f"news{n}.txt").write_text(
            f"https://www.example-news.tn/a{n}\n"
            f"Example News - الرئيسية\n"
            f"adsbygoogle.push({{slot: {1000 + n}}});  {article}\n"
            f"حقوق النشر محفوظة {2020 + n}\n",
            encoding="utf-8",
        )
    out = tmp_path / "rules" / "example.yml"
    out.parent.mkdir()
    result = CliRunner().invoke(cli, ["learn", str(batch), "--site", "example", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "recurs in 4 of 4 dumps" in text and "example\\-news\\.tn" in text
    registry = RuleRegistry.load([out.parent])
    site = registry.sites["example"]
    assert {r.kind for r in site.rules} == {"line", "inline"}
    assert len(site.rules) == 3  # the menu line, the footer (years folded), the ad fragment
    assert CliRunner().invoke(cli, ["rules", "test", "--rules", str(out.parent)]).exit_code == 0
    cleaned = CliRunner().invoke(cli, ["clean", "--rules", str(out.parent), "--no-generic", str(batch / "news1.txt")])
    assert cleaned.output == "https://www.example-news.tn/a1\n" + ARTICLES[1] + "\n"


def test_learn_finds_the_assarih_ad_script(tmp_path):
    corpus = require_shared("corpus", "tunisia-news")
    out = tmp_path / "assarih.yml"
    result = CliRunner().invoke(
        cli, ["learn", str(corpus), "--site", "assarih", "--filename-glob", "www.assarih.com*", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "googletag\\.cmd\\.push" in text and "recurs in 7541 of 7541 dumps" in text
    assert "assarih\\.com" in text
    assert CliRunner().invoke(cli, ["rules", "validate", "--rules", str(tmp_path)]).exit_code == 0
