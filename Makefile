# castkit: `make demo` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo serve test bench fuzz venv bytecode clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	$(MAKE) bytecode
	touch $(STAMP)

# castkit's compiled bytecode, as pip leaves it for any package it installs: an editable install
# leaves it to the first run, which cannot write it where PYTHONDONTWRITEBYTECODE is set, and then
# every command compiles castkit again (a quarter of what `castkit parse` of a short script does).
bytecode:
	$(BIN)/python -m compileall -q src

demo: $(STAMP)
	$(BIN)/castkit build

serve: $(STAMP)
	$(BIN)/castkit serve

test: $(STAMP)
	bash scripts/install_test_tools.sh
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

bench: $(STAMP) bytecode
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_hostile.py
	$(BIN)/python scripts/bench_studio.py

fuzz: $(STAMP)
	CASTKIT_FUZZ_EXAMPLES=3000 CASTKIT_INTERRUPTS=40 $(BIN)/python -m pytest -q tests/test_fuzz.py \
		tests/test_hostile_writers.py tests/test_hostile_markup.py tests/test_hostile_cli.py

clean:
	rm -rf $(VENV) build .pytest_cache
