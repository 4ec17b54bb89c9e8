"""The first-run default: SQLite (unless DATABASE_URL says otherwise), DEBUG on."""

from .base import *  # noqa: F401,F403

DEBUG = True
SECRET_KEY = "local-development-only-not-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

# Serve static files from the apps' folders as they change (no collectstatic locally).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
