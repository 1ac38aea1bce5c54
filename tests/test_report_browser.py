"""The HTML report in a real headless browser (Debian's chromium): every
document and both charts render, and the filters work."""

import json
import os
import re
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from stripper.cli import cli

from .conftest import SAMPLES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# Appended to a copy of the report: after the page's own script ran, switch
# the "share" category off (its cuts fade), and write what the page shows into the DOM.
PROBE = """<script>
window.addEventListener('load', function () {
  var r = {docs: document.querySelectorAll('section.doc').length,
           charts: Array.from(document.querySelectorAll('svg.chart')).map(function (s) {
             return [s.id, s.querySelectorAll('rect').length]; }),
           filters: document.querySelectorAll('#filters input').length,
           share: document.querySelectorAll('.ln.cut[data-cat="share"], mark[data-cat="share"]').length,
           offBefore: document.querySelectorAll('[data-cat="share"].off').length};
  var box = document.querySelector('#filters input[data-filter="category"][value="share"]');
  box.checked = false; box.dispatchEvent(new Event('change'));
  r.offAfter = document.querySelectorAll('[data-cat="share"].off').length;
  r.otherOff = document.querySelectorAll('.ln.cut.off:not([data-cat="share"])').length;
  r.count = document.getElementById('filter-count').textContent;
  var out = document.createElement('pre'); out.id = 'probe'; out.textContent = JSON.stringify(r);
  document.body.appendChild(out);
});
</script>"""


def _chromium():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: `make test` installs it (apt-get install chromium)")
        pytest.skip("chromium is not installed")
    return CHROMIUM


def test_report_renders_every_document_and_the_charts(tmp_path):
    browser = _chromium()
    page = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", str(SAMPLES), "-o", str(page), "--no-config"])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html), "the page must not need the network"
    assert 'dir="auto"' in html
    probe = tmp_path / "probe.html"
    probe.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=5000",
            "--dump-dom",
            probe.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom)
    assert found, dom[-2000:]
    r = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert r["docs"] == 5
    charts = dict(r["charts"])
    assert charts.get("chart-categories", 0) > 0 and charts.get("chart-sites", 0) > 0
    assert r["filters"] > 5
    assert r["share"] > 0 and r["offBefore"] == 0 and r["offAfter"] == r["share"] and r["otherOff"] == 0
    assert r["count"].startswith("showing ") and "documents" in r["count"]


def test_report_screenshot(tmp_path):
    browser = _chromium()
    page = tmp_path / "report.html"
    CliRunner().invoke(cli, ["report", str(SAMPLES), "-o", str(page), "--no-config"])
    shot = tmp_path / "report.png"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=1200,1600",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
    )
    assert shot.exists() and shot.stat().st_size > 20_000  # a rendered page, not a blank one
