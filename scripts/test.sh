#!/usr/bin/env bash
# Install everything and run the whole test suite: on SQLite, then on PostgreSQL
# (DATABASE_URL, or the local server at 127.0.0.1:5432 when one answers).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python manage.py makemigrations --check --dry-run --settings=config.settings.test >/dev/null

echo "== SQLite"
env -u DATABASE_URL .venv/bin/pytest --create-db "$@"

PG_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/serge}
# Ask the server's maintenance database, `postgres`, first: a server that answers is
# enough, since pytest-django creates the test database (its name derived from this
# checkout, config/settings/test.py) anyway. So "no server" (or refused credentials)
# is told apart from "the database in the URL does not exist", which is no obstacle.
pg_probe() {
  .venv/bin/python - "$PG_URL" <<'PY'
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg2

url = urlsplit(sys.argv[1])
try:
    psycopg2.connect(urlunsplit(url._replace(path="/postgres")), connect_timeout=5).close()
except psycopg2.OperationalError as problem:
    print(str(problem).strip().splitlines()[0] if str(problem).strip() else "no answer")
    sys.exit(1)
try:
    psycopg2.connect(sys.argv[1], connect_timeout=5).close()
except psycopg2.OperationalError:
    print(f"database {url.path.lstrip('/')!r} missing (not needed: the tests create their own)")
PY
}
if PG_STATUS=$(pg_probe 2>&1); then
  echo "== PostgreSQL${PG_STATUS:+ ($PG_STATUS)}"
  DATABASE_URL=$PG_URL .venv/bin/pytest --create-db "$@"
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL server not reachable at $PG_URL ($PG_STATUS), and CI must test on it." >&2
  exit 1
else
  echo "== PostgreSQL skipped: no server at $PG_URL ($PG_STATUS); set DATABASE_URL to test on one"
fi
