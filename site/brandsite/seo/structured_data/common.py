"""What the JSON-LD of every page shares: the brand, people, breadcrumb trails, addresses."""

from django.urls import reverse

from community.credits import FORMER_MEMBER, has_public_profile_link, public_name

SCHEMA = "https://schema.org"


def iso_date(value):
    return value.isoformat() if value else None


def compact(data):
    """`data` without its empty values: schema.org readers take a missing property as unknown."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def absolute(request, path):
    return request.build_absolute_uri(path) if path else None


def home_url(request):
    return absolute(request, reverse("wagtail_serve", args=[""]))


def organization(brand, request):
    """The brand, as publisher of the site."""
    logo = None
    if brand.logo is not None:
        rendition = brand.logo.get_rendition("max-600x600")
        logo = compact(
            {
                "@type": "ImageObject",
                "url": absolute(request, rendition.url),
                "width": rendition.width,
                "height": rendition.height,
            }
        )
    return compact(
        {
            "@type": "Organization",
            "@id": f"{home_url(request)}#organization",
            "name": brand.brand_name,
            "url": home_url(request),
            "logo": logo,
            "sameAs": brand.same_as_urls,
        }
    )


def website(brand, request, meta):
    """The site, and how to search it (`sitesearch:search` takes `q`)."""
    search_url = absolute(request, reverse("sitesearch:search"))
    return compact(
        {
            "@type": "WebSite",
            "@id": f"{home_url(request)}#website",
            "name": brand.brand_name,
            "url": home_url(request),
            "description": meta.description,
            "inLanguage": meta.language,
            "publisher": {"@id": f"{home_url(request)}#organization"},
            "potentialAction": {
                "@type": "SearchAction",
                "target": {
                    "@type": "EntryPoint",
                    "urlTemplate": f"{search_url}?q={{search_term_string}}",
                },
                "query-input": "required name=search_term_string",
            },
        }
    )


def person(name, url=None):
    """A Person; without a name when they chose to stay anonymous."""
    return compact({"@type": "Person", "name": name, "url": url})


def credited_person(user, request):
    """A forum member as their credit choice names them, linked to their public profile.

    A post without an account was left by a deleted one: "A former member".
    """
    if user is None:
        return person(str(FORMER_MEMBER))
    url = None
    if has_public_profile_link(user):
        url = absolute(request, reverse("community:profile", args=[user.pk]))
    return person(public_name(user), url)


def breadcrumb_list(trail):
    """BreadcrumbList of (name, absolute url) pairs, from the home page down to this page."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }
