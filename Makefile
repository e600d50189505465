# textmine: two commands do all the set-up on a fresh machine with Python 3.11+ and make.
#   make figures   execute every notebook on the shipped text and regenerate figures/
#   make test      run every test: unit tests and nbval on the notebooks
# and one runs the suite on your own text:
#   make analyze TEXT=my.txt [PERIODS=periods.csv] [EVENTS=events.csv] [SOURCES=folder] [OUT=folder]
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.textmine-installed
NBVAL   = --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg

.PHONY: figures test unit nbval lab analyze dist assignments grade clean-venv

$(STAMP): pyproject.toml constraints.txt
	@if test -x $(BIN)/python; then \
	  echo "textmine: updating $(VENV) (pyproject.toml or constraints.txt changed) ..."; \
	else \
	  echo "textmine: creating $(VENV) and installing the pinned dependencies (about 2-3 minutes, once) ..."; \
	  $(PYTHON) -m venv $(VENV); \
	fi
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,scale]'
	@# Build matplotlib's font cache now, so it never lands in a notebook output.
	MPLBACKEND=Agg $(BIN)/python -c "import matplotlib.pyplot as plt; plt.figure(); plt.text(0, 0, 'warm'); plt.gcf().canvas.draw()"
	@touch $(STAMP)
	@echo "textmine: $(VENV) is ready."

figures: $(STAMP)
	$(BIN)/python scripts/run_notebooks.py

test: $(STAMP)
	$(BIN)/python -m pytest $(NBVAL) tests notebooks

unit: $(STAMP)
	$(BIN)/python -m pytest tests

nbval: $(STAMP)
	$(BIN)/python -m pytest $(NBVAL) notebooks

# make analyze TEXT=path [PERIODS=table.csv] [EVENTS=events.csv] [SOURCES=folder] [OUT=folder]: the whole suite on your text,
# into OUT (default analysis/<text stem>/); without PERIODS the periods are proposed from the text's dates.
analyze: $(STAMP)
	@test -n "$(TEXT)" || { echo "usage: make analyze TEXT=path/to/text.txt [PERIODS=periods.csv] [EVENTS=events.csv] [SOURCES=folder] [OUT=folder]" >&2; exit 2; }
	$(BIN)/textmine analyze "$(TEXT)" $(if $(PERIODS),--periods "$(PERIODS)") $(if $(EVENTS),--events "$(EVENTS)") $(if $(SOURCES),--sources "$(SOURCES)") $(if $(OUT),--out "$(OUT)")

# JupyterLab on working copies in lab/ (git-ignored): exploring never rewrites notebooks/.
lab: $(STAMP)
	$(BIN)/python scripts/lab.py

# wheel and sdist in dist/; the sdist is unpacked and runs its own tests (scripts/check_dist.py).
dist: $(STAMP)
	$(BIN)/python scripts/check_dist.py --out dist

assignments: $(STAMP)
	$(BIN)/textmine assignments build

# make grade SUBMISSIONS=folder_or_notebooks [OUT=grades] [MANUAL=points.csv]   (needs bubblewrap: scripts/install-sandbox.sh)
grade: $(STAMP)
	$(BIN)/textmine assignments grade $(SUBMISSIONS) --out $(or $(OUT),grades) --jobs 2 $(if $(MANUAL),--manual $(MANUAL))

clean-venv:
	rm -rf $(VENV)
