"""Crawler-facing URLs, outside the language prefix: one sitemap and one robots.txt per site."""

from django.urls import path

from .robots import robots_txt
from .sitemaps import sitemap

urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]
