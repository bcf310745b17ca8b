"""Server-side SVG charts: titled for screen readers, one bar per point, every text escaped."""

import datetime

from community.charts import bar_chart

DAYS = [datetime.date(2026, 11, 2) + datetime.timedelta(days=n) for n in range(3)]


def test_a_chart_is_an_image_titled_by_its_figure_with_one_bar_per_point():
    svg = bar_chart("Ideas", list(zip(DAYS, [1, None, 4], strict=True)), "chart-ideas")
    assert svg.startswith(
        '<svg class="insights-chart" role="img" aria-labelledby="chart-ideas-title"'
    )
    assert (
        '<title id="chart-ideas-title">Ideas, from 11/02/2026 to 11/04/2026, highest 4</title>'
        in svg
    )
    assert svg.count("<rect ") == 3
    assert "<title>11/03/2026: —</title>" in svg


def test_every_text_of_a_chart_is_escaped():
    svg = bar_chart('<script>alert("x")</script>', [(DAYS[0], 2)], 'x"><script>')
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_a_chart_without_points_still_renders():
    assert bar_chart("Ideas", [], "empty").count("<rect ") == 0
