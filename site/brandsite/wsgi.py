"""WSGI entry point: `gunicorn --pythonpath site brandsite.wsgi`."""

import os
import sys
from pathlib import Path

# site/ is a source root, not a package: the standard library already owns the name `site`.
SITE_DIR = str(Path(__file__).resolve().parents[1])
if SITE_DIR not in sys.path:
    sys.path.insert(0, SITE_DIR)

from django.core.wsgi import get_wsgi_application  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brandsite.settings.production")
application = get_wsgi_application()
