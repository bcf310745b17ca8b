"""Form widgets of the forum bridge."""

from machina.forms.widgets import MarkdownTextareaWidget


class MarkdownEditorWidget(MarkdownTextareaWidget):
    """machina's markdown textarea, started by our script so EasyMDE loads nothing from a CDN."""

    class Media:
        extend = False
        css = {"all": ("machina/build/css/vendor/easymde.min.css",)}
        js = ("machina/build/js/vendor/easymde.min.js", "forum/editor.js")
