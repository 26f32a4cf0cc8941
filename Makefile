# The README's two commands are `make demo` and `make test`; both set up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.setup-stamp
DEMO_TOPIC ?= The determinant
DEMO_ARGS ?=
# CPU torch for the offline evaluation; pinned first so pip does not pull the CUDA build.
TORCH ?= torch==2.13.0

.PHONY: setup demo test bench clean

setup: $(STAMP)

# Re-runs only when pyproject.toml or the system script change, so a second `make` is instant.
$(STAMP): pyproject.toml scripts/install-system-packages.sh
	./scripts/install-system-packages.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet "$(TORCH)"
	$(BIN)/python -m pip install --quiet -e ".[dev,avatar,eval,ray]"
	touch $(STAMP)

demo: setup
	$(BIN)/code2video render --topic "$(DEMO_TOPIC)" $(DEMO_ARGS)

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/bench_render.py
	$(BIN)/python bench/bench_autofix.py
	$(BIN)/python bench/bench_critic.py
	$(BIN)/python bench/bench_paper.py
	$(BIN)/python bench/bench_avatar.py
	$(BIN)/python bench/bench_library.py

clean:
	rm -rf out bench/results .pytest_cache
