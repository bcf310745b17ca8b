"""Bar charts drawn on the server as SVG: no script, no CDN, every text escaped.

A chart is a picture of a table printed next to it; screen readers get its title and a summary
through role="img", and read the numbers from the table.
"""

from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

WIDTH = 640
HEIGHT = 180
#: Room for the axis labels under the bars and the scale on the left.
BOTTOM = 22
LEFT = 44


def _label(value):
    return "—" if value is None else number_format(value, decimal_pos=None, use_l10n=True)


def bar_chart(title, points, chart_id):
    """An SVG bar chart of [(date, value or None)], titled `title`; None draws no bar."""
    values = [value or 0 for _day, value in points]
    top = max(values, default=0) or 1
    plot_width = WIDTH - LEFT
    plot_height = HEIGHT - BOTTOM - 8
    slot = plot_width / max(len(points), 1)
    bar_width = max(slot * 0.8, 1)
    bars = []
    for index, (day, value) in enumerate(points):
        height = (value or 0) / top * plot_height
        bars.append(
            (
                round(LEFT + index * slot + (slot - bar_width) / 2, 2),
                round(HEIGHT - BOTTOM - height, 2),
                round(bar_width, 2),
                round(height, 2),
                f"{date_format(day, 'SHORT_DATE_FORMAT')}: {_label(value)}",
            )
        )
    first = date_format(points[0][0], "SHORT_DATE_FORMAT") if points else ""
    last = date_format(points[-1][0], "SHORT_DATE_FORMAT") if points else ""
    summary = gettext("%(title)s, from %(first)s to %(last)s, highest %(top)s") % {
        "title": title,
        "first": first,
        "last": last,
        "top": _label(max(values, default=0)),
    }
    return format_html(
        '<svg class="insights-chart" role="img" aria-labelledby="{id}-title" '
        'viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="none" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{summary}</title>'
        '<line x1="{left}" y1="{base}" x2="{w}" y2="{base}" stroke="currentColor"/>'
        '<g font-size="11" fill="currentColor" aria-hidden="true">'
        '<text x="{scale_x}" y="14" text-anchor="end">{top}</text>'
        '<text x="{scale_x}" y="{base}" text-anchor="end">0</text>'
        '<text x="{left}" y="{h}">{first}</text>'
        '<text x="{w}" y="{h}" text-anchor="end">{last}</text>'
        "</g>{bars}</svg>",
        id=chart_id,
        w=WIDTH,
        h=HEIGHT,
        left=LEFT,
        scale_x=LEFT - 4,
        base=HEIGHT - BOTTOM,
        summary=summary,
        top=_label(max(values, default=0)),
        bars=format_html_join(
            "",
            '<rect x="{}" y="{}" width="{}" height="{}" fill="#2563eb"><title>{}</title></rect>',
            bars,
        ),
        first=first,
        last=last,
    )
