"""One self-contained HTML page for reviewing a batch in a browser.

A summary (totals, a chart of the characters cut per category and per site,
the rules table, the documents), filters by category and rule, then every
document with its cut lines highlighted and labelled, kept runs folded into
<details>. Inline CSS, inline SVG, vanilla JS; nothing is fetched. All text
is escaped; every line of text has dir="auto", so Arabic reads right to
left. The page reads without JavaScript; the script adds the filters.

Filters can be preset from the address: `report.html#category=share,related`
or `#rule=common-ar/read-also`.
"""

from __future__ import annotations

import json
from html import escape

from ..model import CleanResult
from .stat import Tally
from .view import CONTEXT_DEFAULT, CUT, DROPPED, INLINE, Fold, Row, category_color, fold, line_range, rows, summary_line

CHART_WIDTH = 500
CHART_BAR_HEIGHT = 20
CHART_LABEL_WIDTH = 130


def _e(value) -> str:
    return escape(str(value), quote=True)


def render_html(results, title: str = "stripper report", context: int | None = CONTEXT_DEFAULT) -> str:
    """The page for `results`, a list of (path, CleanResult)."""
    results = list(results)
    tally = Tally()
    for path, result in results:
        tally.add(result, path)
    docs = "\n".join(_document(n, path, result, context) for n, (path, result) in enumerate(results, 1))
    data = {
        "categories": [
            {"name": c, "color": category_color(c), "cuts": count.cuts} for c, count, _ in tally.by_category()
        ],
        "rules": [
            {"name": r, "category": c, "cuts": rc.cuts} for c, _, rules in tally.by_category() for r, rc in rules
        ],
    }
    share = tally.chars_cut / tally.chars_in if tally.chars_in else 0.0
    totals = (
        f"{len(results)} documents, {tally.touched} touched, "
        f"{sum(c.cuts for c in tally.categories.values())} cuts by {len(tally.rules)} rules, "
        f"{tally.chars_cut:,} of {tally.chars_in:,} characters removed ({share:.0%})"
    )
    held = ""
    if tally.held_back:
        held = (
            f'<p class="held">{len(tally.held_back)} held back by the safety valve '
            f"(their cuts are shown but were not applied, and are not counted above): "
            + ", ".join(_e(d.path) for d in tally.held_back)
            + "</p>"
        )
    return _PAGE.format(
        title=_e(title),
        totals=_e(totals),
        held=held,
        chart=_category_chart(tally),
        site_chart=_site_chart(tally),
        rules_table=_rules_table(tally),
        toc=_toc(results, tally),
        documents=docs,
        css=_CSS,
        js=_JS,
        data=json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"),
    )


# ---- charts ---------------------------------------------------------------


def _category_chart(tally: Tally) -> str:
    cats = tally.by_category()
    if not cats:
        return '<p class="none">Nothing was cut.</p>'
    top = max(c.chars for _, c, _ in cats) or 1
    bar_area = CHART_WIDTH - CHART_LABEL_WIDTH - 110
    h = CHART_BAR_HEIGHT
    out = [
        f'<svg id="chart-categories" class="chart" xmlns="http://www.w3.org/2000/svg" '
        f'width="{CHART_WIDTH}" height="{len(cats) * (h + 6) + 6}" role="img" '
        f'aria-label="characters cut per category">'
    ]
    for k, (cat, count, _) in enumerate(cats):
        y = 6 + k * (h + 6)
        w = max(1, round(count.chars / top * bar_area))
        share = count.chars / tally.chars_in if tally.chars_in else 0
        out.append(
            f'<g class="bar" data-cat="{_e(cat)}"><title>{_e(cat)}: {count.chars:,} characters, '
            f"{count.cuts} cuts, {len(count.documents)} documents</title>"
            f'<text x="{CHART_LABEL_WIDTH - 8}" y="{y + h - 5}" text-anchor="end">{_e(cat)}</text>'
            f'<rect x="{CHART_LABEL_WIDTH}" y="{y}" width="{w}" height="{h}" '
            f'fill="{category_color(cat)}"/>'
            f'<text x="{CHART_LABEL_WIDTH + w + 6}" y="{y + h - 5}">{count.chars:,} '
            f"({share:.1%})</text></g>"
        )
    out.append("</svg>")
    return "".join(out)


def _site_chart(tally: Tally) -> str:
    sites = sorted(tally.sites.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    if not sites:
        return ""
    top = max(sum(v.values()) for _, v in sites) or 1
    bar_area = CHART_WIDTH - CHART_LABEL_WIDTH - 110
    h = CHART_BAR_HEIGHT
    order = [c for c, _, _ in tally.by_category()]
    legend_y = len(sites) * (h + 6) + 10
    out = [
        f'<svg id="chart-sites" class="chart" xmlns="http://www.w3.org/2000/svg" '
        f'width="{CHART_WIDTH}" height="{legend_y + 20 * ((len(order) + 3) // 4) + 6}" role="img" '
        f'aria-label="characters cut per site, by category">'
    ]
    for k, (site, per_cat) in enumerate(sites):
        y = 6 + k * (h + 6)
        x = CHART_LABEL_WIDTH
        out.append(
            f'<g class="site" data-site="{_e(site)}">'
            f'<text x="{CHART_LABEL_WIDTH - 8}" y="{y + h - 5}" text-anchor="end">{_e(site)}</text>'
        )
        for cat in order:
            chars = per_cat.get(cat, 0)
            if not chars:
                continue
            w = max(1, round(chars / top * bar_area))
            out.append(
                f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{category_color(cat)}">'
                f"<title>{_e(site)}, {_e(cat)}: {chars:,} characters</title></rect>"
            )
            x += w
        out.append(f'<text x="{x + 6}" y="{y + h - 5}">{sum(per_cat.values()):,}</text></g>')
    for k, cat in enumerate(order):
        x, y = (k % 4) * 130 + 10, legend_y + (k // 4) * 20
        out.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{category_color(cat)}"/>'
            f'<text x="{x + 18}" y="{y + 11}">{_e(cat)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _rules_table(tally: Tally) -> str:
    rows_ = []
    for cat, count, rules in tally.by_category():
        color = category_color(cat)
        rows_.append(
            f'<tr class="cat" style="--c:{color}"><th scope="row">{_e(cat)}</th>'
            + _num_cells(count, tally.chars_in)
            + "</tr>"
        )
        for rule, rc in rules:
            rows_.append(
                f'<tr style="--c:{color}"><td class="rule">{_e(rule)}</td>' + _num_cells(rc, tally.chars_in) + "</tr>"
            )
    if not rows_:
        return ""
    return (
        '<table class="rules"><thead><tr><th>category / rule</th><th>cuts</th><th>lines</th>'
        "<th>characters</th><th>share</th><th>documents</th></tr></thead><tbody>" + "".join(rows_) + "</tbody></table>"
    )


def _num_cells(c, chars_in: int) -> str:
    share = f"{c.chars / chars_in:.1%}" if chars_in else "-"
    return "".join(f"<td>{v}</td>" for v in (c.cuts, f"{c.lines:,}", f"{c.chars:,}", share, len(c.documents)))


def _toc(results, tally: Tally) -> str:
    items = []
    for n, (_doc, (path, result)) in enumerate(zip(tally.documents, results), 1):
        share = result.stats.share_cut
        held = ' <span class="badge">held back</span>' if result.held_back else ""
        items.append(
            f'<tr><td><a href="#doc-{n}">{_e(path)}</a>{held}</td><td>{_e(result.site or "-")}</td>'
            f'<td>{len(result.cuts)}</td><td><span class="share" style="--w:{share * 100:.1f}%">'
            f"</span> {share:.0%}</td></tr>"
        )
    return (
        '<table class="toc"><thead><tr><th>document</th><th>site</th><th>cuts</th>'
        "<th>share cut</th></tr></thead><tbody>" + "".join(items) + "</tbody></table>"
    )


# ---- documents ------------------------------------------------------------


def _document(n: int, path: str, result: CleanResult, context) -> str:
    rules = sorted({c.rule_id for c in result.cuts})
    cats = sorted({c.category for c in result.cuts})
    head = (
        f'<section class="doc" id="doc-{n}" data-path="{_e(path)}" data-site="{_e(result.site or "")}" '
        f'data-rules="{_e(" ".join(rules))}" data-cats="{_e(" ".join(cats))}">'
        f'<h3><a href="#doc-{n}">{n}.</a> <span dir="auto">{_e(path)}</span></h3>'
        f'<p class="meta">{_e(summary_line(result))}'
        + (f' · <span dir="auto">{_e(result.document.url)}</span>' if result.document.url else "")
        + "</p>"
    )
    if result.held_back:
        head += f'<p class="held">held back: {_e(result.held_back)}; nothing was applied</p>'
    if not result.cuts:
        return head + '<p class="none">Nothing to cut.</p></section>'
    all_rows = rows(result)
    html = []
    for item in fold(all_rows, context):
        if isinstance(item, Fold):
            html.append(
                f'<details class="fold"><summary>… {item.count} lines kept '
                f"({item.start + 1}-{item.end}) …</summary>"
                + "".join(_row(r) for r in all_rows[item.start : item.end])
                + "</details>"
            )
        else:
            html.append(_row(item))
    return head + '<div class="lines">' + "".join(html) + "</div></section>"


def _row(row: Row) -> str:
    no = f'<span class="no">{row.number}</span>'
    if row.kind == CUT:
        cut = row.cut
        tag = ""
        if row.first:
            tag = (
                f'<span class="tag" title="{_e(cut.message)} ({_e(cut.origin)}), lines '
                f'{line_range(cut)}">{_e(cut.rule_id)} <i>{_e(cut.category)}</i></span>'
            )
        else:
            tag = '<span class="tag"></span>'
        first = " first" if row.first else ""
        return (
            f'<div class="ln cut{first}" data-rule="{_e(cut.rule_id)}" data-cat="{_e(cut.category)}" '
            f'style="--c:{category_color(cut.category)}">{no}{tag}'
            f'<span class="tx" dir="auto">{_e(row.text)}</span></div>'
        )
    if row.kind == INLINE:
        parts, pos = [], 0
        for cut in row.spans:
            a, b = cut.span
            parts.append(_e(row.text[pos:a]) if a > pos else "")
            parts.append(
                f'<mark data-rule="{_e(cut.rule_id)}" data-cat="{_e(cut.category)}" '
                f'style="--c:{category_color(cut.category)}" title="{_e(cut.rule_id)} '
                f'[{_e(cut.category)}] {_e(cut.message)}">{_e(row.text[max(a, pos) : b])}</mark>'
            )
            pos = max(pos, b)
        parts.append(_e(row.text[pos:]))
        tags = ", ".join(f"{_e(c.rule_id)} <i>{_e(c.category)}</i>" for c in row.spans)
        return (
            f'<div class="ln inline">{no}<span class="tag">{tags}</span>'
            f'<span class="tx" dir="auto">{"".join(parts)}</span></div>'
        )
    if row.kind == DROPPED:
        return f'<div class="ln dropped">{no}<span class="tag">blank</span><span class="tx"></span></div>'
    return f'<div class="ln kept">{no}<span class="tag"></span><span class="tx" dir="auto">{_e(row.text)}</span></div>'


_CSS = """
:root { --fg:#1d1d1f; --dim:#8a8a8e; --bg:#fff; --line:#e6e6ea; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, "Noto Sans", "Noto Sans Arabic", "DejaVu Sans", sans-serif;
  color: var(--fg); background: var(--bg); margin: 0 auto; padding: 1.5em 2em; max-width: 1320px; }
h1 { margin: 0 0 .2em; font-size: 1.6em; } h2 { margin-top: 1.6em; border-bottom: 1px solid var(--line); }
h3 { margin: 0 0 .2em; font-size: 1.1em; }
.totals { font-size: 1.05em; } .none { color: var(--dim); font-style: italic; }
.held { color: #8a5a00; background: #fff4d6; padding: .3em .6em; border-radius: 4px; }
.chart text { font: 12px system-ui, sans-serif; fill: var(--fg); }
.charts { display: flex; flex-wrap: wrap; gap: 1em 2em; align-items: flex-start; }
figure { margin: 0 0 1em; } figcaption { font-weight: 600; margin-bottom: .3em; }
table { border-collapse: collapse; margin: .5em 0; font-size: .92em; }
th, td { padding: .15em .7em; text-align: right; border-bottom: 1px solid var(--line); }
th:first-child, td:first-child { text-align: left; }
tr.cat th { color: var(--c); } td.rule { padding-left: 1.6em; color: var(--c); }
.share { display: inline-block; height: .7em; width: 5em; background: linear-gradient(90deg,
  #e15759 var(--w), #eee var(--w)); vertical-align: middle; }
.badge { font-size: .75em; color: #8a5a00; background: #fff4d6; padding: 0 .4em; border-radius: 3px; }
#filters { position: sticky; top: 0; background: var(--bg); z-index: 2; padding: .4em 0;
  border-bottom: 1px solid var(--line); }
#filters fieldset { display: inline-block; border: 0; margin: 0; padding: .2em 0; }
#filters legend { font-weight: 600; float: left; margin-right: .6em; }
#filters label { margin-right: .8em; white-space: nowrap; font-size: .9em; }
#filters .sw { display: inline-block; width: .8em; height: .8em; background: var(--c); margin-right: .25em; }
#filters button { font-size: .8em; margin-right: .4em; }
#filter-count { color: var(--dim); margin: .2em 0 0; font-size: .9em; }
.doc { margin: 1.5em 0; padding-top: .5em; border-top: 2px solid var(--line); }
.meta { color: var(--dim); margin: 0 0 .5em; font-size: .9em; }
.lines { font-size: 14px; }
.ln { display: grid; grid-template-columns: 3.2em 17em 1fr; gap: .6em; padding: 1px .3em;
  border-left: 4px solid transparent; }
.ln .no { color: var(--dim); text-align: right; font-variant-numeric: tabular-nums; }
.ln .tag { font-size: .82em; color: var(--c); font-weight: 600; overflow-wrap: anywhere; }
.ln .tag i { font-weight: 400; }
.ln .tx { white-space: pre-wrap; overflow-wrap: anywhere; font-family: "Noto Naskh Arabic",
  "Noto Sans Arabic", system-ui, "DejaVu Sans", sans-serif; }
.ln.cut { border-left-color: var(--c); background: color-mix(in srgb, var(--c) 13%, transparent); }
.ln.kept .tx, .ln.dropped { color: var(--dim); }
.ln.dropped .tag { color: var(--dim); font-weight: 400; }
.ln.inline .tag { color: var(--fg); }
mark { background: color-mix(in srgb, var(--c) 25%, transparent); color: inherit;
  text-decoration: line-through; outline: 1px solid var(--c); }
.ln.cut.off { background: none; border-left-color: var(--line); }
.ln.cut.off .tag, mark.off { opacity: .35; }
.ln.cut.off .tx { text-decoration: none; color: var(--dim); }
mark.off { background: none; outline: none; text-decoration: none; }
details.fold > summary { color: var(--dim); font-style: italic; cursor: pointer; padding-left: 4.2em;
  list-style: none; } details.fold[open] > summary { font-size: .8em; }
"""

_JS = r"""
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var box = document.getElementById('filters');
  var on = { category: {}, rule: {} };
  function control(kind, item, color) {
    var label = document.createElement('label');
    var input = document.createElement('input');
    input.type = 'checkbox'; input.checked = true;
    input.dataset.filter = kind; input.value = item.name;
    input.addEventListener('change', function () { on[kind][item.name] = input.checked; apply(); });
    label.appendChild(input);
    if (color) { var sw = document.createElement('span'); sw.className = 'sw';
      sw.style.setProperty('--c', color); label.appendChild(sw); }
    label.appendChild(document.createTextNode(item.name + ' (' + item.cuts + ')'));
    on[kind][item.name] = true;
    return label;
  }
  function fieldset(kind, title, items) {
    var fs = document.createElement('fieldset'); fs.id = 'filter-' + kind;
    var lg = document.createElement('legend'); lg.textContent = title; fs.appendChild(lg);
    ['all', 'none'].forEach(function (which) {
      var b = document.createElement('button'); b.type = 'button'; b.textContent = which;
      b.addEventListener('click', function () { setAll(kind, which === 'all'); apply(); });
      fs.appendChild(b);
    });
    items.forEach(function (it) { fs.appendChild(control(kind, it, it.color)); });
    box.appendChild(fs); box.appendChild(document.createElement('br'));
  }
  function setAll(kind, value) {
    box.querySelectorAll('input[data-filter="' + kind + '"]').forEach(function (i) {
      i.checked = value; on[kind][i.value] = value; });
  }
  fieldset('category', 'Categories', data.categories);
  fieldset('rule', 'Rules', data.rules.map(function (r) {
    var c = data.categories.filter(function (x) { return x.name === r.category; })[0];
    return { name: r.name, cuts: r.cuts, color: c ? c.color : null }; }));
  var count = document.createElement('p'); count.id = 'filter-count'; box.appendChild(count);
  function matches(el) { return on.category[el.dataset.cat] && on.rule[el.dataset.rule]; }
  function apply() {
    var all = Object.keys(on.category).every(function (k) { return on.category[k]; }) &&
              Object.keys(on.rule).every(function (k) { return on.rule[k]; });
    var shownDocs = 0, docs = 0, shownCuts = 0, cuts = 0;
    document.querySelectorAll('section.doc').forEach(function (doc) {
      var hit = 0;
      doc.querySelectorAll('.ln.cut, mark').forEach(function (el) {
        var m = matches(el); el.classList.toggle('off', !m);
        if (el.tagName === 'MARK' || el.classList.contains('first')) { cuts++; if (m) { hit++; shownCuts++; } }
      });
      docs++;
      doc.hidden = !all && hit === 0;
      if (!doc.hidden) shownDocs++;
    });
    count.textContent = 'showing ' + shownDocs + ' of ' + docs + ' documents, ' +
      shownCuts + ' of ' + cuts + ' cuts';
  }
  var hash = decodeURIComponent(location.hash.replace(/^#/, ''));
  hash.split('&').forEach(function (part) {
    var kv = part.split('='); var kind = kv[0];
    if ((kind === 'category' || kind === 'rule') && kv[1]) {
      setAll(kind, false);
      kv[1].split(',').forEach(function (name) {
        var i = box.querySelector('input[data-filter="' + kind + '"][value="' + CSS.escape(name) + '"]');
        if (i) { i.checked = true; on[kind][name] = true; }
      });
    }
  });
  apply();
  document.documentElement.dataset.ready = '1';
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p class="totals">{totals}</p>
{held}
</header>
<section id="summary">
<h2>What was cut</h2>
<div class="charts">
<div>
<figure><figcaption>Characters cut per category</figcaption>{chart}</figure>
<figure><figcaption>Characters cut per site</figcaption>{site_chart}</figure>
</div>
{rules_table}
</div>
<h2>Documents</h2>
{toc}
</section>
<div id="filters"><noscript>Filters need JavaScript.</noscript></div>
<main id="documents">
{documents}
</main>
<script type="application/json" id="report-data">{data}</script>
<script>{js}</script>
</body>
</html>
"""
