"""The head of every page: metadata for search engines and social networks, and JSON-LD."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from brandsite.seo.metadata import build_metadata
from brandsite.seo.structured_data import build_structured_data

register = template.Library()

# As Django's json_script: user text inside the JSON can never close the script element.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data):
    """`data` as JSON safe to put between <script> tags."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(JSON_SCRIPT_ESCAPES))  # noqa: S308 - escaped above


@register.simple_tag(takes_context=True)
def page_metadata(context):
    """`{% page_metadata as seo %}`: title, description, canonical URL… of the current page."""
    return build_metadata(context)


@register.inclusion_tag("seo/meta_tags.html")
def seo_meta_tags(seo):
    """Canonical link, language alternates, Open Graph and Twitter card tags."""
    return {"seo": seo}


@register.simple_tag(takes_context=True)
def structured_data(context, seo):
    """One `<script type="application/ld+json">` per schema.org object of the current page."""
    items = build_structured_data(context, seo)
    return format_html_join(
        "\n", '<script type="application/ld+json">{}</script>', ((json_ld(item),) for item in items)
    )
