# Two commands on a fresh machine with Python 3.11+:  make run   |   make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP     := $(VENV)/.dev-installed
# Bytecode ahead of time: where PYTHONDONTWRITEBYTECODE is set (as in many containers) every
# start would otherwise compile ~1 MB of source again (~0.15 s). Only changed files are redone.
COMPILE       := $(BIN)/python -m compileall -q -j 0 bot handlers storage

.PHONY: run test lint typecheck pytest bench bench-safety simulate demo fuzz clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Tend needs Python 3.11 or newer (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(RUNTIME_STAMP) $@

## Start the bot (needs TELEGRAM_BOT_TOKEN in .env; see .env.example).
run: $(RUNTIME_STAMP)
	@$(COMPILE)
	$(BIN)/python -m bot

## Try Tend in this terminal: no token, no network (make demo ARGS=--fresh starts over).
demo: $(RUNTIME_STAMP)
	$(BIN)/python -m bot console $(ARGS)

## Check-in benchmark (issue #4; minutes, not part of make test). BENCH_USERS=10000 for a quick run.
bench: $(DEV_STAMP)
	@$(COMPILE)
	$(BIN)/python -m bench.checkins

## Distress classifier figures (issue #10): recall, false alarms, time per phrase; misses on stderr.
bench-safety: $(DEV_STAMP)
	$(BIN)/python -m bench.safety

## The learner against random choice, and the variety rules, over 1,000 simulated users x 90 days.
simulate: $(DEV_STAMP)
	$(BIN)/python -m bench.simulate

## Lint, type-check and run every test.
test: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -n 6

## The stateful fuzzer, long (issue #11): FUZZ_EXAMPLES=2000 by default, FUZZ_STEPS=12.
FUZZ_EXAMPLES ?= 2000
fuzz: $(DEV_STAMP)
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q -p no:cacheprovider tests/e2e/test_fuzz.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
