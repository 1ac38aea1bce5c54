"""Clean the files listed in argv[1] with the stripper package on sys.path
(PYTHONPATH picks the code) and write {path, text} lines to argv[2].
Run by bench/regress.py, once for each side of the comparison."""

import json
import sys
from pathlib import Path

from stripper import Document, clean, default_registry


def main(listing: str, out: str) -> None:
    registry = default_registry()
    with open(out, "w", encoding="utf-8") as sink:
        for name in Path(listing).read_text(encoding="utf-8").splitlines():
            try:
                text = Path(name).read_text(encoding="utf-8")
                cleaned = clean(Document.from_text(text, source=name), registry).text
            except Exception as error:  # an error is an output too: it must not change either
                cleaned = f"<error {type(error).__name__}: {error}>"
            sink.write(json.dumps({"path": name, "text": cleaned}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
