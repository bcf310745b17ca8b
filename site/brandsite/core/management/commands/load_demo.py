"""Load the demo site: home page, brand settings, a welcome forum, campaigns, a blog and a
stories index; demo accounts (and their votes) only with DEBUG."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from machina.apps.forum.models import Forum
from machina.apps.forum_conversation.models import Post, Topic
from wagtail.models import Site

from brandsite.core.demo.blog import load_blog
from brandsite.core.demo.campaigns import load_campaigns
from brandsite.core.demo.images import brand_logo_picture, demo_image, share_picture
from brandsite.core.demo.insights import load_insights
from brandsite.core.demo.moderation import load_moderation
from brandsite.core.demo.people import load_people
from brandsite.core.demo.stories import load_stories
from brandsite.core.models import BrandSettings
from brandsite.home.models import HomePage
from community.roles import CONSUMERS, EDITORS, MODERATORS

DEMO_PASSWORD = "cocreate-demo"  # noqa: S105 - documented in the README, created only with DEBUG
DEMO_ACCOUNTS = (
    # e-mail, groups, is_superuser
    ("consumer@example.com", (CONSUMERS,), False),
    ("moderator@example.com", (MODERATORS,), False),
    ("editor@example.com", (EDITORS,), False),
    ("admin@example.com", (), True),
)
TEAM_USERNAME = "cocreate-team"

HOME_INTRO = "Help us make what you want next: vote on our ideas and bring your own."
HOME_BODY = (
    "<p>Atelier Verde makes natural soaps and scents in small batches. Before we launch anything "
    "new we ask the people who use our products: which scent, which shape, which name.</p>"
    "<p>Join the forum to answer our questions, vote, and post your own ideas. The best ones "
    "become products and stories on this site, credited to the people who had them.</p>"
)
WELCOME_SUBJECT = "Welcome! What should we make next?"
WELCOME_POST = (
    "Hello and welcome to the **Atelier Verde** community.\n\n"
    "Tell us about yourself and the product you wish we made:\n\n"
    "- a scent you miss,\n- a shape that would fit your bathroom,\n- a name you would love.\n\n"
    "Every idea is read by our team. Please keep it kind."
)


class Command(BaseCommand):
    help = "Load the demo content. Idempotent: running it again updates what it created."

    @transaction.atomic
    def handle(self, *args, **options):
        site = self._home_and_site()
        self._brand_settings(site)
        team = self._team_account()
        self._welcome_forum(team)
        demo_users = self._demo_accounts() if settings.DEBUG else {}
        campaigns = load_campaigns(site.root_page, team, demo_users)
        load_blog(site.root_page, campaigns["scent"])
        load_people(team, demo_users, campaigns["scent"])
        load_moderation(demo_users, campaigns["scent"])
        load_stories(site.root_page)
        load_insights(campaigns["scent"])
        if demo_users:
            self.stdout.write(f"Demo accounts ready (password: {DEMO_PASSWORD}).")
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))

    def _home_and_site(self):
        home = HomePage.objects.get(depth=2)
        home.title = "Atelier Verde"
        home.intro = HOME_INTRO
        home.body = HOME_BODY
        home.seo_title = "Atelier Verde — make our next product with us"
        home.search_description = HOME_INTRO
        home.save_revision().publish()
        site = Site.objects.get(is_default_site=True)
        site.site_name = "Atelier Verde"
        site.root_page = home
        site.save()
        return site

    def _brand_settings(self, site):
        brand = BrandSettings.for_site(site)
        brand.brand_name = "Atelier Verde"
        brand.tagline = "Natural soaps and scents, made with you."
        brand.default_meta_description = HOME_INTRO
        brand.default_share_image = demo_image(
            "Atelier Verde share card", "The name Atelier Verde on a green field.", share_picture
        )
        brand.logo = demo_image("Atelier Verde logo", "A green leaf.", brand_logo_picture)
        brand.save()

    def _team_account(self):
        team, created = get_user_model().objects.get_or_create(username=TEAM_USERNAME)
        if created:
            team.set_unusable_password()
            team.save()
        return team

    def _welcome_forum(self, team):
        category, _created = Forum.objects.get_or_create(
            name="Community", type=Forum.FORUM_CAT, defaults={"description": ""}
        )
        forum, _created = Forum.objects.get_or_create(
            name="Welcome",
            parent=category,
            defaults={
                "type": Forum.FORUM_POST,
                "description": "Say hello and tell us what you would like us to make.",
            },
        )
        if not Topic.objects.filter(forum=forum, subject=WELCOME_SUBJECT).exists():
            topic = Topic.objects.create(
                forum=forum,
                poster=team,
                subject=WELCOME_SUBJECT,
                type=Topic.TOPIC_STICKY,
                status=Topic.TOPIC_UNLOCKED,
                approved=True,
            )
            Post.objects.create(
                topic=topic, poster=team, subject=WELCOME_SUBJECT, content=WELCOME_POST
            )

    def _demo_accounts(self):
        """The demo accounts by name (the part of their e-mail before the @)."""
        User = get_user_model()
        users = {}
        for email, group_names, is_superuser in DEMO_ACCOUNTS:
            user, _created = User.objects.get_or_create(
                username=email.split("@")[0], defaults={"email": email}
            )
            user.email = email
            user.is_superuser = user.is_staff = is_superuser
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.set(Group.objects.filter(name__in=group_names))
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            users[user.username] = user
        return users
