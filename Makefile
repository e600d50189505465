# textmine: two commands do all the set-up on a fresh machine with Python 3.11+ and make.
#   make figures   execute every notebook on the shipped text and regenerate figures/
#   make test      run every test: unit tests and nbval on the notebooks
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.textmine-installed
NBVAL   = --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg

.PHONY: figures test unit nbval lab assignments grade clean-venv

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,scale]'
	@# Build matplotlib's font cache now, so it never lands in a notebook output.
	MPLBACKEND=Agg $(BIN)/python -c "import matplotlib.pyplot as plt; plt.figure(); plt.text(0, 0, 'warm'); plt.gcf().canvas.draw()"
	@touch $(STAMP)

figures: $(STAMP)
	$(BIN)/python scripts/run_notebooks.py

test: $(STAMP)
	$(BIN)/python -m pytest $(NBVAL) tests notebooks

unit: $(STAMP)
	$(BIN)/python -m pytest tests

nbval: $(STAMP)
	$(BIN)/python -m pytest $(NBVAL) notebooks

assignments: $(STAMP)
	$(BIN)/textmine assignments build

# make grade SUBMISSIONS=folder_or_notebooks [OUT=grades] [MANUAL=points.csv]   (needs bubblewrap: scripts/install-sandbox.sh)
grade: $(STAMP)
	$(BIN)/textmine assignments grade $(SUBMISSIONS) --out $(or $(OUT),grades) --jobs 2 $(if $(MANUAL),--manual $(MANUAL))

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

clean-venv:
	rm -rf $(VENV)
