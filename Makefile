# thidua — the two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell $(PYTHON) -c "import hashlib,sys;print(hashlib.md5(open('pyproject.toml','rb').read()).hexdigest()[:10])")
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test test-fast bench install lint clean demo

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

demo: install
	-@bash scripts/system-packages.sh
	$(BIN)/thidua migrate --no-input
	$(BIN)/thidua demo

# Development server with demo data; the background worker runs jobs (imports, batch eligibility).
run: demo
	@echo "thidua: http://$(HOST):$(PORT)/  (Ctrl+C để dừng)"
	@trap 'kill 0' INT TERM EXIT; \
	THIDUA_DEBUG=1 $(BIN)/thidua worker --interval 0.5 >var/worker.log 2>&1 & \
	THIDUA_DEBUG=1 $(BIN)/thidua manage runserver $(HOST):$(PORT)

# Production-style server (granian) plus the worker.
serve: install
	@trap 'kill 0' INT TERM EXIT; \
	$(BIN)/thidua worker >var/worker.log 2>&1 & \
	$(BIN)/thidua serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest -p no:cacheprovider -q $(PYTEST_ARGS)

test-fast: install
	$(BIN)/python -m pytest -q -m "not e2e and not slow" $(PYTEST_ARGS)

bench: install
	$(BIN)/python bench/run.py

lint: install
	$(BIN)/ruff check src bench

clean:
	rm -rf $(VENV) var
