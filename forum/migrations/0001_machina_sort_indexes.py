"""Indexes on machina's tables for the orders our forum pages read them in.

machina's models are not ours to change (its migrations own them), so these are plain SQL,
reversible, and touch no model state: Django's autodetector never sees them. Both statements
are the same on SQLite and PostgreSQL.
"""

from django.db import migrations

INDEXES = {
    # A forum's topics by last activity (machina's order and our "Recently active"): machina
    # indexes (type, last_post_on) across all forums, not within one.
    "forum_topic_activity_idx": "forum_conversation_topic (forum_id, type, last_post_on)",
    # A forum's topics, newest first (our "Newest").
    "forum_topic_newest_idx": "forum_conversation_topic (forum_id, type, created)",
    # A topic's posts in order, one page at a time: machina indexes the topic alone.
    "forum_post_topic_created_idx": "forum_conversation_post (topic_id, created)",
}


class Migration(migrations.Migration):
    dependencies = [
        ("forum_conversation", "0013_auto_20201220_1745"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX {name} ON {columns}",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, columns in INDEXES.items()
    ]
