"""Crawler-facing URLs, outside the language prefix: one sitemap and one robots.txt per site."""

urlpatterns = []
