"""Uploaded files under MEDIA_URL, served with the headers that keep them inert in a browser.

Only the folders of files meant for everyone are served here: avatars and Wagtail images (its
originals and renditions). Forum attachments and Wagtail documents are served by their own
views, which check who may read them (machina's forum permissions, Wagtail's collection
privacy); this view answers 404 for them and for anything else.
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.views import static
from django.views.decorators.http import require_safe
from machina.conf import settings as machina_settings

from community.uploads import protect_served_file

PUBLIC_MEDIA_FOLDERS = (
    machina_settings.PROFILE_AVATAR_UPLOAD_TO,
    "original_images",
    "images",
)


@require_safe
def serve_media(request, path):
    """Serve a public uploaded file: images inline, anything else as a download, `nosniff`."""
    # Normalised as django.views.static.serve does, so `images/../x` is judged as `x`.
    path = posixpath.normpath(path).lstrip("/")
    if not path.startswith(tuple(f"{folder}/" for folder in PUBLIC_MEDIA_FOLDERS)):
        raise Http404
    response = static.serve(request, path, document_root=settings.MEDIA_ROOT)
    return protect_served_file(response, posixpath.basename(path))
