#!/usr/bin/env bash
# Install everything and run the whole test suite: on SQLite, then on PostgreSQL
# (DATABASE_URL, or the local server at 127.0.0.1:5432 when one answers).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
.venv/bin/ruff check .
.venv/bin/python manage.py makemigrations --check --dry-run --settings=config.settings.test >/dev/null

echo "== SQLite"
env -u DATABASE_URL .venv/bin/pytest --create-db "$@"

PG_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/serge}
if .venv/bin/python -c "import sys, psycopg2; psycopg2.connect(sys.argv[1].replace('/serge', '/postgres')).close()" "$PG_URL" 2>/dev/null; then
  echo "== PostgreSQL"
  DATABASE_URL=$PG_URL .venv/bin/pytest --create-db "$@"
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is not reachable at $PG_URL, and CI must test on it." >&2
  exit 1
else
  echo "== PostgreSQL skipped: no server at $PG_URL (set DATABASE_URL to test on one)"
fi
