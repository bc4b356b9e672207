# ChatDojo: `make serve` starts the app, `make test` runs every test.
# Both create .venv and install what they need on a fresh Debian machine.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8866
PROFILE ?= default
ARGS ?=

.PHONY: install serve test lint content nbval format system-deps bench clean cluster

$(STAMP): pyproject.toml
	bash scripts/make-venv.sh $(PY) $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

serve: $(STAMP)
	$(BIN)/chatdojo serve --host $(HOST) --port $(PORT) --profile $(PROFILE) $(ARGS)

system-deps:
	bash scripts/install-system-deps.sh

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

content: $(STAMP)
	$(BIN)/chatdojo check
	$(BIN)/chatdojo coverage --min-depth 2 --min-situation 0.75 --giveaways

nbval: $(STAMP)
	$(BIN)/pytest -p no:cacheprovider --nbval-lax notebooks/

# Lint, content checks and the notebooks side by side (each keeps about one core busy;
# output grouped per step), then the test suite.
test: $(STAMP) system-deps
	$(MAKE) --no-print-directory -j3 --output-sync=target lint content nbval
	bash scripts/install-js-deps.sh  # scorm-again for tests/scorm (pinned, under .cache/js)
	bash scripts/with-postgres.sh $(BIN)/pytest -p no:cacheprovider --durations=15

# Two processes on one PostgreSQL behind nginx (deploy/nginx/chatdojo.conf), to try.
cluster: $(STAMP) system-deps
	bash scripts/with-postgres.sh $(BIN)/python scripts/cluster.py

bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build *.egg-info
