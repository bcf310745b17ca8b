"""Benchmark data at scale: bench-only accounts, forums, topics, posts and votes, built in bulk.

Everything made here is named with the `bench-` prefix, so that `--reset` finds it again and
nothing of a real site is touched. The bench pages (a campaign, a blog post, a story) go through
Wagtail's page tree and publication like real ones; the forum content is inserted in bulk and
machina's counters are then recomputed once per table, not once per post.
"""

from dataclasses import dataclass

PREFIX = "bench-"
#: Bench accounts' password: bench data exists only on disposable databases.
PASSWORD = "cocreate-bench-password"  # noqa: S105 - documented in the README, bench-only


@dataclass(frozen=True)
class Sizes:
    """What to create; `forums` counts every postable forum on the index, campaigns' included."""

    campaigns: int = 1
    forums: int = 50
    topics: int = 5000
    posts_per_topic: int = 10
    users: int = 2000
    votes: int = 20000
    seed: int = 1

    def problems(self):
        """Why these sizes cannot be built, as sentences (empty when they can)."""
        problems = []
        if self.campaigns < 1:
            problems.append("--campaigns must be at least 1 (the bench reads a campaign page).")
        if self.forums <= self.campaigns:
            problems.append("--forums counts the campaigns' forums: it must exceed --campaigns.")
        if self.topics < 2:
            problems.append("--topics must be at least 2 (the 10-post and the 1000-post topics).")
        if self.posts_per_topic < 1:
            problems.append("--posts-per-topic must be at least 1.")
        if self.users < 2:
            problems.append("--users must be at least 2.")
        if self.votes > self.users * self.topics:
            problems.append("--votes cannot exceed --users × --topics (one vote per idea).")
        return problems
