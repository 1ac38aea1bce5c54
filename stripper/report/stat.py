"""Batch statistics: what each category and rule removed across a batch,
how many documents each touched, and the documents cut the most.

A `Tally` adds up CleanResults one at a time, so a batch never has to be
held in memory. Cuts of a document held back by the safety valve were not
applied: the document is counted (and marked) but its cuts are not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.table import Table
from rich.text import Text

from ..model import CleanResult
from .view import category_color, cut_chars

TOP_DEFAULT = 10


@dataclass
class Count:
    cuts: int = 0
    lines: int = 0
    chars: int = 0
    documents: set = field(default_factory=set)

    def add(self, lines: int, chars: int, document: str) -> None:
        self.cuts += 1
        self.lines += lines
        self.chars += chars
        self.documents.add(document)


@dataclass
class DocumentCount:
    path: str
    site: str | None
    chars_in: int
    chars_cut: int
    cuts: int
    held_back: str | None = None

    @property
    def share(self) -> float:
        return self.chars_cut / self.chars_in if self.chars_in else 0.0


@dataclass
class Tally:
    chars_in: int = 0
    rules: dict[str, Count] = field(default_factory=dict)  # rule id -> count
    rule_category: dict[str, str] = field(default_factory=dict)
    categories: dict[str, Count] = field(default_factory=dict)
    sites: dict[str, dict[str, int]] = field(default_factory=dict)  # site -> category -> chars
    documents: list[DocumentCount] = field(default_factory=list)

    def add(self, result: CleanResult, path: str | None = None) -> None:
        path = path or result.document.source
        site = result.site or "(no site)"
        self.chars_in += result.stats.chars_in
        applied = result.applied_cuts
        removed = 0
        for cut in applied:
            lines = 0 if cut.span is not None else cut.end - cut.start
            chars = cut_chars(result, cut)
            removed += chars
            self.rules.setdefault(cut.rule_id, Count()).add(lines, chars, path)
            self.rule_category.setdefault(cut.rule_id, cut.category)
            self.categories.setdefault(cut.category, Count()).add(lines, chars, path)
            per_site = self.sites.setdefault(site, {})
            per_site[cut.category] = per_site.get(cut.category, 0) + chars
        self.sites.setdefault(site, {})
        self.documents.append(
            DocumentCount(path, result.site, result.stats.chars_in, removed, len(applied), result.held_back)
        )

    @property
    def chars_cut(self) -> int:
        return sum(c.chars for c in self.categories.values())

    @property
    def touched(self) -> int:
        return sum(1 for d in self.documents if d.cuts)

    @property
    def held_back(self) -> list[DocumentCount]:
        return [d for d in self.documents if d.held_back]

    def top(self, n: int = TOP_DEFAULT) -> list[DocumentCount]:
        ranked = sorted((d for d in self.documents if d.cuts), key=lambda d: (-d.chars_cut, d.path))
        return ranked[:n]

    def by_category(self) -> list[tuple[str, Count, list[tuple[str, Count]]]]:
        """Categories by characters removed, each with its rules likewise."""
        out = []
        for category, count in sorted(self.categories.items(), key=lambda kv: (-kv[1].chars, kv[0])):
            rules = sorted(
                ((r, c) for r, c in self.rules.items() if self.rule_category[r] == category),
                key=lambda rc: (-rc[1].chars, rc[0]),
            )
            out.append((category, count, rules))
        return out

    def to_json(self, top: int = TOP_DEFAULT) -> dict:
        def count(c: Count) -> dict:
            return {"cuts": c.cuts, "lines": c.lines, "chars": c.chars, "documents": len(c.documents)}

        return {
            "documents": len(self.documents),
            "touched": self.touched,
            "chars_in": self.chars_in,
            "chars_cut": self.chars_cut,
            "categories": {
                cat: {**count(c), "rules": {r: count(rc) for r, rc in rules}} for cat, c, rules in self.by_category()
            },
            "sites": self.sites,
            "top": [
                {"path": d.path, "site": d.site, "cuts": d.cuts, "chars_cut": d.chars_cut, "share": round(d.share, 4)}
                for d in self.top(top)
            ],
            "held_back": [{"path": d.path, "why": d.held_back} for d in self.held_back],
        }


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"


def stat_tables(tally: Tally, top: int = TOP_DEFAULT) -> list:
    """Two rich tables: cuts per category and rule; the documents cut most."""
    title = (
        f"{len(tally.documents)} documents, {tally.touched} touched, {tally.chars_cut:,} of "
        f"{tally.chars_in:,} characters removed ({_share(tally.chars_cut, tally.chars_in)})"
    )
    table = Table(title=title, title_justify="left")
    table.add_column("category / rule", overflow="fold")
    for name in ("cuts", "lines", "chars", "share", "docs"):
        table.add_column(name, justify="right")
    for category, count, rules in tally.by_category():
        color = category_color(category)
        table.add_row(Text(category, style=f"bold {color}"), *_cells(count, tally.chars_in), style="bold")
        for rule, rc in rules:
            table.add_row(Text("  " + rule, style=color), *_cells(rc, tally.chars_in))
    table.add_section()
    total_docs = {d for c in tally.categories.values() for d in c.documents}
    table.add_row(
        "total",
        str(sum(c.cuts for c in tally.categories.values())),
        f"{sum(c.lines for c in tally.categories.values()):,}",
        f"{tally.chars_cut:,}",
        _share(tally.chars_cut, tally.chars_in),
        str(len(total_docs)),
        style="bold",
    )
    if tally.held_back:
        table.caption = f"{len(tally.held_back)} held back by the safety valve, not counted: " + ", ".join(
            d.path for d in tally.held_back
        )
    most = Table(title=f"documents cut the most (top {top})", title_justify="left")
    most.add_column("document", overflow="fold")
    most.add_column("site", overflow="fold")
    for name in ("cuts", "chars", "share"):
        most.add_column(name, justify="right")
    for d in tally.top(top):
        most.add_row(d.path, d.site or "-", str(d.cuts), f"{d.chars_cut:,}", f"{d.share:.0%}")
    return [table, most]


def _cells(c: Count, chars_in: int) -> list[str]:
    return [str(c.cuts), f"{c.lines:,}", f"{c.chars:,}", _share(c.chars, chars_in), str(len(c.documents))]
