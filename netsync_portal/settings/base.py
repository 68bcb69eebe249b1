"""Settings shared by every environment. Each environment module sets what differs and the secrets."""

from __future__ import annotations

from celery.schedules import crontab
from kombu import Queue

from netsync_portal.env import BASE_DIR, env

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "establishments",
    "accounts",
    "audit",
    "certificates",
    "siecle",
    "timetables",
    "netsynchro",
    "jobs",
    "refresh",
    "exports",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "netsync_portal.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "establishments.middleware.EstablishmentMiddleware",
]

ROOT_URLCONF = "netsync_portal.urls"
WSGI_APPLICATION = "netsync_portal.wsgi.application"

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
                "establishments.context_processors.establishment_switcher",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Served at the site's root by WhiteNoise: /favicon.ico, asked for by browsers on every page without an icon.
WHITENOISE_ROOT = BASE_DIR / "public"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploads stay in memory below this size; certificate files are refused far below it, so a
# PKCS#12 never reaches a temporary file on disk.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- Cache (login throttling, progress) -------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "netsync_portal.cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(BASE_DIR / "var" / "cache"),
        }
    }

# --- E-mail -----------------------------------------------------------------------------------
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="NetSynchro Portal <ne-pas-repondre@netsync-portal.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Tenancy and school years -----------------------------------------------------------------
# The current school year starts on this day (MM-DD): before it, the current year is last year's.
SCHOOL_YEAR_ROLLOVER = env("SCHOOL_YEAR_ROLLOVER", default="08-01")

# --- Login throttling -------------------------------------------------------------------------
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_FAILURE_WINDOW_SECONDS = env.int("LOGIN_FAILURE_WINDOW_SECONDS", default=15 * 60)
# Failures on a username from every client without its device cookie, and from one address for every
# username: high, to slow guessing spread out, never reached by a user mistyping (establishments/throttling.py).
LOGIN_USERNAME_FAILURE_LIMIT = env.int("LOGIN_USERNAME_FAILURE_LIMIT", default=50)
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=100)
# Reverse proxies in front of the application that append the client's address to TRUSTED_PROXY_HEADER;
# 0 (no proxy): REMOTE_ADDR is the client. Behind one reverse proxy (the production set-up): 1.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
TRUSTED_PROXY_HEADER = env("TRUSTED_PROXY_HEADER", default="X-Forwarded-For")

# --- Members, invitations, two-factor authentication (accounts/) -------------------------------
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=7)
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3 * 60 * 60)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="NetSynchro Portal")

# --- Journal (audit/) ---------------------------------------------------------------------------
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=3 * 365)

# --- Certificates key ring (see certificates/keyring.py) --------------------------------------
CERTIFICATE_KEYS = env("CERTIFICATE_KEYS", default="")

# --- NetSynchro -------------------------------------------------------------------------------
NETSYNCHRO_URL = env("NETSYNCHRO_URL", default="")
NETSYNCHRO_CA_FILE = env("NETSYNCHRO_CA_FILE", default="")
# The authority that issues NetSynchro client certificates (PEM): an upload it did not issue gets a warning.
NETSYNCHRO_CLIENT_CA_FILE = env("NETSYNCHRO_CLIENT_CA_FILE", default="")
# Seconds unless said; every one is an environment variable of the same name (docs/netsynchro.md §6).
NETSYNCHRO_TIMEOUT = env.float("NETSYNCHRO_TIMEOUT", default=60.0)  # one socket read or write
NETSYNCHRO_CONNECT_TIMEOUT = env.float("NETSYNCHRO_CONNECT_TIMEOUT", default=10.0)
NETSYNCHRO_REQUEST_DEADLINE = env.float("NETSYNCHRO_REQUEST_DEADLINE", default=600.0)  # one whole exchange
NETSYNCHRO_JOB_DEADLINE = env.float("NETSYNCHRO_JOB_DEADLINE", default=1800.0)  # one operation, retries included
NETSYNCHRO_MAX_EXPORT_BYTES = env.int("NETSYNCHRO_MAX_EXPORT_BYTES", default=256 * 1024 * 1024)
NETSYNCHRO_RETRY_ATTEMPTS = env.int("NETSYNCHRO_RETRY_ATTEMPTS", default=4)  # tries, the first included
NETSYNCHRO_RETRY_BACKOFF = env.float("NETSYNCHRO_RETRY_BACKOFF", default=0.5)
NETSYNCHRO_RETRY_AFTER_MIN = env.float("NETSYNCHRO_RETRY_AFTER_MIN", default=1.0)
NETSYNCHRO_RETRY_AFTER_MAX = env.float("NETSYNCHRO_RETRY_AFTER_MAX", default=60.0)
NETSYNCHRO_DEPOSIT_WAIT = env.float("NETSYNCHRO_DEPOSIT_WAIT", default=300.0)
NETSYNCHRO_POLL_INTERVAL = env.float("NETSYNCHRO_POLL_INTERVAL", default=2.0)
# The sandbox's defaults (JSON: SandboxConfig fields, plus "faults"), for netsynchro_sandbox only.
NETSYNCHRO_SANDBOX = env.json("NETSYNCHRO_SANDBOX", default={})

# --- Celery (https://docs.celeryq.dev/en/stable/userguide/configuration.html) -----------------
# kombu warns about a URL without a host name, even for the filesystem transport that needs none.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://localhost/")
CELERY_BROKER_TRANSPORT_OPTIONS: dict = {}
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_QUEUES = (Queue("default"), Queue("imports"), Queue("exports"))
CELERY_TASK_ROUTES = {"imports.*": {"queue": "imports"}, "exports.*": {"queue": "exports"}}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# One entry per periodic task; each fans out to all tenants itself.
CELERY_BEAT_SCHEDULE = {
    "certificates-check-expiry": {"task": "certificates.check_expiry", "schedule": crontab(hour=6, minute=30)},
    "audit-purge": {"task": "audit.purge", "schedule": crontab(hour=3, minute=15)},
    "jobs-reap": {"task": "jobs.reap", "schedule": 60.0},
    "jobs-purge-files": {"task": "jobs.purge_files", "schedule": crontab(hour=3, minute=30)},
    # Starts the refresh schedules that are due (their times live in the database: refresh/models.py).
    "refresh-run-due": {"task": "refresh.run_due", "schedule": env.float("REFRESH_TICK_SECONDS", default=300.0)},
    "exports-follow-deposits": {"task": "exports.follow_deposits", "schedule": 120.0},
}
# Redis redelivers an unacknowledged (late-ack) task after this delay: keep it above the longest job.
CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] = 2 * CELERY_TASK_TIME_LIMIT
CELERY_WORKER_SOFT_SHUTDOWN_TIMEOUT = 10.0

# --- Jobs (jobs/) -----------------------------------------------------------------------------
# Input files of imports, kept privately (outside MEDIA_ROOT, never served), deleted after the retention.
JOB_FILES_ROOT = env.path("JOB_FILES_ROOT", default=str(BASE_DIR / "var" / "job_files"))
JOB_FILE_RETENTION_DAYS = env.int("JOB_FILE_RETENTION_DAYS", default=30)
# Jobs of one organisation sent to the queue at once: a big organisation cannot starve the others.
JOB_MAX_RUNNING_PER_ORGANISATION = env.int("JOB_MAX_RUNNING_PER_ORGANISATION", default=2)
JOB_HEARTBEAT_SECONDS = env.float("JOB_HEARTBEAT_SECONDS", default=5.0)
JOB_STALE_SECONDS = env.int("JOB_STALE_SECONDS", default=120)  # no heartbeat for this long: interrupted
JOB_MAX_ATTEMPTS = env.int("JOB_MAX_ATTEMPTS", default=3)  # deliveries of one job before giving up
JOB_PREVIEW_EXPIRY_HOURS = env.int("JOB_PREVIEW_EXPIRY_HOURS", default=24)
# Largest file accepted by « Importer des données » (checked before reading), and files per import.
IMPORT_UPLOAD_MAX_BYTES = env.int("IMPORT_UPLOAD_MAX_BYTES", default=50 * 1024 * 1024)
IMPORT_UPLOAD_MAX_FILES = 5

# --- Scheduled refresh from NetSynchro (refresh/) ----------------------------------------------
# The night window (local time) over which « Dans la nuit » schedules are spread, one offset per UAI.
REFRESH_WINDOW_START_HOUR = env.int("REFRESH_WINDOW_START_HOUR", default=1)
REFRESH_WINDOW_HOURS = env.int("REFRESH_WINDOW_HOURS", default=4)
# A refresh that would mark more than this share of the pupils as left waits for validation.
REFRESH_MAX_DEPARTURE_SHARE = env.float("REFRESH_MAX_DEPARTURE_SHARE", default=0.10)
# Where the portal is reached, for the links of the e-mails.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://localhost:8000")
# --- Exports (exports/) ------------------------------------------------------------------------
# The export job follows its NetSynchro deposit this long (seconds); the beat follows it afterwards.
EXPORT_DEPOSIT_WAIT = env.int("EXPORT_DEPOSIT_WAIT", default=120)
# A deposit still not « Intégré » or « Rejeté » after this many days is no longer followed by the beat.
EXPORT_DEPOSIT_FOLLOW_DAYS = env.int("EXPORT_DEPOSIT_FOLLOW_DAYS", default=7)

# --- REST API (api/) -----------------------------------------------------------------------------
# Personal access tokens first: an anonymous call then answers 401 with ``WWW-Authenticate: Bearer``.
# Session authentication (with DRF's CSRF check) serves the browsable pages and the docs page.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "api.authentication.SessionCsrfAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ApiTokenRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": [
        "api.renderers.ApiJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "api.errors.api_exception_handler",
}
# Requests per token (or per signed-in user, or per address without credentials), DRF's "N/period".
API_THROTTLE_RATE = env("API_THROTTLE_RATE", default="600/min")
# How long a page of students stays cached (api/page_cache.py); an import makes it stale at once anyway.
# 0 turns the cache off.
API_PAGE_CACHE_SECONDS = env.int("API_PAGE_CACHE_SECONDS", default=60)
SPECTACULAR_SETTINGS = {
    "TITLE": "NetSynchro Portal API",
    "DESCRIPTION": (
        "API REST de NetSynchro Portal : établissements, élèves, structures, emplois du temps, statut des certificats, "
        "imports SIECLE et exports (traitements). "
        "Authentification : `Authorization: Bearer <jeton>` (jeton d'accès personnel)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "PATH_CONVERTER_OVERRIDES": {"uai": {"type": "string", "pattern": "^[0-9]{7}[A-Z]$"}},
    # Swagger UI from the sidecar package: served by WhiteNoise from this origin, no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

DEFAULT_EXCEPTION_REPORTER_FILTER = "netsync_portal.error_reports.SecretHidingExceptionReporterFilter"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"client_errors": {"()": "netsync_portal.log_filters.ClientErrorsWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["client_errors"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Through the root handler only (Django's own "django" handlers would print each line twice in DEBUG).
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.db.backends": {"level": "WARNING"},
    },
}
