#!/usr/bin/env bash
# Serve the site end to end as docs/deploy.md describes it, on loopback, and check
# what a reader and a client get through the proxy: nginx (Debian's package) with
# TLS (a throwaway self-signed certificate) and the static files, in front of
# gunicorn with config.settings.production. Not a test of the suite (it needs root
# for apt and a database with data); run it after changing settings or the proxy
# recipe:
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/serge bash scripts/try_production.sh
#
# Prints one line per check and exits non-zero if any fails. Stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
: "${DATABASE_URL:?Set DATABASE_URL to a database with data (PostgreSQL, as in production)}"
command -v nginx >/dev/null || { apt-get update -qq && apt-get install -y -qq nginx >/dev/null; }

WORK=$(mktemp -d)
HTTPS_PORT=${TRY_HTTPS_PORT:-8443}
HTTP_PORT=${TRY_HTTP_PORT:-8080}
APP=127.0.0.1:${TRY_APP_PORT:-8002}
HOST=serge.localhost
cleanup() {
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  [ -f "$WORK/gunicorn.pid" ] && kill "$(cat "$WORK/gunicorn.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=config.settings.production
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-try-production-only-$(head -c 48 /dev/urandom | base64 | tr -d '/+=')}
export DJANGO_ALLOWED_HOSTS=$HOST
export SERGE_NUM_PROXIES=1
.venv/bin/python manage.py check --deploy --fail-level WARNING
.venv/bin/python manage.py collectstatic --noinput -v0

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=$HOST" \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
# The server block of docs/deploy.md, on loopback ports, with this checkout's paths.
cat >"$WORK/nginx.conf" <<EOF
pid $WORK/nginx.pid;
error_log $WORK/error.log;
events {}
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK;
  uwsgi_temp_path $WORK; scgi_temp_path $WORK;
  server {
    listen 127.0.0.1:$HTTPS_PORT ssl;
    server_name $HOST;
    ssl_certificate $WORK/cert.pem; ssl_certificate_key $WORK/key.pem;
    client_max_body_size 2m;
    gzip on;
    gzip_types application/json application/ld+json application/graphml+xml
               application/gexf+xml application/tei+xml text/csv;
    location /static/ { alias $ROOT/staticfiles/; expires 30d; }
    location / {
      proxy_pass http://$APP;
      # \$http_host, not the recipe's \$host: here the public port is not 443.
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Request-ID \$request_id;
      proxy_read_timeout 60s;
    }
  }
  server {
    listen 127.0.0.1:$HTTP_PORT; server_name $HOST;
    return 301 https://\$host:$HTTPS_PORT\$request_uri;
  }
}
EOF
.venv/bin/gunicorn config.wsgi --bind "$APP" --workers 2 --timeout 60 \
  --pid "$WORK/gunicorn.pid" --log-level warning --daemon
nginx -c "$WORK/nginx.conf"
for _ in $(seq 1 30); do curl -s -o /dev/null "http://$APP/" && break; sleep 0.5; done

FAILED=0
BASE="https://$HOST:$HTTPS_PORT"
CURL=(curl -s -k --resolve "$HOST:$HTTPS_PORT:127.0.0.1" --resolve "$HOST:$HTTP_PORT:127.0.0.1")
check() {  # check "what" condition...
  local what=$1; shift
  if "$@"; then echo "ok    $what"; else echo "FAIL  $what"; FAILED=1; fi
}
header() { "${CURL[@]}" -D - -o /dev/null "$@" | tr -d '\r'; }

home=$(header "$BASE/")
check "home page over HTTPS answers 200" grep -q "^HTTP/1.1 200" <<<"$home"
check "HSTS on pages" grep -qi "^strict-transport-security: max-age=31536000" <<<"$home"
check "a Content-Security-Policy on pages" grep -qi "^content-security-policy:" <<<"$home"
plain=$(header "http://$HOST:$HTTP_PORT/persons/")
check "plain HTTP is sent to HTTPS (301)" grep -q "^HTTP/1.1 301" <<<"$plain"
css=$(sed -n 's/.*href="\(\/static\/[^"]*\.css\)".*/\1/p' <("${CURL[@]}" "$BASE/") | head -n 1)
static=$(header "$BASE$css")
check "static file ($css) served by nginx with a lifetime" grep -qi "^expires:" <<<"$static"
api=$(header -H "Accept-Encoding: gzip" "$BASE/api/v1/persons/?page_size=100")
check "API list answers JSON, gzipped by the proxy" \
  bash -c 'grep -qi "^content-type: application/json" <<<"$1" && grep -qi "^content-encoding: gzip" <<<"$1"' _ "$api"
links=$("${CURL[@]}" "$BASE/api/v1/persons/?page_size=1")
check "links in API answers are https:// on the public host" grep -q "\"next\":\"https://$HOST:$HTTPS_PORT/" <<<"$links"
big=$(head -c 1500000 /dev/zero | tr '\0' 'a' | "${CURL[@]}" -o /dev/null -w "%{http_code}" \
  -X POST -H "Content-Type: application/json" --data-binary @- "$BASE/api/v1/persons/")
check "a 1.5 MB body is refused (413) by the API, in JSON" test "$big" = 413
huge=$(head -c 3000000 /dev/zero | "${CURL[@]}" -o /dev/null -w "%{http_code}" \
  -X POST --data-binary @- "$BASE/api/v1/persons/")
check "a 3 MB body is refused (413) by the proxy" test "$huge" = 413
rid=$(header "$BASE/api/v1/persons/1/")
check "the proxy's request id comes back" grep -qi "^x-request-id: [0-9a-f]\{32\}" <<<"$rid"
cookie=$(header "$BASE/admin/login/")
check "admin cookies are Secure" grep -qi "^set-cookie: csrftoken=.*; Secure" <<<"$cookie"
[ "${TRY_KEEP:-}" ] && sleep 600
exit $FAILED
