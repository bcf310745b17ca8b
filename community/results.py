"""Vote totals of campaign questions, computed with one aggregate query per page."""

from dataclasses import dataclass, field

from django.db.models import Count

from .blocks import VariantVoteBlock
from .models import CampaignStatus, VariantVote


@dataclass
class VariantResult:
    id: str
    value: object
    votes: int
    percent: float


@dataclass
class QuestionState:
    """A question as one visitor sees it: their choice, and the results if they may see them."""

    id: str
    value: object
    my_variant_id: str | None
    show_results: bool
    total: int = 0
    variants: list = field(default_factory=list)


def count_by(queryset, outer, inner):
    """{outer value: {inner value: rows}}, counted by the database in one query."""
    counts = {}
    rows = queryset.values_list(outer, inner).annotate(rows=Count("pk")).order_by()
    for outer_value, inner_value, number in rows:
        counts.setdefault(outer_value, {})[inner_value] = number
    return counts


def vote_counts(campaign):
    """{question_id: {variant_id: votes}} for every question of the campaign."""
    return count_by(VariantVote.objects.filter(page=campaign), "question_id", "variant_id")


def _results_visible(campaign, question, has_voted):
    if campaign.status in (CampaignStatus.CLOSED, CampaignStatus.DECIDED):
        return True
    return has_voted and question["show_results"] == VariantVoteBlock.RESULTS_AFTER_VOTE


def question_states(campaign, user):
    """{question_id: QuestionState} of the campaign's variant questions for `user`."""
    counts = vote_counts(campaign)
    mine = {}
    if user.is_authenticated:
        mine = dict(
            VariantVote.objects.filter(page=campaign, voter=user).values_list(
                "question_id", "variant_id"
            )
        )
    states = {}
    for question_id, question in campaign.variant_questions.items():
        per_variant = counts.get(question_id, {})
        variants = question["variants"].bound_blocks
        # Only current variants count: a variant an editor removed keeps its rows but no share.
        total = sum(per_variant.get(variant.id, 0) for variant in variants)
        state = QuestionState(
            id=question_id,
            value=question,
            my_variant_id=mine.get(question_id),
            show_results=_results_visible(campaign, question, question_id in mine),
            total=total,
        )
        for variant in variants:
            votes = per_variant.get(variant.id, 0)
            percent = round(100 * votes / total, 1) if total else 0.0
            state.variants.append(VariantResult(variant.id, variant.value, votes, percent))
        states[question_id] = state
    return states
