"""Template filters that name people as they chose to be credited."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from .. import credits

register = template.Library()


@register.filter
def credited_name(user):
    """`{{ user|credited_name }}`: display name, pseudonym or "Anonymous contributor"."""
    return credits.credited_name(user)


@register.filter
def poster_name(post):
    """`{{ post|poster_name }}`: the post's author as credited, or "A former member"."""
    return credits.poster_name(post)


@register.filter
def public_name(user):
    """`{{ user|public_name }}`: the name `user` chose to be shown under, or ""."""
    return credits.public_name(user) or ""


@register.filter
def profile_url(user):
    """The public profile of `user`, or "" when their credit choice forbids linking to it."""
    if not credits.has_public_profile_link(user):
        return ""
    return reverse("community:profile", args=[user.pk])


@register.filter
def credited_link(user):
    """`{{ user|credited_link }}`: the credited name, linked to the profile where allowed."""
    url = profile_url(user)
    if url:
        return format_html('<a href="{}">{}</a>', url, credits.credited_name(user))
    return credits.credited_name(user)
