"""Settings every environment shares."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parents[2]

# Where the five source documents live. The texts are copyrighted and are never
# copied into the repository: the pipeline and the tests read them from here.
SEEDS_DIR = Path(os.environ.get("SERGE_SEEDS_DIR", BASE_DIR.parent / "shared" / "seeds"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "prosopography",
    "bibliography",
    "dataset",
    "ipif",
    "reconcile",
    "axes",
]

MIDDLEWARE = [
    # First: the request id is known to every log line, the CSP set on every answer.
    "common.middleware.RequestIdMiddleware",
    "common.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Bodies over the limit answer 413 JSON under /api/ before anything reads them.
    "common.middleware.ApiBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records which user made each change, for the history of every record.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Heavy reader pages are rate-limited per client address, as the API is.
    "common.throttling.ReaderPageThrottleMiddleware",
    # ... and no client runs more than a few heavy reads at once.
    "common.throttling.InFlightLimitMiddleware",
    # Locks out an address after repeated failed logins (django-axes); last, as axes asks.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Ten wrong passwords from one address lock it out of the login for 15 minutes (429).
# Before: 100 wrong passwords in 71 s, none blocked.
AXES_FAILURE_LIMIT = int(os.environ.get("SERGE_LOGIN_FAILURES", "10"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "common.throttling.client_address"
# Lockouts are lifted with `manage.py axes_reset`; axes' own tables stay out of the admin.
AXES_ENABLE_ADMIN = False

# The rate limits' counts (and any other cache use) are shared by every worker when
# REDIS_URL names a Redis server (redis://127.0.0.1:6379/0). Without it each process
# keeps its own counts (LocMemCache): fine for one process, but with N gunicorn workers
# a client gets N times the limit.
# Kept answers (common/representations.py) have a cache of their own, so that a
# client filling it with answers cannot evict the rate limits' counts: in production
# give it its own Redis with a maxmemory (SERGE_REPRESENTATION_REDIS_URL,
# docs/deploy.md); without one it shares REDIS_URL's under another prefix.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("SERGE_CACHE_PREFIX", "serge"),
        },
        "representations": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("SERGE_REPRESENTATION_REDIS_URL", os.environ["REDIS_URL"]),
            "KEY_PREFIX": os.environ.get("SERGE_CACHE_PREFIX", "serge") + "-kept",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "representations": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "representations",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }

# Anonymous API answers kept in the cache while the data they show is unchanged
# (common/representations.py); 0 turns it off (the benchmarks measure both).
REPRESENTATION_CACHE = os.environ.get("SERGE_REPRESENTATION_CACHE", "1") != "0"

# Heavy reads (a hub's page, network, search) one client may run at once
# (common.throttling.InFlightLimitMiddleware; effective with a shared cache). It must
# stay below the number of workers, or one client can still hold them all: with 3
# sync workers a limit of 4 changed nothing (a polite reader waited 24 s), 2 kept
# that reader at 221 ms median (docs/benchmarks.md, "One busy client").
HEAVY_READS_IN_FLIGHT = int(os.environ.get("SERGE_HEAVY_READS_IN_FLIGHT", "2"))

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# SQLite is the embedded default so that a newcomer needs no server;
# DATABASE_URL=postgres://... selects PostgreSQL, the production database.
DATABASES = {
    "default": dj_database_url.config(default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60)
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite for a small team (serve.sh): readers never wait for a writer (WAL), a
    # writer waits up to 20 s for another instead of failing with "database is locked",
    # and a write transaction takes the write lock when it begins (IMMEDIATE), so two
    # transactions that read then write cannot deadlock, which SQLite would answer at
    # once with "database is locked" whatever the timeout. Before: 20 simultaneous
    # curator PATCHes gave 14 answers 500.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# A PostgreSQL read replica (streaming replication of DATABASE_URL's server): reads go
# to it, writes and the requests that write to the primary (config/db_router.py).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"], conn_max_age=60)
    DATABASE_ROUTERS = ["config.db_router.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware"),
        "config.db_router.PrimaryForWritesMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Where `manage.py release` writes the releases and /releases/ lists them (docs/living-dataset.md).
RELEASES_DIR = Path(os.environ.get("SERGE_RELEASES_DIR", BASE_DIR / "releases"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

REST_FRAMEWORK = {
    # drf-spectacular's, plus the error answers each operation can give.
    "DEFAULT_SCHEMA_CLASS": "common.api.schema.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    # Reading is public; writing needs an authenticated curator.
    "DEFAULT_PERMISSION_CLASSES": ["common.api.permissions.IsCuratorOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    # DRF's JSON parser with a nesting limit and a body size limit (common/api/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "common.api.parsers.LimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "common.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    # Keyed on the client address as the trusted proxies report it (common/throttling.py):
    # SERGE_NUM_PROXIES is how many proxies stand in front (0: the connection's address;
    # a client-supplied X-Forwarded-For is then ignored). Counted in the shared cache.
    "DEFAULT_THROTTLE_CLASSES": ["common.throttling.AnonymousClientThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("SERGE_ANON_RATE", "600/minute"),
        "pages": os.environ.get("SERGE_PAGE_RATE", "120/minute"),
    },
    "NUM_PROXIES": int(os.environ.get("SERGE_NUM_PROXIES", "0")),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Victor Serge's world",
    "DESCRIPTION": "Persons, organisations, works and the evidence behind them.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # What is written and what is read back differ (a date is written "1912?" and read
    # back as {edtf, earliest, latest, uncertain}): separate request components.
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and Redoc are served from our own static files, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Two models have a `status` field with different choices: name each enum.
    "ENUM_NAME_OVERRIDES": {
        "MentionStatusEnum": "prosopography.models.evidence.MentionStatus",
        "WorkStatusEnum": "bibliography.models.WorkStatus",
        "WorkTypeEnum": "bibliography.models.WorkType",
        "NameTypeEnum": "prosopography.models.base.NameType",
        "EventTypeEnum": "prosopography.models.events.EventType",
        "WorkRelationTypeEnum": "bibliography.models.WorkRelation.Type",
    },
}

SIMPLE_HISTORY_REVERT_DISABLED = False
# History reasons are curators' sentences ("Reverted to the version of ...: <why>",
# "ranked preferred: <why>"): django-simple-history's default column holds 100
# characters, which PostgreSQL enforces (a longer reason was a 500) and SQLite does not.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# The largest body read (Django's default is 2.5 MB): a record's JSON is a few kB, and
# an admin form with its inlines well under this. Under /api/ a larger body answers 413
# in JSON (common/middleware.py), whatever its media type.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
