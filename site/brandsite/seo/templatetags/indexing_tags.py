"""`{% topic_robots_meta topic %}`: "noindex" for threads below the quality gate."""

from django import template
from django.utils.html import format_html

from ..indexing import is_topic_indexable

register = template.Library()


@register.simple_tag(takes_context=True)
def topic_robots_meta(context, topic):
    """A noindex robots meta tag unless `topic` passes the gate of brandsite.seo.indexing."""
    if is_topic_indexable(topic, context.get("request")):
        return ""
    return format_html('<meta name="robots" content="{}">', "noindex")
