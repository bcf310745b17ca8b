"""Snippet screens whose chooser offers no "create" form answer 404 at its create URL.

Wagtail registers a chooser's create URL even when the chooser has no creation form (the case of
every SnippetViewSet that does not ask for one), and a POST to it fails with a server error.
"""

from django.http import Http404
from wagtail.snippets.views.chooser import SnippetChooserViewSet, SnippetCreateView
from wagtail.snippets.views.snippets import SnippetViewSet


class CreationlessSnippetCreateView(SnippetCreateView):
    """Not found when the chooser has no creation form; Wagtail's view otherwise."""

    def dispatch(self, request, *args, **kwargs):
        if self.get_creation_form_class() is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class CreationlessSnippetChooserViewSet(SnippetChooserViewSet):
    """Wagtail's snippet chooser, whose create URL is not found when it has no creation form."""

    create_view_class = CreationlessSnippetCreateView


class SafeChooserSnippetViewSet(SnippetViewSet):
    """Wagtail's SnippetViewSet with that chooser: use it for every snippet of the project."""

    chooser_viewset_class = CreationlessSnippetChooserViewSet
