"""Editors see what visitors search for and promote results; other roles do not."""

import pytest
from wagtail.contrib.search_promotions.models import Query

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/site-search-terms/"


def test_editors_read_the_search_terms_and_keep_promotions(client_as, editor, client):
    client.get("/search/", {"q": "Fig leaf"})
    Query.get("vetiver").add_hit()
    editor_client = client_as(editor)

    report = editor_client.get(REPORT)
    assert report.status_code == 200
    html = report.content.decode()
    assert "fig leaf" in html
    assert "vetiver" in html
    assert editor_client.get(REPORT + "?export=csv").status_code == 200
    assert editor_client.get("/admin/searchpicks/").status_code == 200
    assert editor_client.get("/admin/searchpicks/add/").status_code == 200
    home = editor_client.get("/admin/").content.decode()
    assert REPORT in home
    assert "/admin/reports/search-terms/" not in home


@pytest.mark.parametrize("role", ["moderator", "consumer"])
def test_other_roles_do_not(client_as, role, request):
    user = request.getfixturevalue(role)
    response = client_as(user).get(REPORT)

    assert response.status_code in (302, 403)
    assert client_as(user).get("/admin/searchpicks/").status_code in (302, 403)
