"""A datatrove pipeline step: the same cleaning, with the same rules, under
datatrove's local, Slurm and Ray executors (`pip install stripper[datatrove]`).

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from stripper.integrations.datatrove import StripperCleaner

    LocalPipelineExecutor([
        JsonlReader("shards/"),
        StripperCleaner(rule_dirs=["corpus-rules/"]),
        JsonlWriter("clean/"),
    ], tasks=8, workers=2).run()

Each document's text is cleaned; what was cut is summarised under
`metadata["stripper"]`; documents left empty are dropped (`drop_empty`).
"""

from __future__ import annotations

from datatrove.pipeline.base import PipelineStep

from ..jsonl import summary
from ..model import Document
from ..pipeline import MAX_CUT_SHARE_DEFAULT, clean
from ..rules.registry import RuleRegistry


class StripperCleaner(PipelineStep):
    name = "✂ stripper"
    type = "🧹 - CLEAN"

    def __init__(
        self,
        rule_dirs=(),
        site: str | None = None,
        site_rules: bool = True,
        classifier: bool = True,
        max_cut_share: float | None = MAX_CUT_SHARE_DEFAULT,
        drop_empty: bool = True,
        summary_key: str | None = "stripper",
    ):
        super().__init__()
        self.rule_dirs = tuple(str(d) for d in rule_dirs)
        self.site, self.site_rules, self.classifier = site, site_rules, classifier
        self.max_cut_share, self.drop_empty, self.summary_key = max_cut_share, drop_empty, summary_key
        self._registry = None

    @property
    def registry(self) -> RuleRegistry:
        if self._registry is None:  # loaded once per worker, after the pickle
            self._registry = RuleRegistry.load(self.rule_dirs)
        return self._registry

    def run(self, data, rank: int = 0, world_size: int = 1):
        for document in data:
            with self.track_time():
                meta = document.metadata or {}
                url = meta.get("url") if isinstance(meta.get("url"), str) else None
                result = clean(
                    Document.from_text(document.text, source=str(document.id), url=url),
                    self.registry,
                    site=self.site,
                    site_rules=self.site_rules,
                    classifier=self.classifier,
                    max_cut_share=self.max_cut_share,
                )
            self.stat_update("documents")
            self.stat_update("cuts", value=len(result.cuts))
            if result.changed:
                self.stat_update("changed")
            document.text = result.text
            if self.summary_key:
                document.metadata[self.summary_key] = summary(result)
            if self.drop_empty and not result.text.strip():
                self.stat_update("dropped_empty")
                continue
            yield document
