"""Settings shared by every deployment; anything that differs comes from the environment."""

from pathlib import Path

import environ
import machina
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parents[3]
SITE_DIR = PROJECT_DIR / "site"

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default=None)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "brandsite.home",
    "brandsite.core",
    "brandsite.blog",
    "brandsite.seo",
    "brandsite.sitesearch",
    "community",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
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
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # The sitemap.xml template of wagtail.contrib.sitemaps' view.
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "django_tasks",
    "django_tasks_db",
    "csp",
    # django-machina and what it needs.
    "mptt",
    "haystack",
    "widget_tweaks",
    "machina",
    "machina.apps.forum",
    "machina.apps.forum_conversation",
    "machina.apps.forum_conversation.forum_attachments",
    "machina.apps.forum_conversation.forum_polls",
    "machina.apps.forum_feeds",
    "machina.apps.forum_moderation",
    "machina.apps.forum_search",
    "machina.apps.forum_tracking",
    "machina.apps.forum_member",
    "machina.apps.forum_permission",
    # After machina's apps: machina's class loader must find its own `forum` app first.
    "forum.apps.ForumIntegrationConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "brandsite.core.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before sessions: a visitor's cached page costs no session or database work.
    "brandsite.core.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After CommonMiddleware has refused unknown hosts: the request's Wagtail site from the
    # cache (its settings: the context processor below).
    "brandsite.core.site_furniture.SiteFurnitureMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Wagtail's RedirectMiddleware, plus old addresses below renamed pages and under /fr/.
    "brandsite.core.redirects.PageRedirectMiddleware",
    "forum.middleware.SessionlessForumPermissionMiddleware",
    "brandsite.seo.middleware.NoindexPrivatePathsMiddleware",
]

ROOT_URLCONF = "brandsite.urls"
WSGI_APPLICATION = "brandsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates", machina.MACHINA_MAIN_TEMPLATE_DIR],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                # Wagtail's, with the settings and section links kept across requests.
                "brandsite.core.site_furniture.settings",
                "machina.core.context_processors.metadata",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{PROJECT_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several workers share the file: in WAL mode readers go on while one writes (a topic view
    # writes its counter), and IMMEDIATE takes the write lock when a transaction begins, so a
    # writer waits its turn instead of failing half-way with "database is locked". NORMAL
    # syncs at checkpoints: an application crash loses nothing, a power cut the last commits.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )
# machina's apps set no default_auto_field, and BigAutoField would need migrations inside machina.
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        # Django's Redis backend, without a new redis-py client per call.
        "default": {
            "BACKEND": "brandsite.core.redis_cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Visitors' pages are served from the cache for this long; idea vote counts may lag by as much.
ANONYMOUS_PAGE_CACHE_SECONDS = env.int("ANONYMOUS_PAGE_CACHE_SECONDS", default=10)
# Without Redis each worker caches in its own memory and misses the others' changes: what a
# change forgets at once with Redis (forum permissions, rendered lists) lags by up to this long.
PROCESS_CACHE_MAX_SECONDS = 10
# machina keeps uploaded attachments between form previews in this cache.
CACHES["machina_attachments"] = {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": str(PROJECT_DIR / "var" / "machina_attachments"),
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Accounts (django-allauth): sign-in by e-mail; rate limits live in the (shared) default cache.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Sign-up asks for consent to the terms and the contribution licence, and for a credit choice.
ACCOUNT_FORMS = {"signup": "community.accounts.SignupForm"}
# Every password and account form of the site counts here, in the default cache (Redis with several
# processes): allauth's views, the Wagtail admin's sign-in (brandsite.core.forms) and private pages'
# and documents' passwords ("page_password", brandsite.core.views). allauth's notation:
# amount/period/per, per an address ("ip"), a signed-in "user" or a "key" (an e-mail address).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "manage_email": "10/m/user",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
    "page_password": "10/m/ip,100/h/key",
}
# Behind a proxy every request comes from its address: the proxies in front must be counted for
# per-address limits to see each visitor's own (allauth reads X-Forwarded-For that far back).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

# Wagtail admin sign-in goes through allauth's authentication, so it shares allauth's rate limits.
WAGTAILADMIN_USER_LOGIN_FORM = "brandsite.core.forms.RateLimitedAdminLoginForm"
# Passwords are allauth's: the admin's own reset and change forms, which no rate limit guards, are
# off; its sign-in page and account menu lead to allauth's.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = PROJECT_DIR / "staticfiles"
STATICFILES_DIRS = [PROJECT_DIR / "static", machina.MACHINA_MAIN_STATIC_DIR]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=str(PROJECT_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="Cocreate <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (notification e-mails, digests) wait in the database for `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

WAGTAIL_SITE_NAME = "Cocreate"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Images: raster formats only (SVG can carry scripts), checked by Wagtail against their content.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Decoding cost grows with pixels, not bytes (8000 × 5000, or frames of a GIF adding up).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Documents: office and text formats only, always downloaded through Wagtail's view, which
# checks collection privacy and sends `nosniff` and a blocking Content-Security-Policy.
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt", "csv", "odt", "ods", "odp", "docx", "xlsx", "pptx"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# Admin avatars without Gravatar: no third-party request carries a hash of staff e-mail addresses.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# django-machina
MACHINA_FORUM_NAME = "Cocreate forum"
MACHINA_BASE_TEMPLATE_NAME = "base.html"
MACHINA_MARKUP_LANGUAGE = ("forum.markup.render_markdown", {})
MACHINA_MARKUP_WIDGET = "forum.widgets.MarkdownEditorWidget"
# Posters are named by their credit choice, never by their (e-mail-derived) username; the
# forum bridge adds this method to the user model.
MACHINA_USER_DISPLAY_NAME_METHOD = "get_credited_name"
# Avatars: 1 MB at most; community.avatars also limits their formats and pixels.
MACHINA_PROFILE_AVATAR_MAX_UPLOAD_SIZE = 1024 * 1024
# Attachments (moderators and editors): kinds recognised by their content (community.uploads).
# Kept within FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB): machina restores a larger file kept over a
# preview as a temporary file without its data, and saving it then fails.
FORUM_ATTACHMENT_MAX_SIZE = 5 * 1024 * 1024 // 2
FORUM_ATTACHMENT_TYPES = ["png", "jpeg", "webp", "gif", "pdf"]
FORUM_ATTACHMENT_MAX_IMAGE_PIXELS = WAGTAILIMAGES_MAX_IMAGE_PIXELS
MACHINA_ATTACHMENT_MAX_FILES_PER_POST = 5
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}

# Public pages allow no inline script; the Wagtail admin still needs inline scripts and is excluded.
# No nonce: no public page needs one, and the anonymous page cache would give everyone the same.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page uses, denied to every page and frame (brandsite.core.headers).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
