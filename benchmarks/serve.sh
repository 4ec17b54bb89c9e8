#!/usr/bin/env bash
# Serve the benchmark database as production does: gunicorn, config.settings.production,
# DEBUG off, no access log. Not for real use: the secret is a fixed throwaway and the
# anonymous throttle is lifted (SERGE_ANON_RATE) so that the benchmark measures
# answers, not 429s. See docs/benchmarks.md.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/serge_bench bash benchmarks/serve.sh
#   kill "$(cat benchmarks/results/gunicorn.pid)"      # to stop it
# SERGE_VENV names another virtualenv than .venv (e.g. a worktree using the main one's).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p benchmarks/results
export DJANGO_SETTINGS_MODULE=config.settings.production
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-benchmark-only-not-a-secret-6f1d0c2b9a8e7f6d5c4b3a291807}
export DJANGO_ALLOWED_HOSTS=${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/serge_bench}
export SERGE_ANON_RATE=${SERGE_ANON_RATE:-1000000/minute}
exec "${SERGE_VENV:-.venv}/bin/gunicorn" config.wsgi \
    --bind "${BENCH_BIND:-127.0.0.1:8001}" \
    --workers "${BENCH_WORKERS:-3}" \
    --pid benchmarks/results/gunicorn.pid \
    --log-level warning
