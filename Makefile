# Flashcards developer commands. `make run` starts the app; `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
QT_APT := sudo apt-get install -y libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 \
          libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 \
          libxcb-randr0 libxcb-render-util0 libxcb-image0

.PHONY: run test lint typecheck bench package dist translations clean help qt-check

help:
	@echo "make run        set up .venv if needed and start the app"
	@echo "make test       set up .venv with test tools and run lint, types and the whole suite"
	@echo "make bench      benchmarks (see docs/performance.md)"
	@echo "make package    PyInstaller bundle in dist/flashcards/"
	@echo "make dist       the bundle as a Linux tarball with desktop files and install.sh"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Flashcards needs Python 3.11 or newer (found: $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV) || { echo "Cannot create a venv: on Debian/Ubuntu run: sudo apt-get install -y python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@ $(VENV)/.installed-app

# Qt needs a few system libraries; say which when they are missing instead of failing obscurely.
qt-check:
	@QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(BIN)/python -c 'from PySide6 import QtWidgets' 2>/dev/null || \
	  { echo "Qt cannot load its system libraries. On Debian/Ubuntu run:"; echo "  $(QT_APT)"; exit 1; }

run: $(VENV)/.installed-app qt-check
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ] && [ "$$(uname)" = Linux ]; then \
	  echo "No display found (DISPLAY/WAYLAND_DISPLAY unset); start it from a desktop session."; exit 1; fi
	@$(BIN)/python -c 'import sys; from PySide6.QtWidgets import QApplication; QApplication(sys.argv)' >/dev/null 2>&1 || \
	  { echo "Qt cannot open the display. On Debian/Ubuntu run:"; echo "  $(QT_APT)"; exit 1; }
	$(BIN)/flashcards

lint: $(VENV)/.installed-test
	$(BIN)/ruff check flashcards tests benchmarks
	$(BIN)/ruff format --check flashcards tests benchmarks

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

test: $(VENV)/.installed-test qt-check lint typecheck
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# Extract every tr() string of the GUI into the Chinese catalogue (keeping its translations), then
# compile it. pyside6-lupdate/-lrelease come with PySide6-Essentials. hidden_strings.py lists
# strings lupdate cannot see in the source.
TS := resources/translations/flashcards_zh_CN.ts
translations: $(VENV)/.installed-app
	$(BIN)/pyside6-lupdate -extensions py -no-obsolete -locations none flashcards/gui \
	  resources/translations/hidden_strings.py -ts $(TS)
	$(BIN)/pyside6-lrelease $(TS) -qm $(TS:.ts=.qm)

# A one-folder PyInstaller bundle in dist/flashcards/ (packaging/flashcards.spec); `make dist` packs it
# with the Linux desktop files and install.sh into dist/flashcards-<version>-linux-<arch>.tar.gz.
$(VENV)/.installed-package: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[package]"
	@touch $@ $(VENV)/.installed-app

package: $(VENV)/.installed-package qt-check
	rm -rf dist/flashcards
	QT_QPA_PLATFORM=offscreen $(BIN)/pyinstaller --noconfirm --log-level WARN \
	  --distpath dist --workpath build/pyinstaller packaging/flashcards.spec
	@du -sh dist/flashcards

dist: package
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/make_dist.py

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
