# Developer and CI entry points for alliance_games.
#
#   make venv    create .venv and install the package with every extra used by the tests,
#                notebooks and docs (reruns only when pyproject.toml changes; stamp file
#                .venv/.installed)
#   make test    run the test suite: tests/ and the docstring examples of the package, the
#                notebooks and the docs build (this is what CI runs, see .ci/run)
#   make report  regenerate the report into report/; installs only the package and its
#                `report` extra (wheels only: nothing is compiled), unless the full
#                development install above is already there
#   make docs    build the documentation site into site/ (mkdocs --strict)
#   make lint    ruff check
#   make bench   run the benchmarks in benchmarks/ (slow; prints timings)
#
# pygambit==16.7.0 (test extra only) has no wheel here and is compiled from its sdist (C++).
# Its build compiles one source file at a time; see benchmarks/README.md for timings.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
REPORT_STAMP := $(VENV)/.installed-report
EXTRAS ?= test,notebooks,plot,docs
# Compiler flags for C/C++ extensions built from source (pygambit): no debug info,
# which keeps the build markedly faster and smaller; the solver stays optimised (-O2).
export CFLAGS ?= -g0 -O2 -DNDEBUG
export CXXFLAGS ?= -g0 -O2 -DNDEBUG

.PHONY: venv test report docs lint bench clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -e '.[$(EXTRAS)]'
	touch $(STAMP)

# The report needs only the base dependencies and matplotlib: install them from wheels only
# (--only-binary: pip refuses to compile anything). A full development install (above) is a
# superset and is reused when present.
$(REPORT_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --only-binary=:all: -e '.[report]'
	touch $(REPORT_STAMP)

# -n auto: one pytest-xdist worker per core (the suite takes about half as long on two)
test: venv
	$(BIN)/python -m pytest -n auto

report: $(if $(wildcard $(STAMP)),$(STAMP),$(REPORT_STAMP))
	$(BIN)/alliance-games report --out report/

docs: venv
	$(BIN)/python -m mkdocs build --strict --site-dir site

lint: venv
	$(BIN)/ruff check .

bench: venv
	$(BIN)/python benchmarks/bench_pure.py
	$(BIN)/python benchmarks/bench_full.py

clean:
	rm -rf $(VENV) report/ site/ .pytest_cache
