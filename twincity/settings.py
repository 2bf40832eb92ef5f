"""Twin City settings: one module, configured by environment variables (12-factor).

Defaults are safe for a laptop (SQLite in WAL mode, local caches, the database task queue,
console e-mail); production sets DATABASE_URL, REDIS_URL, the EMAIL_* variables and
DJANGO_SECRET_KEY. See README.md for the full list.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TWINCITY_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def local_secret_key() -> str:
    """A per-checkout random key kept in var/, so sessions survive restarts on a laptop."""
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        # Readable by this account only: whoever reads the key can forge sessions.
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as written:
            written.write(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


def database_from_url(url: str) -> dict:
    """postgres://user:password@host:port/name?sslmode=require -> a DATABASES entry."""
    parts = urlparse(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ValueError(f"DATABASE_URL must start with postgres://, got {parts.scheme!r}")
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": options,
    }


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or local_secret_key()
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
CSRF_FAILURE_VIEW = "twincity.portal.views.csrf_failure"
# Behind TLS (a proxy that terminates it and says so in X-Forwarded-Proto): redirect plain
# HTTP, send HSTS, and keep the cookies off plain HTTP. On by default when the site's own
# address is https://, so that production cannot forget it.
BEHIND_TLS = env_bool(
    "DJANGO_BEHIND_TLS_PROXY",
    os.environ.get("TWINCITY_BASE_URL", "").startswith("https://"),
)
if BEHIND_TLS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    # /healthz answers the load balancer over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail's preview shows the page in a frame of the admin
SESSION_COOKIE_HTTPONLY = True

INSTALLED_APPS = [
    "twincity.portal",
    "twincity.core",
    "twincity.news",
    "twincity.textsearch",
    "twincity.directory",
    "twincity.talent",
    "twincity.events",
    "twincity.tourism",
    "twincity.invest",
    "twincity.dashboard",
    "twincity.api",
    # Serves the API docs' Swagger UI from its own static files, not from a CDN.
    "ninja",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "axes",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    # Outermost: the request's id in its log lines and its answer (core.request_ids).
    "twincity.core.request_ids.RequestIdMiddleware",
    # /healthz, /readyz, /metrics, answered before anything else runs (core.health).
    "twincity.core.health.OperationalEndpointsMiddleware",
    # Requests by view and their latency, for /metrics (its partner is second to last).
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # Stores anonymous page responses for twincity.core.pagecache to serve.
    "twincity.core.pagecache.StorePageMiddleware",
    # Before anything reads the body (core/security.py).
    "twincity.core.security.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "twincity.core.security.ContentSecurityPolicyMiddleware",
    "twincity.core.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "twincity.portal.middleware.KnownSiteMiddleware",
    # /api/ only: CORS, language, partner key, rate limit, ETags and answers kept in memory.
    # Before LocaleMiddleware, which it tells the API's language.
    "twincity.api.conditional.ApiMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Last, as django-axes asks: it turns a locked sign-in into the lockout answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "twincity.urls"
WSGI_APPLICATION = "twincity.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The project's own templates: the site's layout (base.html) and error pages.
        "DIRS": [Path(__file__).resolve().parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": database_from_url(os.environ["DATABASE_URL"])}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "twincity.sqlite3")),
            # Opening SQLite and running the PRAGMAs costs more than many queries: keep it open.
            "CONN_MAX_AGE": None,
            # WAL lets the web process read while the worker writes; IMMEDIATE avoids
            # "database is locked" on lock upgrades inside transactions.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
# A read replica (PostgreSQL streaming replication): anonymous reads go there
# (core.replica). In the tests it is the default database under another name.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **database_from_url(os.environ["DATABASE_REPLICA_URL"]),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["twincity.core.replica.ReplicaRouter"]
    # After the page store, before the site lookup (which reads).
    MIDDLEWARE.insert(
        MIDDLEWARE.index("twincity.core.pagecache.StorePageMiddleware") + 1,
        "twincity.core.replica.ReplicaMiddleware",
    )
# Queries counted and timed for /metrics by django-prometheus' wrapper of Django's PostgreSQL
# backend (production's; SQLite keeps Django's own name, which tools such as pytest-django test).
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _database["ENGINE"] = "django_prometheus.db.backends.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Caches ---------------------------------------------------------------------------------
# "shared" is what every process of every app server sees alike: it holds the content
# generation that invalidates the page cache (see core.pagecache). Redis in production; a
# file locally, because `make run` serves with several gunicorn workers.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Redis down is a cache miss, not an error page (core.resilient_cache).
    _redis = {"BACKEND": "twincity.core.resilient_cache.ResilientRedisCache", "LOCATION": REDIS_URL}
    CACHES = {"default": _redis, "shared": _redis, "renditions": _redis}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Wagtail looks image renditions up here before asking the database.
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renditions",
        },
        "shared": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "shared-cache"),
        },
    }
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Rendered pages kept in each app process's memory (about 15 kB each).
PAGE_CACHE_MAX_PAGES = int(os.environ.get("PAGE_CACHE_MAX_PAGES", "2000"))
# ... and at most this many bytes of them (the oldest go first).
PAGE_CACHE_MAX_BYTES = int(os.environ.get("PAGE_CACHE_MAX_MB", "64")) * 1024 * 1024
# The content of a page that is the same for every visitor, signed in or not (core.fragments):
# at most this many fragments and characters of them per process.
SHARED_FRAGMENTS_ENABLED = env_bool("SHARED_FRAGMENTS_ENABLED", True)
SHARED_FRAGMENTS_MAX = int(os.environ.get("SHARED_FRAGMENTS_MAX", "2000"))
SHARED_FRAGMENTS_MAX_CHARS = int(os.environ.get("SHARED_FRAGMENTS_MAX_MCHARS", "32")) * 1024 * 1024

# --- Tasks ----------------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Registration and booth assignment lock their rows (events.services). Only the race tests turn
# this off, to show the oversell that the locks prevent; never set it in production.
EVENTS_LOCKING = not env_bool("TWINCITY_TEST_ONLY_DISABLE_EVENT_LOCKS", False)
# How long a registration or a booth decision waits for its lock before it gives up and asks the
# person to try again (nothing saved): the pretix pattern, so a stuck rush shows a message, not
# a worker timeout.
EVENTS_LOCK_WAIT_MS = int(os.environ.get("TWINCITY_EVENTS_LOCK_WAIT_MS", "5000"))
# With the locks off, a pause between counting seats and taking one, so that the race tests show
# the oversell on every run (events.locking.race_test_delay). Ignored with the locks on.
EVENTS_TEST_ONLY_RACE_DELAY_MS = int(os.environ.get("TWINCITY_TEST_ONLY_RACE_DELAY_MS", "0"))
# Events that require e-mail confirmation hold a new registration's seat this long for the link in
# the mail to be followed; then the worker frees it (events.services.expire_offers).
EVENTS_CONFIRMATION_HOLD_MINUTES = int(
    os.environ.get("TWINCITY_EVENTS_CONFIRMATION_HOLD_MINUTES", "30")
)
# A registration's link is mailed again, to someone who registers a second time with the same
# address, at most once in this many minutes: the form cannot be used to flood an inbox.
EVENTS_LINK_RESEND_MINUTES = int(os.environ.get("TWINCITY_EVENTS_LINK_RESEND_MINUTES", "5"))
# A task RUNNING this long is taken for one whose worker died, and is run again
# (core.task_recovery); a dead worker on the same machine is noticed at once.
TWINCITY_TASK_STALE_MINUTES = int(os.environ.get("TWINCITY_TASK_STALE_MINUTES", "15"))
# The economic circle in figures: counts of people below this are published only as "fewer than".
DASHBOARD_MIN_COUNT = int(os.environ.get("TWINCITY_DASHBOARD_MIN_COUNT", "5"))
# How often the worker publishes pages whose scheduled time has come.
SCHEDULED_PUBLISHING_INTERVAL = float(os.environ.get("SCHEDULED_PUBLISHING_INTERVAL", "30"))

# --- Personal data --------------------------------------------------------------------------
# Finished task rows (their arguments name people: e-mail addresses, names) and expired
# sessions are deleted by the worker once older than this (core.retention).
TWINCITY_TASK_RETENTION_DAYS = int(os.environ.get("TWINCITY_TASK_RETENTION_DAYS", "30"))
# The privacy notices people agree to, with the version now shown (core.consent). Raise a
# version when its text changes: consents record the version that was agreed to.
TWINCITY_PRIVACY_NOTICES = {
    "graduate_account": "2025-1",
    "recruiter_account": "2025-1",
    "event_registration": "2025-1",
    "invest_enquiry": "2026-1",
}

# --- E-mail ---------------------------------------------------------------------------------
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
elif os.environ.get("EMAIL_FILE_PATH"):
    # One file per message in that folder: the outbox the browser tests read.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Twin City <noreply@twincity.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "twincity" / "locale"]
# One date format per language, ISO in inputs (twincity/formats/__init__.py).
FORMAT_MODULE_PATH = ["twincity.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# CVs and other personal files: never under MEDIA_ROOT, served only through permission checks.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600
# Behind nginx: private files (CVs) are sent by nginx from an `internal` location that maps this
# prefix onto PRIVATE_MEDIA_ROOT, after Django's permission check (core.private_files).
TWINCITY_PRIVATE_ACCEL_PREFIX = os.environ.get("TWINCITY_PRIVATE_ACCEL_PREFIX", "")

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Twin City"
# The site shell's home page, under which the sections' index pages live (core.models names it
# through this setting, as Django names the user model, so that core does not import portal).
TWINCITY_HOME_PAGE_MODEL = "portal.HomePage"
WAGTAILADMIN_BASE_URL = os.environ.get("TWINCITY_BASE_URL", "http://127.0.0.1:8000")
SITE_URL = WAGTAILADMIN_BASE_URL.rstrip("/")  # for links in e-mails
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "twincity.textsearch.backend"}}
# SVG for the team's demo illustrations (core/data/illustrations); templates ask for them with
# `preserve-svg` so they stay vector, while editors' photographs get raster renditions.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "svg"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from Gravatar: a foreign host (blocked in China) that learns who uses the admin;
# the Content-Security-Policy would block it anyway. Wagtail shows its own default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# A page copied for translation stays a draft until its translation is published: otherwise
# the Chinese site would show English text under a Chinese address.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

LOGIN_URL = "talent:login"
# django-axes first: a locked account or address is refused before its password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
WAGTAILADMIN_LOGIN_URL = "wagtailadmin_login"
AUTH_PASSWORD_VALIDATORS = [
    # Django's rule in the site's words (core/passwords.py says why).
    {"NAME": "twincity.core.passwords.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# A link to set a new password works for this long, once (talent's accounts).
PASSWORD_RESET_TIMEOUT = int(os.environ.get("TWINCITY_PASSWORD_RESET_HOURS", "24")) * 3600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every line names the request it belongs to ("-" outside one: the worker, commands).
    "filters": {"request_id": {"()": "twincity.core.request_ids.RequestIdFilter"}},
    "formatters": {
        "with_request_id": {
            "format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "with_request_id",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # The worker polls every second; its "no more tasks" lines would drown the useful ones.
    "loggers": {"wagtail": {"level": "WARNING"}, "django_tasks_db": {"level": "WARNING"}},
}

# --- Tourism maps ---------------------------------------------------------------------------
# Leaflet is vendored in twincity/tourism/static (release files and licence), never a CDN. Every
# map draws an offline base layer shipped with the site (both cities' districts with their names,
# tourism/static/tourism/map/README.md). Online tiles are off by default (offline, tests):
# TWINCITY_MAP_TILES=tianditu (the national service; needs TWINCITY_MAP_TIANDITU_KEY, a browser
# key) or =amap turns on a ready provider (URL templates as leaflet.chinatmsproviders 3.0.6, MIT,
# lists them); TOURISM_MAP_TILES_URL any other one. A provider says its coordinate system:
# "wgs84" (Tianditu's CGCS2000 is within a metre of it) or "gcj02" (AMap: coordinates are
# converted on output, tourism/maps.py). Layers are drawn in order (the map, then its names),
# per language of the page. The Content-Security-Policy then allows exactly their hosts.
TIANDITU_TILE = (
    "https://t{s}.tianditu.gov.cn/DataServer?T=%s_w&X={x}&Y={y}&L={z}&tk="
    + os.environ.get("TWINCITY_MAP_TIANDITU_KEY", "")
)
AMAP_TILE = (
    "https://webrd0{s}.is.autonavi.com/appmaptile?lang=%s&size=1&scale=1&style=8&x={x}&y={y}&z={z}"
)
MAP_TILE_PROVIDERS = {
    "tianditu": {
        "crs": "wgs84",
        "attribution": "天地图 Tianditu",
        "subdomains": "01234567",
        # vec: the map; cva / eva: its names in Chinese / English
        "layers": {
            "zh-hans": [TIANDITU_TILE % "vec", TIANDITU_TILE % "cva"],
            "en": [TIANDITU_TILE % "vec", TIANDITU_TILE % "eva"],
        },
    },
    "amap": {
        "crs": "gcj02",
        "attribution": "高德地图 AutoNavi",
        "subdomains": "1234",
        "layers": {"zh-hans": [AMAP_TILE % "zh_cn"], "en": [AMAP_TILE % "en"]},
    },
}
TOURISM_MAP_TILES = MAP_TILE_PROVIDERS.get(os.environ.get("TWINCITY_MAP_TILES", "")) or (
    {
        "url": os.environ["TOURISM_MAP_TILES_URL"],
        "attribution": os.environ.get("TOURISM_MAP_TILES_ATTRIBUTION", ""),
        "crs": os.environ.get("TOURISM_MAP_TILES_CRS", "wgs84"),
    }
    if os.environ.get("TOURISM_MAP_TILES_URL")
    else None
)

# --- Abuse limits (core/abuse.py, docs/security.md) -----------------------------------------
# Sign-in, on the site and in the admin: after AXES_FAILURE_LIMIT wrong passwords in a row for
# one account, or from one address, both are locked for AXES_COOLOFF_TIME hours; the right
# password is refused too until then. Staff lift a lock in the admin (Settings → Locked sign-ins).
AXES_ENABLED = env_bool("TWINCITY_SIGN_IN_LOCKOUT", True)
AXES_FAILURE_LIMIT = int(os.environ.get("TWINCITY_SIGN_IN_FAILURES", "10"))
AXES_COOLOFF_TIME = float(os.environ.get("TWINCITY_SIGN_IN_LOCK_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "twincity.core.abuse.axes_username"
AXES_LOCKOUT_CALLABLE = "twincity.core.abuse.sign_in_locked"
AXES_CLIENT_IP_CALLABLE = "twincity.core.abuse.client_address"
# Tries during a lock do not extend it: the page says when it ends, and that stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# How many proxies of ours stand in front (nginx: 1); their X-Forwarded-For names the visitor.
TWINCITY_TRUSTED_PROXY_HOPS = int(os.environ.get("TWINCITY_TRUSTED_PROXY_HOPS", "0"))
# Everything else that costs work or counts for something: "count/period" per key.
TWINCITY_RATE_LIMITS_ENABLED = env_bool("TWINCITY_RATE_LIMITS", True)
TWINCITY_RATE_LIMIT_CACHE = "shared"
# The public API (twincity.api): partners' web origins allowed by CORS (comma-separated), the
# requests per minute of an anonymous client address, and the answers kept in each process.
API_CORS_ORIGINS = env_list("API_CORS_ORIGINS", "")
API_ANONYMOUS_REQUESTS_PER_MINUTE = int(os.environ.get("API_ANONYMOUS_REQUESTS_PER_MINUTE", "300"))
# Off only to measure what the kept answers save (bench/api.py).
API_RESPONSE_CACHE_ENABLED = env_bool("API_RESPONSE_CACHE", True)
API_CACHE_MAX_ANSWERS = int(os.environ.get("API_CACHE_MAX_ANSWERS", "2000"))
API_CACHE_MAX_MB = int(os.environ.get("API_CACHE_MAX_MB", "64"))
TWINCITY_RATE_LIMITS = {
    "registration-address": os.environ.get("TWINCITY_LIMIT_REGISTRATION_ADDRESS", "30/h"),
    "registration-email": os.environ.get("TWINCITY_LIMIT_REGISTRATION_EMAIL", "5/h"),
    "sign-up": os.environ.get("TWINCITY_LIMIT_SIGN_UP", "10/h"),
    # Asking for a new password or a new confirmation link, per address; and the e-mails about
    # an account that any of these requests (or a sign-up) send to one mailbox, which are
    # dropped silently past the limit (the answer must not say whether the account exists).
    "password-reset": os.environ.get("TWINCITY_LIMIT_PASSWORD_RESET", "10/h"),
    "confirmation-resend": os.environ.get("TWINCITY_LIMIT_CONFIRMATION_RESEND", "10/h"),
    "account-email": os.environ.get("TWINCITY_LIMIT_ACCOUNT_EMAIL", "5/h"),
    "beacon": os.environ.get("TWINCITY_LIMIT_BEACON", "120/h"),
    "planner": os.environ.get("TWINCITY_LIMIT_PLANNER", "60/10m"),
    "pdf": os.environ.get("TWINCITY_LIMIT_PDF", "30/10m"),
    "search": os.environ.get("TWINCITY_LIMIT_SEARCH", "120/10m"),
    # Investors' enquiries, per address and per e-mail (twincity/invest).
    "enquiry-address": os.environ.get("TWINCITY_LIMIT_ENQUIRY_ADDRESS", "10/h"),
    "enquiry-email": os.environ.get("TWINCITY_LIMIT_ENQUIRY_EMAIL", "5/h"),
}
# Who may read /metrics (core.health): addresses or networks, comma-separated; others get 404.
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", "127.0.0.1,::1")
# Trip plans and PDFs kept by their normalised request (core/answers.py).
TWINCITY_ANSWER_SECONDS = int(os.environ.get("TWINCITY_ANSWER_SECONDS", "3600"))

# --- Investment promotion (twincity/invest) -------------------------------------------------
# An enquiry awaiting the investor's answer this long is marked non-responsive (six weeks, as
# the UK's enquiry management tool does); staff owe a first response within the hours below.
INVEST_SILENCE_DAYS = int(os.environ.get("INVEST_SILENCE_DAYS", "42"))
INVEST_FIRST_RESPONSE_HOURS = int(os.environ.get("INVEST_FIRST_RESPONSE_HOURS", "48"))

# --- Request size and headers (core/security.py) -------------------------------------------
TWINCITY_MAX_REQUEST_BYTES = int(os.environ.get("TWINCITY_MAX_REQUEST_MB", "6")) * 1024 * 1024
TWINCITY_MAX_ADMIN_REQUEST_BYTES = (
    int(os.environ.get("TWINCITY_MAX_ADMIN_REQUEST_MB", "60")) * 1024 * 1024
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, said out loud: form fields only
# Private Wagtail documents go through Wagtail's serve view and its privacy check, never
# /media/ (urls.py does not serve media/documents/; nginx must not either).
WAGTAILDOCS_SERVE_METHOD = "serve_view"


def tile_hosts(tiles: dict | None) -> list[str]:
    """Every host of a tile provider, its subdomains spelt out (a CSP wildcard may only stand
    for a whole label): t{s}.tianditu.gov.cn -> https://t0.tianditu.gov.cn … t7."""
    if not tiles:
        return []
    templates = [tiles["url"]] if "url" in tiles else sum(tiles["layers"].values(), [])
    hosts = set()
    for template in templates:
        for subdomain in tiles.get("subdomains") or "abc":
            parts = urlparse(template.replace("{s}", subdomain))
            hosts.add(f"{parts.scheme or 'https'}://{parts.netloc}")
    return sorted(hosts)


_tile_hosts = tile_hosts(TOURISM_MAP_TILES)
# The site's pages carry no inline script or style: scripts and styles come from this site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_tile_hosts],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# The Wagtail admin's templates have inline scripts and styles (Wagtail 8); its own policy
# allows those and still nothing from another host.
TWINCITY_ADMIN_CSP_DIRECTIVES = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *_tile_hosts],
}
# Browser features no page uses; core.security.allow_features lets one view have one.
TWINCITY_DISABLED_FEATURES = [
    "camera",
    "microphone",
    "geolocation",
    "payment",
    "usb",
]
