# Every target builds the virtual environment first, so a fresh clone needs
# nothing but Python 3.10+ and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# The benchmark data (labelled pages and corpora, laid out as in
# docs/benchmarks.md), read by `make bench` and by the tests that need it:
# `make bench DATA=/path/to/data`. Without DATA, the environment's
# STRIPPER_SHARED, else the folder `shared` beside the repository.
ifdef DATA
export STRIPPER_SHARED := $(abspath $(DATA))
endif

.PHONY: demo test lint fuzz bench regress venv compile clean-venv browser

venv: $(STAMP)

# The install compiles the hot-path modules with Cython (hatch_build.py); with
# no C compiler it installs them in pure Python. `stripper --version` says which.
# The project's own .py files are byte-compiled too (an editable install
# leaves that to the first import, which writes nothing where
# PYTHONDONTWRITEBYTECODE is set: then every start compiled them again).
$(STAMP): pyproject.toml hatch_build.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q stripper bench
	touch $(STAMP)

# Recompile after editing a compiled module (until then it runs from its .py).
# The compile is profile-guided (docs/build.md), about 10 minutes on 2 cores;
# STRIPPER_NO_PROFILE_BUILD=1 compiles once, in about 4, slower to run.
compile: $(STAMP)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m compileall -q stripper bench
	$(BIN)/stripper --version

# Clean the bundled samples into build/samples and show what was cut.
# (diff and clean exit 1 when they cut something: that is success here.)
demo: $(STAMP)
	$(BIN)/stripper diff samples/ || [ $$? -eq 1 ]
	$(BIN)/stripper clean samples/ --output-dir build/samples || [ $$? -eq 1 ]
	$(BIN)/stripper eval --gold samples/ build/samples/

test: $(STAMP) lint browser
	$(BIN)/python -m pytest

# ruff check and ruff format --check over the code; mypy over the public
# API (the files are listed under [tool.mypy] in pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The HTML report's browser test needs Debian's chromium; install it if missing.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  echo "installing chromium for tests/test_report_browser.py"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO sh -c 'apt-get update -qq && apt-get install -y -qq chromium' >/dev/null 2>&1 || \
	  echo "could not install chromium: the browser test fails under CI, skips elsewhere"; }

# A long fuzzing run of the rule loader and the cleaner, then of the command
# line over folders of generated hostile files (docs/reliability.md).
fuzz: $(STAMP)
	HYPOTHESIS_EXAMPLES=$${HYPOTHESIS_EXAMPLES:-20000} $(BIN)/python -m pytest -q -p no:cacheprovider \
		tests/test_fuzz.py tests/test_properties.py -k "not bench_dumps"
	FUZZ_CLI_EXAMPLES=$${FUZZ_CLI_EXAMPLES:-2000} $(BIN)/python -m pytest -q -p no:cacheprovider \
		--hypothesis-show-statistics tests/test_fuzz_cli.py

# (the bench extra's packages once: reinstalling the package would recompile it)
bench: $(STAMP)
	$(BIN)/python -c 'import datatrove, resiliparse' 2>/dev/null || $(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench

clean-venv:
	rm -rf $(VENV)

# What a change changes: clean bench-train, the seeds and tunisia-news with
# commit REF and with the working tree, count the documents that differ.
REF ?= HEAD
regress: $(STAMP)
	$(BIN)/python -m bench.regress --ref $(REF) --score
