"""The datatrove step under datatrove's local executor, 2 workers, on
tunisia-news turned into JSONL shards."""

import gzip
import json

from stripper.pipeline import clean_text

from .conftest import require_shared


def test_local_executor_with_two_workers(tmp_path):
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from stripper.integrations.datatrove import StripperCleaner

    corpus = require_shared("corpus", "tunisia-news")
    files = sorted(corpus.glob("*.txt"))  # 8,776 articles of two sites
    shards = tmp_path / "shards"
    shards.mkdir()
    for k in range(2):
        with gzip.open(shards / f"{k:02}.jsonl.gz", "wt", encoding="utf-8") as fh:
            for path in files[k::2]:
                text = path.read_text(encoding="utf-8")
                fh.write(json.dumps({"id": path.name, "text": text}, ensure_ascii=False) + "\n")
    out = tmp_path / "out"
    LocalPipelineExecutor(
        [JsonlReader(str(shards)), StripperCleaner(), JsonlWriter(str(out))],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    docs = [json.loads(line) for f in sorted(out.glob("*.jsonl.gz")) for line in gzip.open(f, "rt", encoding="utf-8")]
    assert len(docs) == len(files)
    by_id = {d["id"]: d for d in docs}
    for path in files[::50]:
        doc = by_id[path.name]
        assert doc["text"] == clean_text(path.read_text(encoding="utf-8"), source=str(path))
    assarih = [d for d in docs if d["id"].startswith("www.assarih.com")]
    assert assarih and all("googletag" not in d["text"] for d in assarih)
    assert all(d["metadata"]["stripper"]["cuts"] >= 1 for d in assarih)
