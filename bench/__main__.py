"""Run the benchmark modes; see bench/__init__.py."""

from __future__ import annotations

import argparse
import importlib
import platform
import sys
import time

from .common import MissingData, Options, compile_bytecode, one_line_error, require, save
from .summary import summary

MODES = ("text", "html", "throughput", "hook", "callgrind")
# run only when named: (mode -> module)
NAMED_ONLY = {"fit-html": "html_fit"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] in (["fit"], ["regress"], ["losses"], ["learned"]):  # commands of their own, with their own options
        return importlib.import_module(f"bench.{argv[0]}").main(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument(
        "modes",
        nargs="*",
        metavar="MODE",
        help=f"one of {', '.join(MODES)} (all by default), or {', '.join(NAMED_ONLY)}",
    )
    parser.add_argument(
        "--limit", type=int, default=None, help="pages per dataset (a quick look; the README numbers use all)"
    )
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args(argv)
    unknown = [m for m in args.modes if m not in MODES and m not in NAMED_ONLY]
    if unknown:
        parser.error(f"unknown mode {unknown[0]!r}; choose from {', '.join([*MODES, *NAMED_ONLY])}")
    options = Options(tuple(args.modes or MODES), args.limit, args.jobs)
    modules = {mode: importlib.import_module(f"bench.{NAMED_ONLY.get(mode, f'{mode}_mode')}") for mode in options.modes}
    try:
        for module in modules.values():  # every mode's data, before the first runs for minutes
            require(*getattr(module, "DATA", ()))
    except MissingData as exc:
        return one_line_error("bench", exc)
    print(
        f"# stripper bench, {time.strftime('%Y-%m-%d %H:%M')}, "
        f"Python {platform.python_version()}, {platform.machine()}\n"
    )
    compile_bytecode()
    ran = {}
    for mode, module in modules.items():
        started = time.perf_counter()
        try:
            results = ran[mode] = module.run(options)
        except MissingData as exc:  # a tool, or a file the folder check does not see
            return one_line_error("bench", exc)
        table = module.markdown(results)
        save(mode, results, table)
        print(f"## {mode} mode ({time.perf_counter() - started:.0f} s)\n\n{table}\n", flush=True)
    table = summary(ran)
    if table is not None:
        save("summary", {}, table)
        print(f"## Speed, side by side\n\n{table}\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
