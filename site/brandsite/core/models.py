from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images import get_image_model_string


def validate_profile_urls(value):
    """One absolute http(s) URL per line; blank lines are ignored."""
    check = URLValidator(schemes=["http", "https"])
    for number, line in enumerate(value.splitlines(), start=1):
        if line.strip():
            try:
                check(line.strip())
            except ValidationError:
                raise ValidationError(
                    _("Line %(number)d is not a web address: %(line)s"),
                    params={"number": number, "line": line.strip()},
                    code="invalid",
                ) from None


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
    default_share_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("default share image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when a page without an image of its own is shared on social networks; "
            "cropped to 1200×630. Its description is its alt text."
        ),
    )
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("organisation logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Given to search engines as the brand's logo."),
    )
    same_as = models.TextField(
        _("profiles elsewhere"),
        blank=True,
        validators=[validate_profile_urls],
        help_text=_(
            "The brand's official profiles (social networks, Wikipedia…), one address per line."
        ),
    )
    twitter_handle = models.CharField(
        _("X (Twitter) account"),
        max_length=16,
        blank=True,
        validators=[
            RegexValidator(r"^@?[A-Za-z0-9_]{1,15}$", _("Enter an account name such as @brand."))
        ],
    )

    # Every page reads the images: fetched with the settings, not one query each.
    select_related = ["default_share_image", "logo"]

    panels = [
        FieldPanel("brand_name"),
        FieldPanel("tagline"),
        MultiFieldPanel(
            [
                FieldPanel("default_meta_description"),
                FieldPanel("default_share_image"),
                FieldPanel("logo"),
                FieldPanel("same_as"),
                FieldPanel("twitter_handle"),
            ],
            heading=_("Search engines and social networks"),
        ),
    ]

    class Meta:
        verbose_name = _("brand settings")

    @property
    def same_as_urls(self):
        """The brand's profile addresses, in the order given."""
        return [line.strip() for line in self.same_as.splitlines() if line.strip()]

    @property
    def twitter_site(self):
        """The X account as `@name`, or ""."""
        handle = self.twitter_handle.strip().lstrip("@")
        return f"@{handle}" if handle else ""
