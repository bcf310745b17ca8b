"""Template tags of the blog: links to a blog's routes from anywhere a post is shown."""

from django import template

from brandsite.blog.models import blog_route_url

register = template.Library()


@register.simple_tag(takes_context=True)
def blog_tag_url(context, post, tag):
    """The archive of `tag` in the blog of `post`, without a query (see get_blog_index_url)."""
    index_url = post.get_blog_index_url(request=context.get("request"))
    if index_url is None:
        return ""
    return blog_route_url(index_url, "tag", tag.slug)
