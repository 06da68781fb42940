"""Settings, read from environment variables (see docs/CONFIGURATION.md)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from partybrand.core.config import (
    daily_schedule,
    data_dir,
    env_bool,
    env_int,
    env_list,
    env_networks,
    env_str,
)
from partybrand.core.logformat import log_format, logging_config

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()
DATA_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite file, the index, uploads

DEBUG = env_bool("PARTYBRAND_DEBUG", False)
SECRET_KEY = env_str("PARTYBRAND_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "PARTYBRAND_SECRET_KEY is required unless PARTYBRAND_DEBUG=true."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug-mode-" + "x" * 20
ALLOWED_HOSTS = env_list("PARTYBRAND_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("PARTYBRAND_CSRF_TRUSTED_ORIGINS", [])

# Behind HTTPS (the production default) cookies are secure and HSTS is sent.
HTTPS = env_bool("PARTYBRAND_HTTPS", True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("PARTYBRAND_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("PARTYBRAND_HSTS_SECONDS", 31536000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Behind our own proxy (nginx, docs/DEPLOYMENT.md): its X-Forwarded-Proto, its last
# X-Forwarded-For entry and its X-Request-ID are believed; otherwise a client could forge them.
BEHIND_PROXY = env_bool("PARTYBRAND_BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
# The probes and the metrics answer on plain HTTP too: load balancers and Prometheus ask the node
# directly.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("PARTYBRAND_SESSION_SECONDS", 8 * 3600, minimum=300)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "partybrand.core",
    "partybrand.jobs",
    "partybrand.orgs",
    "partybrand.documents",
    "partybrand.brands",
    "partybrand.accounts",
    "partybrand.surveys",
    "partybrand.benchmarks",
    "partybrand.positioning",
    "partybrand.assistant",
    "partybrand.themes",
    "partybrand.indicators",
    "partybrand.assessments",
    "partybrand.plans",
    "partybrand.supervision",
    "partybrand.promotion",
    "partybrand.cases",
    "partybrand.knowledge",
    "partybrand.rounds",
    "partybrand.showcase",
    "partybrand.cockpit",
    "partybrand.notices",
    "partybrand.sso",
    "partybrand.workbench",
    "partybrand.demo",
    "partybrand.ops",
]

MIDDLEWARE = [
    # First: the request id, the access line and the metrics cover everything below.
    "partybrand.core.requestlog.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "partybrand.core.middleware.SecurityHeadersMiddleware",
    "partybrand.core.middleware.RequestSizeLimitMiddleware",  # before anything reads the body
    "partybrand.core.middleware.AuditOriginMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A code owed after the password comes first: the temporary-password page opens only then.
    "partybrand.sso.middleware.SecondFactorMiddleware",
    "partybrand.sso.middleware.SingleSignOutMiddleware",
    "partybrand.accounts.middleware.AccountSessionMiddleware",
    "partybrand.core.middleware.RefuseLongAddressMiddleware",
    "partybrand.core.middleware.RefuseNulMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "partybrand.urls"
WSGI_APPLICATION = "partybrand.wsgi.application"

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
                "partybrand.workbench.navigation.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'partybrand.sqlite3'}"),
        conn_max_age=env_int("PARTYBRAND_DB_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Health checks that skip a connection which served a request within the last second.
    DATABASES["default"]["ENGINE"] = "partybrand.core.dbbackends.postgresql"
# Statements sent with their parameters bound by the server (only the one storing an anonymous
# survey answer, surveys/services/anonymous_rows.py: every other query binds on the client, which
# never prepares) are prepared after a few runs on a connection. Off behind a pooler in
# transaction mode that cannot keep prepared statements (PgBouncer before 1.21, or without
# max_prepared_statements).
DB_PREPARED_STATEMENTS = env_bool("PARTYBRAND_DB_PREPARED_STATEMENTS", True)
if DATABASES["default"]["ENGINE"] == "partybrand.core.dbbackends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 5 if DB_PREPARED_STATEMENTS else None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; the timeout rides out short write bursts.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    # A file cache is shared by every worker process on the machine (login counts must be).
    CACHES = {
        "default": {
            "BACKEND": "partybrand.core.filecache.FileCache",
            "LOCATION": str(DATA_DIR / "cache"),
        }
    }

# The demo (`make demo`, `make demo-data`) runs with PARTYBRAND_DEMO=true: its published password
# is then accepted where a password is chosen; elsewhere it is refused (accounts/validators.py).
DEMO_MODE = env_bool("PARTYBRAND_DEMO", False)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "partybrand.accounts.validators.PasswordPolicyValidator",
        "OPTIONS": {"min_length": 10, "min_kinds": 3},
    },
]
# A session untouched this long is signed out at its next request (accounts/middleware.py).
PARTYBRAND_IDLE_MINUTES = env_int("PARTYBRAND_IDLE_MINUTES", 30, minimum=1)
# Changes (brands and benchmarks added, renamed, removed) a web process holds in memory beside
# the shared similarity index before it writes a new generation (themes/index.py).
THEME_INDEX_DELTA_LIMIT = env_int("PARTYBRAND_THEME_INDEX_DELTA_LIMIT", 2000, minimum=1)
# The PDF of a document: LibreOffice's soffice (found on PATH when empty) and the seconds one
# conversion may take (documents/pdf.py).
DOCUMENTS_SOFFICE = env_str("PARTYBRAND_SOFFICE", "")
DOCUMENTS_PDF_TIMEOUT = env_int("PARTYBRAND_PDF_SECONDS", 120, minimum=10)
# 千篇一律 (themes/generic.py): a phrase of a name that at least this many distinct brands of the
# platform and the benchmark library share is reported as a cliché.
THEME_GENERIC_MIN_BRANDS = env_int("PARTYBRAND_THEME_GENERIC_MIN_BRANDS", 3, minimum=2)
# The 党建工作部's own forbidden/caution word lists (themes/forbidden.py): *.txt files in the
# format of themes/data/forbidden/, read beside the shipped ones.
FORBIDDEN_WORDS_DIR = env_str(
    "PARTYBRAND_FORBIDDEN_WORDS_DIR", str(DATA_DIR / "lexicons" / "forbidden")
)
# How long a password reset link stays valid (it also ends when used or after a sign-in).
PASSWORD_RESET_TIMEOUT = env_int("PARTYBRAND_RESET_LINK_HOURS", 24, minimum=1) * 3600
# Local passwords (counted by core.throttle); the directory and single sign-on are added below
# when configured.
AUTHENTICATION_BACKENDS = ["partybrand.sso.backends.PasswordBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (core/throttle.py): this many failures on one user name within the window lock
# the name; many more from one address lock the address for names not known to sign in there.
LOGIN_FAILURE_LIMIT = env_int("PARTYBRAND_LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_FAILURE_WINDOW = env_int("PARTYBRAND_LOGIN_FAILURE_WINDOW", 900, minimum=60)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("PARTYBRAND_LOGIN_ADDRESS_FAILURE_LIMIT", 30, minimum=1)
LOGIN_KNOWN_ADDRESS_DAYS = env_int("PARTYBRAND_LOGIN_KNOWN_ADDRESS_DAYS", 30, minimum=1)

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = env_str("PARTYBRAND_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("PARTYBRAND_MEDIA_ROOT", str(DATA_DIR / "media")))
MEDIA_URL = "/media-not-served/"  # files are served only through access-checked views
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "partybrand.core.staticstorage.StaticStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

# Anonymous survey submissions per survey and network address, whatever the device cookie, in
# each clock minute and hour: generous, because a whole office behind one address may answer at
# once after a meeting (larger groups get one-time codes, which these limits do not count).
PUBLIC_SUBMISSIONS_PER_MINUTE = env_int("PARTYBRAND_PUBLIC_SUBMISSIONS_PER_MINUTE", 30, minimum=1)
PUBLIC_SUBMISSIONS_PER_HOUR = env_int("PARTYBRAND_PUBLIC_SUBMISSIONS_PER_HOUR", 300, minimum=1)
# Wrong or used one-time codes per survey and address in a clock hour before further tries wait.
PUBLIC_CODE_FAILURES_PER_HOUR = env_int("PARTYBRAND_PUBLIC_CODE_FAILURES_PER_HOUR", 20, minimum=1)

# The brand showcase (/showcase/): signed-in users always see it; true opens it to visitors
# without an account (the company intranet), each address limited to so many pages a minute.
SHOWCASE_PUBLIC = env_bool("PARTYBRAND_SHOWCASE_PUBLIC", False)
SHOWCASE_VIEWS_PER_MINUTE = env_int("PARTYBRAND_SHOWCASE_VIEWS_PER_MINUTE", 60, minimum=1)

# The AI assistant (assistant/): the offline engine by default; "openai" is any service with the
# OpenAI chat-completions API (hosted or on the intranet). No member's personal data is ever sent.
AI_PROVIDER = env_str("PARTYBRAND_AI_PROVIDER", "offline").strip().lower()
if AI_PROVIDER not in ("offline", "openai"):
    raise ImproperlyConfigured(
        f"PARTYBRAND_AI_PROVIDER must be offline or openai, got {AI_PROVIDER!r}."
    )
AI_BASE_URL = env_str("PARTYBRAND_AI_BASE_URL", "")
AI_MODEL = env_str("PARTYBRAND_AI_MODEL", "")
if AI_PROVIDER == "openai" and not AI_MODEL:
    raise ImproperlyConfigured(
        "PARTYBRAND_AI_MODEL is required when PARTYBRAND_AI_PROVIDER=openai."
    )
AI_API_KEY = env_str("PARTYBRAND_AI_API_KEY", "")
AI_TIMEOUT = env_int("PARTYBRAND_AI_TIMEOUT", 30, minimum=1)
AI_MAX_RETRIES = env_int("PARTYBRAND_AI_MAX_RETRIES", 2, minimum=0)

# The daily digest is e-mailed only when an SMTP server is configured; notices stay in the app.
EMAIL_HOST = env_str("PARTYBRAND_EMAIL_HOST", "")
EMAIL_PORT = env_int("PARTYBRAND_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("PARTYBRAND_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("PARTYBRAND_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("PARTYBRAND_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("PARTYBRAND_EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("PARTYBRAND_EMAIL_TIMEOUT", 20, minimum=1)
DEFAULT_FROM_EMAIL = env_str("PARTYBRAND_EMAIL_FROM", "党建品牌平台 <noreply@localhost>")
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "PARTYBRAND_EMAIL_USE_TLS and PARTYBRAND_EMAIL_USE_SSL exclude each other."
    )

# The task queue (Celery, partybrand/celery.py): background jobs (jobs/) and the daily jobs.
# The embedded default needs no other service: a queue in a SQLite file beside the database
# (kombu's SQLAlchemy transport); production names Redis (redis://…) or RabbitMQ (amqp://…).
BROKER_URL = env_str("PARTYBRAND_BROKER_URL", f"sqla+sqlite:///{DATA_DIR / 'queue.sqlite3'}")
CELERY_BROKER_URL = BROKER_URL
# Processes sharing one Redis or RabbitMQ take work only from their own queue (tests use one
# per run).
CELERY_TASK_DEFAULT_QUEUE = env_str("PARTYBRAND_QUEUE_NAME", "partybrand")
CELERY_TASK_ALWAYS_EAGER = env_bool("PARTYBRAND_TASKS_EAGER", False)  # in the request: tests
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True  # the Job rows hold what happened
CELERY_TASK_ACKS_LATE = True  # a worker that dies mid-task leaves it to another
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # long imports: one at a time per process
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
if BROKER_URL.startswith(("redis://", "rediss://")):
    # Redis hands a task unacknowledged this long to another worker: longer than any import.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 6 * 3600}
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
# Passing failures (the database or the broker away for a moment) are tried again after
# JOBS_RETRY_BASE_SECONDS, doubling each time up to JOBS_RETRY_MAX_SECONDS, at most
# JOBS_MAX_ATTEMPTS attempts in all.
JOBS_MAX_ATTEMPTS = env_int("PARTYBRAND_JOBS_MAX_ATTEMPTS", 5, minimum=1)
JOBS_RETRY_BASE_SECONDS = env_int("PARTYBRAND_JOBS_RETRY_BASE_SECONDS", 10, minimum=0)
JOBS_RETRY_MAX_SECONDS = env_int("PARTYBRAND_JOBS_RETRY_MAX_SECONDS", 600, minimum=0)
# The daily jobs (docs/OPERATIONS.md "Daily"), in Beijing time: "HH:MM" each.
DAILY_TIMES = {
    "rebuild_theme_index": env_str("PARTYBRAND_DAILY_THEME_INDEX", "03:30"),
    "plans_daily": env_str("PARTYBRAND_DAILY_PLANS", "06:10"),
    "supervision_daily": env_str("PARTYBRAND_DAILY_SUPERVISION", "06:20"),
    "send_digest": env_str("PARTYBRAND_DAILY_DIGEST", "06:30"),
    "forget_submissions": env_str("PARTYBRAND_DAILY_FORGET_SUBMISSIONS", "06:40"),
    "forget_sign_ins": env_str("PARTYBRAND_DAILY_FORGET_SIGN_INS", "06:45"),
    "clearsessions": env_str("PARTYBRAND_DAILY_CLEARSESSIONS", "06:50"),
    "health_recompute": env_str("PARTYBRAND_DAILY_HEALTH", "06:55"),
}
CELERY_BEAT_SCHEDULE = daily_schedule(DAILY_TIMES)
# The address the daily digest's e-mails link to.
SITE_URL = env_str("PARTYBRAND_SITE_URL", "")

# /readyz fails when the disk of the data or upload folder has less room than this.
READY_MIN_FREE_MB = env_int("PARTYBRAND_READY_MIN_FREE_MB", 256, minimum=0)

LOGO_MAX_BYTES = env_int("PARTYBRAND_LOGO_MAX_BYTES", 2 * 1024 * 1024, minimum=1024)
ATTACHMENT_MAX_BYTES = env_int("PARTYBRAND_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
IMPORT_MAX_BYTES = env_int("PARTYBRAND_IMPORT_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
# Data rows one .xlsx import may hold (a 100,000-row member file is about 5 MB), and the seconds
# reading it may take before it is refused (core/workbooks.py); imports run as background tasks.
IMPORT_MAX_ROWS = env_int("PARTYBRAND_IMPORT_MAX_ROWS", 100_000, minimum=10)
# Exports (the member roll, the organisations, the audit log) of more rows than this are made in
# the background (a job with progress and a result page); smaller ones are answered at once.
EXPORT_JOB_ROWS = env_int("PARTYBRAND_EXPORT_JOB_ROWS", 2000, minimum=0)
# A survey's answers are heavier rows (a column per question): 500 took 0.7 s, 2,000 took 6 s.
SURVEY_EXPORT_JOB_ROWS = env_int("PARTYBRAND_SURVEY_EXPORT_JOB_ROWS", 500, minimum=0)
# A round's results over more submitted score sheets than this are computed in the background (a
# job with progress, linking back to the ranking); a smaller round's at once.
ROUND_RESULTS_JOB_SHEETS = env_int("PARTYBRAND_ROUND_RESULTS_JOB_SHEETS", 2000, minimum=0)
IMPORT_READ_SECONDS = env_int("PARTYBRAND_IMPORT_READ_SECONDS", 300, minimum=1)
# The largest request body read at all (core.middleware.RequestSizeLimitMiddleware): a post may
# carry several attachments (evidence is chosen several at a time), plus the form around them.
_LARGEST_UPLOAD = max(LOGO_MAX_BYTES, ATTACHMENT_MAX_BYTES, IMPORT_MAX_BYTES)
REQUEST_MARGIN_BYTES = 1024 * 1024
MAX_REQUEST_BYTES = env_int(
    "PARTYBRAND_MAX_REQUEST_BYTES", 5 * _LARGEST_UPLOAD + REQUEST_MARGIN_BYTES, minimum=1024
)
if MAX_REQUEST_BYTES < _LARGEST_UPLOAD + REQUEST_MARGIN_BYTES:
    raise ImproperlyConfigured(
        "PARTYBRAND_MAX_REQUEST_BYTES must leave room for the largest upload "
        f"({_LARGEST_UPLOAD} bytes) plus {REQUEST_MARGIN_BYTES} bytes of form."
    )
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# API tokens (core/tokens.py) expire this many days after they are issued.
TOKEN_DAYS = env_int("PARTYBRAND_TOKEN_DAYS", 90, minimum=1)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "partybrand.core.rest.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "partybrand.core.rest.permissions.PasswordChosen",
    ],
    "DEFAULT_PAGINATION_CLASS": "partybrand.core.rest.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "partybrand.core.rest.base.Schema",
    "DEFAULT_PARSER_CLASSES": [
        "partybrand.core.rest.parsers.JsonObjectParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "partybrand.core.rest.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "党建品牌创建管理平台 API",
    "DESCRIPTION": (
        "组织与党员、品牌与生命周期、定位、主题、指标体系与测评、"
        "计划与任务、督办与复盘、消息的 REST 接口。"
        "令牌：POST /api/v1/auth/token/ 以用户名和密码换取（或在“API 令牌”页面创建），"
        "之后在请求头中携带 `Authorization: Token <令牌>`。令牌只在签发时显示一次，"
        f"{TOKEN_DAYS} 天后到期；撤销、修改密码或账户停用后立即失效。"
        "本人的令牌可在 /api/v1/auth/tokens/ 查看和撤销。"
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Intranets have no CDN: the UI assets are served from our own static files.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Swagger UI would otherwise send the schema address to validator.swagger.io for a badge.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # Several models share field names (kind, level, status) with different choice sets.
    "ENUM_NAME_OVERRIDES": {
        "OrgKindEnum": "partybrand.orgs.choices.OrgKind",
        "MemberStatusEnum": "partybrand.orgs.choices.MemberStatus",
        "BrandStatusEnum": "partybrand.brands.choices.BrandStatus",
        "BrandLevelEnum": "partybrand.brands.choices.BrandLevel",
        "HonourLevelEnum": "partybrand.brands.choices.HonourLevel",
        "AttachmentKindEnum": "partybrand.brands.choices.AttachmentKind",
        "WorkshopStageEnum": "partybrand.themes.choices.WorkshopStage",
        "CandidateSourceEnum": "partybrand.themes.choices.CandidateSource",
        "SystemKindEnum": "partybrand.indicators.choices.SystemKind",
        "SystemStatusEnum": "partybrand.indicators.choices.SystemStatus",
        "AssessmentStatusEnum": "partybrand.assessments.choices.AssessmentStatus",
        "AssignmentStatusEnum": "partybrand.assessments.choices.AssignmentStatus",
        "PlanKindEnum": "partybrand.plans.choices.PlanKind",
        "PlanStatusEnum": "partybrand.plans.choices.PlanStatus",
        "PhaseStatusEnum": "partybrand.plans.choices.PhaseStatus",
        "TaskStatusEnum": "partybrand.plans.choices.TaskStatus",
        "TicketStatusEnum": "partybrand.supervision.choices.TicketStatus",
        "RectificationStatusEnum": "partybrand.supervision.choices.ItemStatus",
        "CarrierKindEnum": "partybrand.promotion.choices.CarrierKind",
        "CarrierStateEnum": "partybrand.promotion.choices.CarrierState",
        "CaseStateEnum": "partybrand.cases.choices.CaseState",
        "AdoptionLevelEnum": "partybrand.cases.choices.AdoptionLevel",
        "KnowledgeDocumentStateEnum": "partybrand.knowledge.choices.DocumentState",
        "KnowledgeAnswerStateEnum": "partybrand.knowledge.choices.AnswerState",
        "KnowledgeEngineEnum": "partybrand.knowledge.choices.Engine",
        "KnowledgeRatingEnum": "partybrand.knowledge.choices.Rating",
        "RecognitionDecisionEnum": "partybrand.promotion.choices.RecognitionDecision",
        "RoundKindEnum": "partybrand.rounds.choices.RoundKind",
        "RoundStatusEnum": "partybrand.rounds.choices.RoundStatus",
        "ReviewDecisionEnum": "partybrand.rounds.choices.ReviewDecision",
        "BrandTierEnum": "partybrand.brands.choices.BrandTier",
        "PublicityLevelEnum": "partybrand.promotion.choices.PublicityLevel",
        "LaunchStateEnum": "partybrand.promotion.choices.LaunchState",
        "PublicityDirectionEnum": "partybrand.promotion.choices.PublicityDirection",
    },
}

# Enterprise identity (sso/, docs/CONFIGURATION.md): each option is off until configured.
# LDAP / Active Directory: a person signs in with the directory's user name and password.
AUTH_LDAP_SERVER_URI = env_str("PARTYBRAND_LDAP_SERVER_URI", "")
LDAP_ENABLED = bool(AUTH_LDAP_SERVER_URI)
AUTH_LDAP_BIND_DN = env_str("PARTYBRAND_LDAP_BIND_DN", "")
AUTH_LDAP_BIND_PASSWORD = env_str("PARTYBRAND_LDAP_BIND_PASSWORD", "")
AUTH_LDAP_START_TLS = env_bool("PARTYBRAND_LDAP_START_TLS", False)
LDAP_USER_BASE = env_str("PARTYBRAND_LDAP_USER_BASE", "")
LDAP_USER_FILTER = env_str("PARTYBRAND_LDAP_USER_FILTER", "(uid=%(user)s)")
LDAP_CA_FILE = env_str("PARTYBRAND_LDAP_CA_FILE", "")
LDAP_TIMEOUT = env_int("PARTYBRAND_LDAP_TIMEOUT", 5, minimum=1)
LDAP_ATTRIBUTES = {
    "name": env_str("PARTYBRAND_LDAP_ATTR_NAME", "cn"),
    "email": env_str("PARTYBRAND_LDAP_ATTR_MAIL", "mail"),
    "id_number": env_str("PARTYBRAND_LDAP_ATTR_ID_NUMBER", ""),
    "staff_number": env_str("PARTYBRAND_LDAP_ATTR_STAFF_NUMBER", "employeeNumber"),
}
if LDAP_ENABLED:
    if not LDAP_USER_BASE:
        raise ImproperlyConfigured(
            "PARTYBRAND_LDAP_USER_BASE is required when PARTYBRAND_LDAP_SERVER_URI is set."
        )
    if not (LDAP_ATTRIBUTES["id_number"] or LDAP_ATTRIBUTES["staff_number"]):
        raise ImproperlyConfigured(
            "PARTYBRAND_LDAP_ATTR_ID_NUMBER or PARTYBRAND_LDAP_ATTR_STAFF_NUMBER must name an "
            "attribute: the directory's people are matched to members by one of them."
        )
    AUTHENTICATION_BACKENDS.append("partybrand.sso.backends.DirectoryBackend")

# OpenID Connect single sign-on (authorization code flow with PKCE, state and nonce checked).
OIDC_ISSUER = env_str("PARTYBRAND_OIDC_ISSUER", "").rstrip("/")
OIDC_RP_CLIENT_ID = env_str("PARTYBRAND_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("PARTYBRAND_OIDC_CLIENT_SECRET", "")
OIDC_ENABLED = bool(OIDC_ISSUER and OIDC_RP_CLIENT_ID)
# Endpoints: read from the issuer's /.well-known/openid-configuration unless given.
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("PARTYBRAND_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("PARTYBRAND_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("PARTYBRAND_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("PARTYBRAND_OIDC_JWKS_ENDPOINT", "")
OIDC_OP_END_SESSION_ENDPOINT = env_str("PARTYBRAND_OIDC_END_SESSION_ENDPOINT", "")
OIDC_RP_SCOPES = env_str("PARTYBRAND_OIDC_SCOPES", "openid profile email")
OIDC_RP_SIGN_ALGO = env_str("PARTYBRAND_OIDC_SIGN_ALGO", "RS256")
OIDC_CLAIMS = {
    "username": env_str("PARTYBRAND_OIDC_CLAIM_USERNAME", "preferred_username"),
    "name": env_str("PARTYBRAND_OIDC_CLAIM_NAME", "name"),
    "email": "email",
    "id_number": env_str("PARTYBRAND_OIDC_CLAIM_ID_NUMBER", "id_number"),
    "staff_number": env_str("PARTYBRAND_OIDC_CLAIM_STAFF_NUMBER", "employee_number"),
}
OIDC_BUTTON_LABEL = env_str("PARTYBRAND_OIDC_BUTTON_LABEL", "统一身份认证登录")
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_TOKEN_USE_BASIC_AUTH = env_bool("PARTYBRAND_OIDC_TOKEN_BASIC_AUTH", True)
OIDC_STORE_ID_TOKEN = True  # the hint for the provider's sign-out
OIDC_TIMEOUT = env_int("PARTYBRAND_OIDC_TIMEOUT", 10, minimum=1)
OIDC_VERIFY_SSL = env_bool("PARTYBRAND_OIDC_VERIFY_SSL", True)
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = "login"
if OIDC_ENABLED:
    if not OIDC_RP_CLIENT_SECRET:
        raise ImproperlyConfigured(
            "PARTYBRAND_OIDC_CLIENT_SECRET is required when PARTYBRAND_OIDC_ISSUER is set."
        )
    AUTHENTICATION_BACKENDS.append("partybrand.sso.oidc.SingleSignOnBackend")

# A member of the rolls whose account was made in the platform before the directory was turned
# on is refused by the directory unless this links that account (its password then stops working).
SSO_ADOPT_LOCAL_ACCOUNTS = env_bool("PARTYBRAND_SSO_ADOPT_LOCAL_ACCOUNTS", False)

# The second factor (TOTP, django-otp): the roles (orgs/choices.py Role values, or "superuser")
# whose holders must enter a 6-digit code after the password; anyone else may choose to.
TOTP_ROLES = env_list("PARTYBRAND_TOTP_ROLES", [])
OTP_TOTP_ISSUER = env_str("PARTYBRAND_TOTP_ISSUER", "党建品牌平台")
OTP_TOTP_THROTTLE_FACTOR = 1  # after n failures in a row, wait 2^(n-1) seconds
# Signing in through the single sign-on provider, which may enforce its own second factor.
TOTP_TRUST_OIDC = env_bool("PARTYBRAND_TOTP_TRUST_OIDC", False)

# One JSON object per line for a log collector; plain text for the demo's terminal.
LOG_FORMAT = log_format()
LOGGING = logging_config(LOG_FORMAT, env_str("PARTYBRAND_LOG_LEVEL", "INFO"))

# Who may read /metrics (addresses or networks, as core/addresses.py sees the client); anyone
# else is told the page does not exist.
METRICS_ALLOWED = env_networks("PARTYBRAND_METRICS_ALLOWED", ["127.0.0.1", "::1"])
