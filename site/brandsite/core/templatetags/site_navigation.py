"""Template tags for the site header: current-page markers and the language switcher."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info

from brandsite.core.site_furniture import site_sections

register = template.Library()


@register.simple_tag(takes_context=True)
def aria_current(context, url):
    """`aria-current="page"` on a link to this page, `aria-current="true"` on its section's link.

    The home page's URL is a prefix of every path, so it is only ever marked as the page itself.
    """
    request = context.get("request")
    if request is None or not url:
        return ""
    if request.path == url:
        return format_html(' aria-current="{}"', "page")
    if request.path.startswith(url) and url != reverse("wagtail_serve", args=[""]):
        return format_html(' aria-current="{}"', "true")
    return ""


@register.simple_tag(takes_context=True)
def language_links(context):
    """This page in every language of LANGUAGES, as plain links: switching sets no cookie.

    Each name is in its own language ("Français" even on English pages), as a reader looking for
    their language expects.
    """
    request = context.get("request")
    path = request.get_full_path() if request is not None else "/"
    current = get_language()
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"].capitalize(),
            "url": translate_url(path, code),
            "is_current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def section_pages(context):
    """The site's campaign and blog indexes for the main navigation: titles and URLs."""
    request = context.get("request")
    return site_sections(request) if request is not None else []
