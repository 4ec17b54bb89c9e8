"""Reads to a PostgreSQL replica, writes to the primary (issue 18).

Set DATABASE_REPLICA_URL (postgres://...) beside DATABASE_URL and the settings add
a `replica` alias, this router and its middleware:

- reads go to `replica`, writes (and SELECT ... FOR UPDATE, which Django treats as
  a write) to `default`;
- inside a transaction on the primary (every API write runs in one), reads stay on
  the primary too, so a write never compares against or answers with a stale row;
- a request that may write (POST, PUT, PATCH, DELETE) reads from the primary from
  its first query to its last (`PrimaryForWritesMiddleware`);
- migrations run on the primary only (the replica follows it by streaming
  replication).

Without DATABASE_REPLICA_URL none of this is installed (the router assumes the
alias exists) and everything uses
`default`, as on a laptop or a single server. What to watch: docs/deploy.md.
"""

from contextvars import ContextVar

from django.db import connections

REPLICA = "replica"
_primary_only = ContextVar("serge_primary_only", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _primary_only.get() or connections["default"].in_atomic_block:
            return "default"
        return REPLICA

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both: a row read from either may point to the other

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA


class PrimaryForWritesMiddleware:
    """Requests that may write read from the primary throughout."""

    SAFE = {"GET", "HEAD", "OPTIONS"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _primary_only.set(request.method not in self.SAFE)
        try:
            return self.get_response(request)
        finally:
            _primary_only.reset(token)


class primary_only:  # noqa: N801  (used as `with primary_only():`)
    """Read from the primary in this block (a script that reads what it just wrote)."""

    def __enter__(self):
        self._token = _primary_only.set(True)

    def __exit__(self, *exc):
        _primary_only.reset(self._token)
