"""Site page tests: images in a temporary media folder, each test in the default language."""

import pytest
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded images and their renditions go to a folder deleted after the test."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _default_language():
    """Page URLs follow the active language, which a request to /fr/ leaves behind."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def make_image(db):
    """Create a saved Wagtail image; each call a new one."""

    def make(title="A photo", size=(1600, 900), colour="white", **attrs):
        return get_image_model().objects.create(
            title=title, file=get_test_image_file(colour=colour, size=size), **attrs
        )

    return make
