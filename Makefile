# Two commands do all the set-up: `make run` serves the demo, `make test` runs every check.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PRODUCTION_ENV := DJANGO_SETTINGS_MODULE=brandsite.settings.production \
	DJANGO_SECRET_KEY=check-deploy-only-secret-key-with-enough-length-and-entropy-0123456789 \
	DJANGO_ALLOWED_HOSTS=cocreate.example

.PHONY: run test install migrate messages demo lint check bench soak lighthouse clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

messages: install
	$(BIN)/pybabel compile --domain django --directory locale --statistics

migrate: install
	$(MANAGE) migrate --noinput -v0

demo: migrate messages
	$(MANAGE) load_demo

run: demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

check: install
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run -v1

test: lint check messages
	$(BIN)/pytest
	$(PRODUCTION_ENV) $(MANAGE) check --deploy --fail-level WARNING

# Serves the site as in production on 127.0.0.1 and measures each page: see the README.
bench: install messages
	$(BIN)/python -m bench.run

# 60 s of mixed load on gunicorn + PostgreSQL + Redis with a database restart: see the README.
soak: install messages
	$(BIN)/python -m bench.soak

# SEO and accessibility scores of five demo pages, served with DEBUG off (needs chromium, npm).
lighthouse: install
	bash scripts/lighthouse.sh

clean:
	rm -rf $(VENV) staticfiles var
