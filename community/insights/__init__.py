"""Campaign insights: figures over time from database aggregates, and the people behind them."""

from .figures import Figure, campaign_figures, home_summary, ideas_by_status
from .people import moderator_workload, top_contributors
from .periods import DAY, GRANULARITIES, PERIODS, WEEK, Period, bucket_of, period_for

__all__ = [
    "DAY",
    "GRANULARITIES",
    "PERIODS",
    "WEEK",
    "Figure",
    "Period",
    "bucket_of",
    "campaign_figures",
    "home_summary",
    "ideas_by_status",
    "moderator_workload",
    "period_for",
    "top_contributors",
]
