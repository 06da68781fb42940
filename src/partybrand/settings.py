"""Settings, read from environment variables (see docs/CONFIGURATION.md)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from partybrand.core.config import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("PARTYBRAND_DATA_DIR", str(BASE_DIR.parent.parent / "var")))
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
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("PARTYBRAND_BEHIND_PROXY", False) else None
)
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
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "partybrand.core",
    "partybrand.orgs",
    "partybrand.brands",
    "partybrand.surveys",
    "partybrand.benchmarks",
    "partybrand.positioning",
    "partybrand.assistant",
    "partybrand.themes",
    "partybrand.indicators",
    "partybrand.assessments",
    "partybrand.plans",
    "partybrand.supervision",
    "partybrand.notices",
    "partybrand.workbench",
    "partybrand.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "partybrand.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
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
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["partybrand.core.throttle.ThrottledModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: this many failures per username or per address within the window lock it.
LOGIN_FAILURE_LIMIT = env_int("PARTYBRAND_LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_FAILURE_WINDOW = env_int("PARTYBRAND_LOGIN_FAILURE_WINDOW", 900, minimum=60)

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
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

# Anonymous survey submissions per survey and network address per minute: generous, because a
# whole office behind one address may answer at once after a meeting.
PUBLIC_SUBMISSIONS_PER_MINUTE = env_int("PARTYBRAND_PUBLIC_SUBMISSIONS_PER_MINUTE", 120, minimum=1)

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

LOGO_MAX_BYTES = env_int("PARTYBRAND_LOGO_MAX_BYTES", 2 * 1024 * 1024, minimum=1024)
ATTACHMENT_MAX_BYTES = env_int("PARTYBRAND_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
IMPORT_MAX_BYTES = env_int("PARTYBRAND_IMPORT_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
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
        "令牌：POST /api/v1/auth/token/。"
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
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("PARTYBRAND_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
