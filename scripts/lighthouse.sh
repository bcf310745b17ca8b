#!/usr/bin/env bash
# Lighthouse's mobile performance, SEO and accessibility scores of the home page, a blog post, a
# campaign, a story and a thread, served as in production (DEBUG off, gunicorn, whitenoise) from a throwaway SQLite
# database of the demo content. Needs Debian's chromium and npm; installs Lighthouse into var/.
# Usage: scripts/lighthouse.sh            (PORT=8123 scripts/lighthouse.sh to use another port)
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-8099}"
WORK="$PWD/var/lighthouse"
# Lighthouse 13 needs Node 22; Debian 12 ships Node 18/20, which Lighthouse 12 supports.
LIGHTHOUSE_VERSION="12.8.2"
LIGHTHOUSE="$WORK/node_modules/.bin/lighthouse"
PYTHON=.venv/bin/python

CHROME_PATH="${CHROME_PATH:-$(command -v chromium || true)}"
if [ -z "$CHROME_PATH" ]; then
    echo "Chromium is missing: apt-get install -y chromium" >&2
    exit 1
fi
export CHROME_PATH

mkdir -p "$WORK"
if [ ! -x "$LIGHTHOUSE" ]; then
    npm install --prefix "$WORK" --no-audit --no-fund --silent "lighthouse@$LIGHTHOUSE_VERSION"
fi

# Production settings on plain HTTP at 127.0.0.1: no HTTPS redirect, no HSTS.
export DJANGO_SETTINGS_MODULE=brandsite.settings.production \
    DJANGO_SECRET_KEY=lighthouse-only-secret-key-with-enough-length-and-entropy-0123456789 \
    DJANGO_ALLOWED_HOSTS=127.0.0.1 \
    DJANGO_SECURE_SSL_REDIRECT=false DJANGO_SECURE_HSTS_SECONDS=0 \
    DATABASE_URL="sqlite:///$WORK/db.sqlite3" \
    DJANGO_MEDIA_ROOT="$WORK/media" \
    WAGTAILADMIN_BASE_URL="http://127.0.0.1:$PORT"
unset REDIS_URL

rm -f "$WORK/db.sqlite3" "$WORK"/report-*.json
$PYTHON manage.py migrate --noinput -v0
.venv/bin/pybabel compile --domain django --directory locale --statistics >/dev/null 2>&1
$PYTHON manage.py load_demo -v0
$PYTHON manage.py collectstatic --noinput -v0

# The demo without DEBUG has no accounts, so no replies and no story: two readers reply to its
# busiest idea, which lifts the thread over the indexing gate, and an editor makes a story of
# it. Then print the five paths to audit.
PATHS=$($PYTHON manage.py shell --no-imports -v0 <<'PY'
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from machina.apps.forum_conversation.models import Post, Topic

from brandsite.blog.models import BlogPage
from brandsite.seo.indexing import is_topic_indexable
from community.actions import do_record_sign_up
from community.actions.stories import do_promote_idea
from community.models import CampaignPage, CommunityStoryPage, Idea
from community.notifications import topic_path
from community.roles import EDITORS

User = get_user_model()
editor, _created = User.objects.get_or_create(username="lighthouse-editor")
editor.groups.add(Group.objects.get(name=EDITORS))
topic = (
    Topic.objects.filter(approved=True, forum__campaign_page__isnull=False)
    .order_by("-posts_count", "pk")
    .first()
)
for number, words in enumerate(("Fig, without a doubt.", "Vetiver & cedar, please."), 1):
    reader = User.objects.create(username=f"lighthouse-reader-{number}")
    do_record_sign_up(
        reader, accepted_terms=True, accepted_licence=True, pseudonym=f"Reader {number}"
    )
    Post.objects.create(topic=topic, poster=reader, subject=f"Re: {topic.subject}", content=words)
topic.refresh_from_db()
assert is_topic_indexable(topic), "the thread should pass the indexing gate"
idea, _created = Idea.objects.get_or_create(topic=topic)
replies = topic.posts.filter(approved=True).exclude(pk=topic.first_post_id)
story = do_promote_idea(idea, editor, [reply.pk for reply in replies], summary=topic.subject)
story.save_revision(user=editor).publish(user=editor)
story = CommunityStoryPage.objects.get(pk=story.pk)
print("home /")
print("blog-post", BlogPage.objects.live().order_by("-date").first().url)
print("campaign", CampaignPage.objects.live().order_by("pk").first().url)
print("story", story.url)
print("thread", topic_path(topic))
PY
)

.venv/bin/gunicorn --pythonpath site brandsite.wsgi --bind "127.0.0.1:$PORT" --workers 2 \
    --log-level warning &
SERVER=$!
# Stop the server this script started, and wait until its workers are gone.
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true' EXIT
for _attempt in $(seq 50); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
    sleep 0.2
done

status=0
while read -r name path; do
    url="http://127.0.0.1:$PORT$path"
    # A busy machine sometimes loses Chromium's trace (NO_NAVSTART): try again, up to three times.
    for attempt in 1 2 3; do
        "$LIGHTHOUSE" "$url" --quiet --only-categories=performance,seo,accessibility \
            --chrome-flags="--headless=new --no-sandbox" \
            --output=json --output-path="$WORK/report-$name.json" </dev/null && break
        [ "$attempt" -lt 3 ] || { echo "$name: Lighthouse failed three times" >&2; exit 1; }
    done
    # Scores, then each audit that is not passed, so that a low score says why.
    node - "$WORK/report-$name.json" "$name" "$path" <<'JS' || status=1
const [file, name, path] = process.argv.slice(2);
const report = require(file);
const seo = report.categories.seo.score;
const a11y = report.categories.accessibility.score;
const performance = report.categories.performance.score;
const timing = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
    "cumulative-layout-shift"].map((id) => report.audits[id].displayValue).join(" / ");
console.log(`${name.padEnd(10)} performance ${performance.toFixed(2)}  SEO ${seo.toFixed(2)}  ` +
    `accessibility ${a11y.toFixed(2)}  ${path}`);
console.log(`           FCP / LCP / TBT / CLS: ${timing}`);
for (const category of Object.values(report.categories)) {
    for (const ref of category.auditRefs) {
        const audit = report.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
            console.log(`    ${category.id}: ${ref.id} (${audit.score}): ${audit.title}`);
        }
    }
}
// Performance has a target only where visitors land from a shared link: home, campaign, thread.
const performanceTarget = ["home", "campaign", "thread"].includes(name) ? 0.95 : 0;
process.exit(seo >= 1 && a11y >= 0.95 && performance >= performanceTarget ? 0 : 1);
JS
done <<<"$PATHS"
exit $status
