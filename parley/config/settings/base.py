"""
Settings shared by every deployment. Each knob is read from the environment once,
here, and documented where it is read.

DATABASE_URL         database; default: SQLite file var/parley.sqlite3 (WAL mode)
REDIS_URL            optional Redis for the cache; default: in-process memory cache
SECRET_KEY           signing key; default: generated once and kept in var/secret_key
ALLOWED_HOSTS        comma-separated host names; default: localhost names
SITE_NAME            the newsroom's name, shown in pages and feeds
SITE_CONTACT_EMAIL   where readers can reach the newsroom
EMBED_ORIGINS        comma-separated origins allowed to call the API from a browser
DEBUG                "1" to turn on Django's debug mode (never in production)
PARLEY_TRUSTED_PROXIES  comma-separated addresses or networks of the reverse
                     proxies in front of the app; only requests from them may
                     name the client in X-Forwarded-For (default: none)
PARLEY_DB_POOL_SIZE  PostgreSQL connections each app process may hold (default 8;
                     0 turns the pool off and opens a connection per request)
PARLEY_HUMAN_SCORE_THRESHOLD  human score under which API posts are refused and
                     no-JS posts held (default 0.5)
PARLEY_RATE_LIMIT_<ACTION>  override one rate limit, e.g. PARLEY_RATE_LIMIT_COMMENT=
                     "50/minute"; "" turns that limit off (see PARLEY_RATE_LIMITS)
PARLEY_RATE_LIMIT_SIGN_IN_ACCOUNT  failed sign-ins per account, on the site and
                     the admin alike (default "10/15 minutes"): past it, every
                     attempt at that account is refused, right password or not,
                     until the window that began with the first failure ends
PARLEY_LANGUAGE      one of LANGUAGES ("de") to write the whole site in it;
                     default: each reader's browser chooses (Accept-Language)
PARLEY_RATE_LIMIT_SIGN_IN_ADDRESS  failed sign-ins per client address, at any
                     accounts (default "30/15 minutes"), locked the same way
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from parley.embed.static_headers import add_widget_cors_header

BASE_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(os.environ.get("PARLEY_VAR_DIR", BASE_DIR / "var"))


def _env_list(name: str, default: str) -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


def _secret_key() -> str:
    """Return SECRET_KEY, or a key generated on first run and kept under var/."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _database(url: str) -> dict:
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers run beside the one writer; IMMEDIATE takes the write
        # lock at BEGIN so two writers queue on the busy timeout instead of failing
        # with "database is locked" half-way through a transaction. Connections
        # are kept per thread: opening one (and its PRAGMAs) costs more than a
        # cached read.
        config["CONN_MAX_AGE"] = 600
        config["CONN_HEALTH_CHECKS"] = False
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                " PRAGMA foreign_keys=ON;"
            ),
        }
    elif config["ENGINE"] == "django.db.backends.postgresql":
        pool_size = int(os.environ.get("PARLEY_DB_POOL_SIZE", "8"))
        if pool_size:
            # A pool per process: requests borrow a live connection instead of
            # opening one, and a restarted server is reconnected to by itself.
            config["CONN_MAX_AGE"] = 0
            # No test before each lend: with a pool, Django would make it a
            # round trip on every request, as many as a cached page's own read
            # (measured: 40% of its time). After a database restart each dead
            # connection instead fails one request with a 503 and Retry-After
            # (DatabaseUnavailableMiddleware), and the pool replaces it.
            config["CONN_HEALTH_CHECKS"] = False
            config.setdefault("OPTIONS", {})["pool"] = {
                "min_size": 1,
                "max_size": pool_size,
                "timeout": 5,
                "max_lifetime": 600,
            }
    return config


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("DEBUG") == "1"
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
SITE_NAME = os.environ.get("SITE_NAME", "The Parley Courier")
SITE_CONTACT_EMAIL = os.environ.get("SITE_CONTACT_EMAIL", "newsroom@example.org")
EMBED_ORIGINS = _env_list("EMBED_ORIGINS", "")
PARLEY_TRUSTED_PROXIES = _env_list("PARLEY_TRUSTED_PROXIES", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "csp",
    # Only for its templates and static files: the API's docs page is then
    # served from here, with no inline script, instead of from a CDN.
    "ninja",
    "parley.core",
    # Django's admin under the newsroom's name, after core (its admin templates).
    "parley.core.apps.NewsroomAdminConfig",
    "parley.accounts",
    "parley.newsroom",
    "parley.discussions",
    "parley.protection",
    "parley.moderation",
    "parley.api",
    "parley.embed",
    "parley.live",  # live updates
    "parley.notifications",
    "parley.support",
    "parley.pwa",  # "Continue on app": manifest, service worker, phone banner
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The request's language (PARLEY_LANGUAGE, else the browser's choice),
    # active before anything below may answer with a sentence.
    "parley.core.languages.LanguageMiddleware",
    "parley.core.middleware.ContentSecurityPolicyMiddleware",
    "parley.core.middleware.ApiBoundaryMiddleware",
    "parley.core.middleware.ContentLengthMiddleware",
    "parley.core.middleware.PageMethodsMiddleware",
    "parley.core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Cross-site request forgery: a write a browser sends from another site
    # (Sec-Fetch-Site, or else Origin, says so) is refused; no token, no cookie,
    # so every anonymous reader gets the same page. See docs/security.md.
    "modern_csrf.middleware.ModernCsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "parley.config.urls"
# Flat pages (community guidelines, about, privacy) belong to this one site.
SITE_ID = 1
WSGI_APPLICATION = "parley.config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
# The first refuses any attempt to sign in while its account or address is
# locked after failures (parley/accounts/throttle.py); the second checks passwords.
AUTHENTICATION_BACKENDS = [
    "parley.accounts.backends.SignInThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "newsroom:home"
LOGOUT_REDIRECT_URL = "newsroom:home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "parley.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": _database(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'parley.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]

TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it to exist
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
# Serve static files straight from the apps (make run); production collects them.
WHITENOISE_USE_FINDERS = True
WHITENOISE_ADD_HEADERS_FUNCTION = add_widget_cors_header
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Requests larger than this are refused (413 on the API) before they are parsed.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024

# The Content-Security-Policy of every answer (django-csp; Django has its own only
# from 6.0): scripts, styles, workers and fetches from this site only, nothing
# inline, no plugins, no framing. Images may come from any https site (an
# article's lead image can be a URL). No template needs an inline script; one
# that ever does gives it nonce="{{ request.csp_nonce }}", outside any cached
# fragment. Forms may also post to EMBED_ORIGINS (added per request by
# parley.core.middleware.ContentSecurityPolicyMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "https:"],
        "connect-src": [SELF],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Django's admin and sign-in views still wrap themselves in its token check,
# which the middleware above has already settled, and may still set this
# cookie; nothing reads it.
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Cookies that make a shared page one reader's own (parley.core.pages): a
# reader token and edit tokens (parley.discussions.tokens), the guest details a
# reader asked to keep (parley.discussions.landing); the session and
# messages cookies always do. A trailing * matches a prefix.
PARLEY_READER_COOKIES = ["parley-voter", "parley-edit-*", "parley-guest"]
# Off: every page is rendered for its reader (slower; a switch for operators
# and for tests that compare the two).
PARLEY_SHARED_PAGES = os.environ.get("PARLEY_SHARED_PAGES", "1") != "0"
# Templates the base template includes in every page's <head>, for outer apps
# (core names none itself): the web app's manifest, worker and phone banner.
PARLEY_HEAD_TEMPLATES = ["pwa/_head.html"]

# Discussion knobs, read through parley.discussions.conf.
PARLEY_EDIT_WINDOW_SECONDS = int(os.environ.get("PARLEY_EDIT_WINDOW_SECONDS", "900"))
PARLEY_MAX_DISPLAY_DEPTH = int(os.environ.get("PARLEY_MAX_DISPLAY_DEPTH", "5"))
PARLEY_PAGE_SIZE = int(os.environ.get("PARLEY_PAGE_SIZE", "20"))
PARLEY_UPVOTES_ONLY = os.environ.get("PARLEY_UPVOTES_ONLY") == "1"
# Thread keys only the site creates (its articles' threads); a reader's first
# comment never starts one.
PARLEY_RESERVED_THREAD_PREFIXES = ["article-"]
# The intake: checks every new or edited comment passes, in order (see
# parley/discussions/intake.py). Outer apps provide them; discussions import none.
BOT_PROTECTION_CHECKS = [
    "parley.protection.checks.RateLimitCheck",
    "parley.protection.checks.ChallengeCheck",
    "parley.protection.checks.HumanScoreCheck",
]
CONTENT_CHECKS = [
    "parley.moderation.checks.AuthorStandingCheck",
    "parley.moderation.checks.ThreadPolicyCheck",
    "parley.moderation.checks.ContentRulesCheck",
    "parley.moderation.checks.ToxicityCheck",
]
# PARLEY_INTAKE_CHECKS (comma-separated dotted paths) replaces the list, e.g. to
# run load tests without proof of work.
PARLEY_INTAKE_CHECKS = _env_list(
    "PARLEY_INTAKE_CHECKS", ",".join(BOT_PROTECTION_CHECKS + CONTENT_CHECKS)
)

# The text of the page a thread is under, for anchoring readers' quotes of its
# passages (parley/discussions/anchors.py): a function of the thread key that
# returns the page's plain text, or None for a page this site doesn't hold.
PARLEY_PAGE_TEXT = "parley.newsroom.passages.page_text"

# Rate limits on votes, reports and challenges (see parley/discussions/throttle.py).
PARLEY_THROTTLE = "parley.protection.throttle.throttle"

# Groups whose members count as staff (besides is_staff and is_superuser users):
# nobody else may comment or sign up under a name that looks like theirs (see
# parley/accounts/names.py). Moderation's two roles.
PARLEY_STAFF_GROUPS = ["Moderators", "Admins"]

# Moderation knobs, read through parley.moderation.conf.
# Open reports that hold a published comment no moderator has cleared.
PARLEY_REPORTS_TO_HOLD = int(os.environ.get("PARLEY_REPORTS_TO_HOLD", "3"))
# A new commenter's first N comments are held for review (0: none are).
PARLEY_PREMODERATE_FIRST_COMMENTS = int(
    os.environ.get("PARLEY_PREMODERATE_FIRST_COMMENTS", "0")
)
# More links than this in one comment hold it.
PARLEY_MAX_LINKS = int(os.environ.get("PARLEY_MAX_LINKS", "3"))
# The same text in another thread within this many hours holds it.
PARLEY_DUPLICATE_WINDOW_HOURS = int(
    os.environ.get("PARLEY_DUPLICATE_WINDOW_HOURS", "24")
)

# Request headers the embedded widget sends cross-origin (CORS allow-list).
API_CORS_ALLOWED_HEADERS = [
    "Content-Type",
    "X-Parley-Edit-Token",
    "X-Parley-Voter",
]

# Protection knobs, read through parley.protection.conf.
# Spent challenges and rate-limit counters live in this Redis; "" keeps them in
# the database.
PARLEY_PROTECTION_REDIS_URL = os.environ.get("REDIS_URL", "")
PARLEY_HUMAN_SCORE_THRESHOLD = float(
    os.environ.get("PARLEY_HUMAN_SCORE_THRESHOLD", "0.5")
)
# Seconds a proof-of-work challenge stays solvable.
PARLEY_CHALLENGE_TTL = int(os.environ.get("PARLEY_CHALLENGE_TTL", "1800"))
# The challenge's search space for a quiet address, and the most it may grow to
# for an address that asks for many challenges (doubling per step).
PARLEY_CHALLENGE_MAXNUMBER = int(os.environ.get("PARLEY_CHALLENGE_MAXNUMBER", "50000"))
PARLEY_CHALLENGE_MAXNUMBER_CEILING = int(
    os.environ.get("PARLEY_CHALLENGE_MAXNUMBER_CEILING", "1600000")
)
# "<count>/<period>[;<count>/<period>…]" per action and per key (address hash,
# reader identity); "" means no limit.
PARLEY_RATE_LIMITS = {
    action: os.environ.get(f"PARLEY_RATE_LIMIT_{action.upper()}", default)
    for action, default in {
        "comment": "5/minute;30/hour",
        "vote": "120/minute",
        "report": "10/hour",
        "thread": "10/hour",
        "new_voter": "20/hour",
        "challenge": "60/minute",
        "sign_in_account": "10/15 minutes",
        "sign_in_address": "30/15 minutes",
    }.items()
}
# Counts failed sign-ins and says how long a locked attempt must wait (see
# parley/accounts/throttle.py); "" turns the lock off.
PARLEY_SIGN_IN_THROTTLE = "parley.protection.throttle.sign_in"

# Concepts of their own, each documented in its module: logging (one line per
# client error), live updates, notification mail with its background tasks,
# toxicity scoring.
from .languages import *  # noqa: E402, F403
from .live import *  # noqa: E402, F403
from .logs import LOGGING  # noqa: E402, F401
from .notifications import *  # noqa: E402, F403
from .pwa import *  # noqa: E402, F403
from .support import *  # noqa: E402, F403
from .toxicity import *  # noqa: E402, F403

INSTALLED_APPS += TASK_APPS  # noqa: F405
PARLEY_RATE_LIMITS["subscribe"] = SUBSCRIBE_RATE_LIMIT  # noqa: F405
