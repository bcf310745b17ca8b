"""sitemap.xml: Wagtail's page sitemap, plus the forum threads that pass the quality gate.

Every address is listed in each language of LANGUAGES (English at the root, French under /fr/),
with the others as `xhtml:link` alternates, through Django's own i18n support for sitemaps:
https://docs.djangoproject.com/en/5.2/ref/contrib/sitemaps/#django.contrib.sitemaps.Sitemap.i18n
"""

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap_view

from community.models import ContributorProfile
from community.notifications import topic_path

from .indexing import indexable_topics


class LocalizedSitemap(WagtailSitemap):
    """A section whose locations are paths in the active language, listed once per language."""

    i18n = True
    alternates = True
    x_default = True

    # Wagtail replaces Django's `_urls` with one that knows no languages; Django's is wanted here.
    _urls = DjangoSitemap._urls


class PageSitemap(LocalizedSitemap):
    """Wagtail's live, public pages of the requested site, with their last publication date."""

    def location(self, page):
        return page.get_url_parts(self.request)[2]


class TopicSitemap(LocalizedSitemap):
    """Forum threads that pass the quality gate, with the date of their latest approved post."""

    def items(self):
        return indexable_topics(self.request).select_related("forum").order_by("pk")

    def location(self, topic):
        return topic_path(topic)

    def lastmod(self, topic):
        return topic.last_post_on or topic.updated


class ProfileSitemap(LocalizedSitemap):
    """The public profiles of the contributors who asked to be listed by search engines."""

    def items(self):
        return ContributorProfile.objects.filter(
            listed_by_search_engines=True, user__is_active=True
        ).order_by("pk")

    def location(self, profile):
        return reverse("community:profile", args=[profile.user_id])

    def lastmod(self, profile):
        return None


SITEMAPS = {"pages": PageSitemap, "threads": TopicSitemap, "people": ProfileSitemap}


def sitemap(request):
    """The sitemap of the requested site, in one file (far from the 50,000 addresses limit)."""
    return wagtail_sitemap_view(request, sitemaps=SITEMAPS)
