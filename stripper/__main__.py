"""The `stripper` command (and `python -m stripper`).

For `stripper clean`, a helper process lists the first folder named while
the modules load (stripper/listing.py). The methods of the dataclasses
loaded come compiled from the cache (stripper/dataclass_code.py), and so
do the programs of the regular expressions (stripper/pattern_code.py).

The garbage collector is held off from here until the command's module is
loaded, then what was loaded is frozen out of its sight and it is turned on
(stripper.cli's get_command): the collections that ran while the modules
were imported cost each start 16 million instructions (of 389 million)."""

import gc
import sys

from . import dataclass_code, pattern_code
from .listing import list_early


def main() -> None:
    gc.disable()
    list_early(sys.argv[1:])
    dataclass_code.remember()  # until the command's module is loaded (stripper.cli)
    pattern_code.remember()  # until the command's end (stripper.cli's _exit_at_once)
    from .cli import main as run_command

    run_command()


if __name__ == "__main__":
    main()
