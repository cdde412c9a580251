# Developer and CI entry points for alliance_games.
#
#   make venv    create .venv and install the package with all extras (reruns only when
#                pyproject.toml changes; the stamp file is .venv/.installed)
#   make test    run the test suite (this is what CI runs, see .ci/run)
#   make report  regenerate the report into report/
#   make lint    ruff check
#   make bench   run the benchmarks in benchmarks/ (slow; prints timings)
#
# pygambit==16.7.0 (test extra) has no wheel here and is compiled from its sdist (C++).
# Its build compiles one source file at a time; see benchmarks/README.md for timings.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXTRAS ?= test,notebooks,plot
# Compiler flags for C/C++ extensions built from source (pygambit): no debug info,
# which keeps the build markedly faster and smaller; the solver stays optimised (-O2).
export CFLAGS ?= -g0 -O2 -DNDEBUG
export CXXFLAGS ?= -g0 -O2 -DNDEBUG

.PHONY: venv test report lint bench clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -e '.[$(EXTRAS)]'
	touch $(STAMP)

test: venv
	$(BIN)/python -m pytest

report: venv
	$(BIN)/alliance-games report --out report/

lint: venv
	$(BIN)/ruff check .

bench: venv
	$(BIN)/python benchmarks/bench_pure.py
	$(BIN)/python benchmarks/bench_full.py

clean:
	rm -rf $(VENV) report/ .pytest_cache
