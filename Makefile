# The partnership's publishing kit. `make site` builds the public site; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check --quiet
CHROMIUM := /usr/bin/chromium
ENGINE ?= mkdocs
PDVENV := .venv-properdocs
ENGINE_VENV := $(if $(filter properdocs,$(ENGINE)),$(PDVENV),$(VENV))
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site test init preview preview-site report new clean-attachment linkcheck bench lighthouse clean

# The environment is made once, with the interpreter that first made it: re-running `venv`
# over it with another interpreter (a test's PATH may name another python3) would break it.
$(VENV)/.built: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps -e .
	touch $@

$(VENV)/.tested: $(VENV)/.built requirements-test.txt
	$(PIP) install -r requirements-test.txt
	touch $@

# ProperDocs, a maintained fork of MkDocs 1.6, in its own environment (make site ENGINE=properdocs).
$(PDVENV)/.built: requirements.txt requirements-properdocs.txt pyproject.toml
	test -x $(PDVENV)/bin/python || $(PYTHON) -m venv $(PDVENV)
	$(PDVENV)/bin/python -m pip --disable-pip-version-check --quiet install -r requirements-properdocs.txt
	$(PDVENV)/bin/python -m pip --disable-pip-version-check --quiet install --no-deps -e .
	touch $@

RSYNC := /usr/bin/rsync
$(RSYNC):
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rsync >/dev/null

$(CHROMIUM):
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core fonts-liberation >/dev/null

## Build the production site into site/ as of now (or SITE_AS_OF).
site: $(ENGINE_VENV)/.built
	ENGINE=$(ENGINE) $(ENGINE_VENV)/bin/python scripts/site.py build

## Make the kit your partnership's own: make init NAME="Northbridge Safeguarding Children Partnership"
## (also SHORT_NAME=, SITE_URL=, EMAIL=, PHONE=, FRONT_DOOR=, OUT_OF_HOURS=, PARTNERS="a; b; c"; asks when not given).
INIT_VARS := NAME SHORT_NAME PLACE SITE_URL EMAIL PHONE FRONT_DOOR OUT_OF_HOURS PARTNERS
init: $(VENV)/.built
	@$(PY) scripts/init_partnership.py $(foreach v,$(INIT_VARS),$(if $(filter command line,$(origin $(v))),--$(v)='$(subst ','\'',$($(v)))'))

## Install what the tests need (Chromium included) and run the whole suite.
test: $(VENV)/.tested $(PDVENV)/.built $(CHROMIUM) $(RSYNC)
	$(PY) -m pytest

## Serve the preview site (every item shown and marked) on http://127.0.0.1:8000/.
preview: $(VENV)/.built
	SITE_PREVIEW=1 $(PY) scripts/site.py serve -a 127.0.0.1:8000

## Build the preview site into preview-site/ without serving it.
preview-site: $(VENV)/.built
	SITE_PREVIEW=1 $(PY) scripts/site.py build -d preview-site

## The comms team's table: every item's state today. ARGS="--format csv" for a spreadsheet.
report: $(VENV)/.built
	@$(PY) scripts/report.py $(ARGS)

## Scaffold a draft: make new KIND=review SLUG=2026-child-m (or KIND=one-minute-guide ...).
new: $(VENV)/.built
	@$(PY) scripts/new_item.py $(KIND) $(SLUG)

## A cleaned copy of an attachment beside it: make clean-attachment FILE=content/reviews/x/report.pdf
clean-attachment: $(VENV)/.built
	@$(PY) scripts/clean_attachment.py $(FILE)

## LinkChecker over the built site served on 127.0.0.1.
linkcheck: $(VENV)/.tested
	$(PY) scripts/linkcheck.py site

## The benchmark: full build against bare MkDocs on generated content (N=600 items).
bench: $(VENV)/.tested
	$(PY) scripts/bench.py $(ARGS)

## Lighthouse scores per page kind of the built site (needs Node; installs Lighthouse once, outside the repo).
LH_PREFIX := $(HOME)/.cache/lscp-lighthouse
LH := $(LH_PREFIX)/node_modules/.bin/lighthouse
$(LH):
	npm install --prefix $(LH_PREFIX) --no-audit --no-fund lighthouse@12.2.3
lighthouse: $(VENV)/.tested $(LH)
	$(PY) scripts/lighthouse.py --lighthouse $(LH) $(ARGS)

clean:
	rm -rf site preview-site .site-builds .staging .site-build-* .site-old-*
