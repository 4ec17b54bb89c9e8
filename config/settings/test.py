"""Settings for the test suite: fast hashing, no throttling surprises."""

from .local import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Two checkouts testing against the same PostgreSQL server must not share (and
# destroy) one test database: the name carries a short hash of this checkout's path.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    import hashlib

    _checkout = hashlib.sha1(str(BASE_DIR).encode()).hexdigest()[:8]  # noqa: F405
    DATABASES["default"].setdefault("TEST", {})["NAME"] = f"test_serge_{_checkout}"  # noqa: F405
# SQLite tests run in memory: a test database kept in a file between runs would
# lose the relationship vocabulary (installed by a data migration) to the flush
# that ends every transactional test.

# The reader pages' limit would trip suites that open many pages in a minute; the
# throttle's own tests set a tight rate on the class.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {**REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "pages": "100000/minute"},  # noqa: F405
}
