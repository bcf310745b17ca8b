"""Blog test data: a blog under the home page, images written to a temporary media folder."""

import pytest

from tests.factories import create_blog_index


@pytest.fixture
def blog(db):
    return create_blog_index(title="Our blog", slug="blog", intro="News from the lab.")
