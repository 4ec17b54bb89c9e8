#!/usr/bin/env bash
# Serve the APIS benchmark project as benchmarks/serve.sh serves ours: gunicorn, 3 sync
# workers, DEBUG off, no access log. APIS_ENV is APIS's virtualenv (README.md).
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/apis_bench bash benchmarks/apis/serve_apis.sh
#   kill "$(cat benchmarks/results/gunicorn-apis.pid)"      # to stop it
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p ../results
export DJANGO_SETTINGS_MODULE=apis_project.settings
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/apis_bench}
exec "${APIS_ENV:-/work/apis-env}/bin/gunicorn" apis_project.wsgi \
    --bind "${BENCH_BIND:-127.0.0.1:8003}" \
    --workers "${BENCH_WORKERS:-3}" \
    --pid ../results/gunicorn-apis.pid \
    --log-level warning
