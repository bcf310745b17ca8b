from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class BrandSettings(BaseSiteSetting):
    """The brand's identity as shown in the header, footer and search-engine defaults."""

    brand_name = models.CharField(_("brand name"), max_length=100, default="Cocreate")
    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    default_meta_description = models.CharField(
        _("default meta description"),
        max_length=300,
        blank=True,
        help_text=_("Used by pages that have no search description of their own."),
    )

    class Meta:
        verbose_name = _("brand settings")
