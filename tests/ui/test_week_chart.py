"""The week timesheet drawn (issue 16): a pixel test of bars, colours, heights, target lines and a
gap; clicks and tooltips; the accessible words; the chart's colours readable in light and dark."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from app.core.colours import project_colour
from app.core.week import Day, ProjectTime, Week
from app.ui import style
from app.ui.theme import DARK, LIGHT, contrast, graphic_pairs
from app.ui.week_chart import WeekChart, week_description, week_summary

MONDAY = date(2026, 11, 30)
A, B = 7, 12  # two projects of different colours
assert project_colour(A) != project_colour(B)


def week() -> Week:
    def day(offset, projects, target=480, past=True):
        parts = tuple(ProjectTime(pid, f"P{pid}", m) for pid, m in projects)
        return Day(MONDAY + timedelta(days=offset), sum(m for _, m in projects), target, parts, past, over=past)
    return Week((
        day(0, [(A, 360), (B, 120)]),    # Monday: 8:00 on target, A at the bottom (most minutes)
        day(1, [(B, 600)]),              # Tuesday: 10:00, the tallest: the scale's top
        day(2, [(A, 240)]),              # Wednesday: 4:00
        day(3, []),                      # Thursday: nothing booked: a gap
        day(4, [], past=False),          # Friday: still to come, not a gap
        day(5, [], target=0, past=False),
        day(6, [], target=0, past=False),
    ))


@pytest.fixture
def chart(qtbot):
    widget = WeekChart()
    qtbot.addWidget(widget)
    widget.resize(420, 96)
    widget.show_week(week(), date(2026, 12, 2))
    return widget


def pixel(image, x, y) -> str:
    return QColor(image.pixel(x, y)).name()


def column_colours(image, x, top, bottom):
    return [pixel(image, x, y) for y in range(top, bottom)]


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_bars_colours_heights_target_and_gap(chart, theme, monkeypatch):
    monkeypatch.setattr(style._Look, "theme", theme)
    image = chart.grab().toImage()
    plot = chart.plot_rect()
    assert chart.scale() == 600
    baseline = plot.bottom() + 1
    per_minute = plot.height() / 600

    def run_of(index, colour):
        """The rows of day `index`'s bar, at its centre, painted in `colour`."""
        left, width = chart.bar_x(index)
        x = left + width // 2
        return [y for y in range(0, baseline) if pixel(image, x, y) == colour]

    # Monday: A's 6 h at the bottom, B's 2 h on top, in proportion (a pixel of rounding each; B's
    # top row is under the 2 px target line at 8 h, which it reaches)
    a_rows, b_rows = run_of(0, project_colour(A)), run_of(0, project_colour(B))
    assert abs(len(a_rows) - 360 * per_minute) <= 1 and abs(len(b_rows) - (120 * per_minute - 1)) <= 1
    assert max(a_rows) == baseline - 1 and max(b_rows) < min(a_rows)
    # Tuesday reaches the top, minus the 2 px target line drawn across it at 8 h
    tuesday = run_of(1, project_colour(B))
    assert abs(len(tuesday) - (600 * per_minute - 2)) <= 1 and min(tuesday) == plot.top()
    # Wednesday is half of Monday's height
    assert abs(len(run_of(2, project_colour(A))) - 240 * per_minute) <= 1
    # the target line: at 8 h on each working day, in the theme's colour, beside the bar too
    target_y = chart.y_of(480)
    for index in (0, 2, 3, 4):
        left, width = chart.bar_x(index)
        assert pixel(image, left - 2, target_y - 1) == theme.chart_target
        assert pixel(image, left + width + 1, target_y) == theme.chart_target
    left, width = chart.bar_x(5)  # Saturday: no target, no line
    assert theme.chart_target not in column_colours(image, left - 2, 0, baseline)
    # Thursday: a gap, hatched and outlined in the gap colour up to its target; Friday (to come) is not
    left, width = chart.bar_x(3)
    gap_pixels = sum(pixel(image, x, y) == theme.chart_gap for x in range(left, left + width)
                     for y in range(target_y + 2, baseline))
    assert gap_pixels > width * (baseline - target_y) * 0.1  # hatched: about one pixel in six
    left, width = chart.bar_x(4)
    assert not any(pixel(image, x, y) == theme.chart_gap for x in range(left, left + width)
                   for y in range(0, baseline))
    # the shown day (Wednesday) has the highlighted background, the others not
    assert pixel(image, chart.column(2).left() + 3, plot.top() + 2) == theme.chart_shown
    assert pixel(image, chart.column(0).left() + 3, plot.top() + 2) != theme.chart_shown


def test_clicking_a_bar_opens_that_day_and_hovering_tells_its_projects(qtbot, chart):
    with qtbot.waitSignal(chart.day_clicked) as clicked:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(chart.column(1).center().x(), 50))
    assert clicked.args == [date(2026, 12, 1)]
    from app.ui.week_chart import day_tooltip
    tip = day_tooltip(chart.week.days[0])
    assert "8:00 of 8:00" in tip and "6:00  P7" in tip and "2:00  P12" in tip
    assert "Nothing booked" in day_tooltip(chart.week.days[3])


def test_the_week_in_words():
    words = week_description(week())
    # Thursday is today: Friday's target is still to come, so the week is behind by Monday–Thursday's only.
    assert words.startswith("Week 49: 22:00 of 40:00, −10:00 so far, gap Thursday.")
    assert "Tuesday 10:00" in words
    assert week_summary(week()) == "Week 49 · 22:00 of 40:00 · −10:00 so far · 1 gap"


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_chart_marks_stand_out(theme):
    ratios = {name: round(contrast(fg, bg), 2) for name, (fg, bg) in graphic_pairs(theme).items()}
    assert {name: r for name, r in ratios.items() if r < (4.5 if "labels" in name else 3.0)} == {}
