"""Template tags showing each post's "Report" button on machina's topic page."""

from django import template

from community.models import PostReport

register = template.Library()


@register.simple_tag(takes_context=True)
def reported_post_ids(context, posts):
    """The ids of `posts` the visitor has reported, in one query (none for anonymous visitors)."""
    user = context["request"].user
    if not user.is_authenticated:
        return frozenset()
    ids = [post.pk for post in posts]
    if not ids:
        return frozenset()
    reports = PostReport.objects.filter(reporter=user, post_id__in=ids)
    return frozenset(reports.values_list("post_id", flat=True))


@register.inclusion_tag("includes/report_button.html", takes_context=True)
def post_report_button(context, post, reported_ids):
    """ "Report" for a signed-in visitor's view of someone else's post, "Reported" once done."""
    user = context["request"].user
    return {
        "post": post,
        "can_report": user.is_authenticated and post.poster_id != user.pk,
        "reported": post.pk in reported_ids,
    }
