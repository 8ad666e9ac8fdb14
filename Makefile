# Everything a fresh machine needs: `make demo` and `make test` install on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WEB := node_modules/.installed
CHROMIUM ?= /usr/bin/chromium

.PHONY: install demo test check lint types layers eval train bench lock clean browser

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# the pages' JavaScript libraries (graph, map, basemap) from npm, pinned by package-lock.json, served by the app
$(WEB): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $(WEB)

# Debian's Chromium for the browser tests (never a browser download); installed when absent
browser:
	@test -x $(CHROMIUM) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

install: $(STAMP) $(WEB)

demo: $(STAMP) $(WEB)  ## build a knowledge base from the seed articles (embedded SQLite) and print what it found
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/veracity --db demo.db demo

test: $(STAMP) $(WEB) browser  ## lint, types, import layers and the whole test suite (what CI runs)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

types: $(STAMP)
	$(BIN)/mypy

layers: $(STAMP)
	$(BIN)/lint-imports

check: test

eval: $(STAMP)  ## full evaluations on the shared gold data (slow)
	mkdir -p out
	$(BIN)/veracity eval --gold ../shared/seeds/gold.jsonl
	$(BIN)/veracity eval --gold ../shared/corpus/dev.jsonl --docs ../shared/corpus/docs --out out/corpus-dev-pred.jsonl
	$(BIN)/veracity eval muc4 ../shared/muc4/dev.json --out out/muc4-dev-pred.json
	$(BIN)/veracity eval emergent ../shared/emergent/train.csv --out out/emergent-train-pred.csv
	$(BIN)/veracity eval veracity ../shared/emergent/train.csv --articles ../shared/emergent/articles.csv --truth ../shared/emergent/truthiness.csv --gold-stance --out out/emergent-veracity-pred.csv

train: $(STAMP)  ## rebuild every shipped model from the data in ../shared (minutes; the role model takes longest)
	$(BIN)/veracity train triggers
	$(BIN)/veracity train events
	$(BIN)/veracity train dates
	$(BIN)/veracity train places
	$(BIN)/veracity train statements
	$(BIN)/veracity train actors
	$(BIN)/veracity train grades
	$(BIN)/python bench/train_stance.py
	nice $(BIN)/python bench/train_roles.py

bench: $(STAMP)
	for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

lock: $(STAMP)  ## regenerate requirements.lock from the current environment
	( echo '# Exact versions installed by `make install` (regenerate: make lock). Ranges live in pyproject.toml.'; \
	  $(BIN)/python -m pip freeze --exclude-editable | grep -v '^veracity' ) > requirements.lock

clean:
	rm -rf $(VENV) node_modules demo.db* .pytest_cache .mypy_cache .ruff_cache
