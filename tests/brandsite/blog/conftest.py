"""Blog test data: a blog under the home page, images written to a temporary media folder."""

import pytest
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from tests.factories import create_blog_index


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
def blog(db):
    return create_blog_index(title="Our blog", slug="blog", intro="News from the lab.")


@pytest.fixture
def make_image(db):
    """Create a saved Wagtail image; each call a new one."""

    def make(title="A photo", colour="white"):
        return get_image_model().objects.create(
            title=title, file=get_test_image_file(colour=colour, size=(320, 240))
        )

    return make
