"""One line chart of the progress screen: a title, the plot, and a legend of its own below it.

The legend is drawn by us, not by plotext, so it can never cover the data; each series has a
colour of its own from a palette chosen to stay distinct (Okabe and Ito's, safe for colour-blind
readers), and a chart with more series than the palette shows the most practised ones, the rest
on demand. Points are placed one step apart in date order, with a marker each, so several
sessions on one day are distinct points; the x axis labels each day once. A chart with nothing
to draw says so, and why, instead of showing an empty frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static
from textual_plotext import PlotextPlot

from practice.store.queries import Period, Point

PALETTE = [(230, 159, 0), (86, 180, 233), (0, 158, 115), (240, 228, 66), (0, 114, 178), (213, 94, 0), (204, 121, 167)]
MAX_X_LABELS = 6
Y_PADDING = 0.05
# Series with equal values would hide each other: each is shifted by this share of a step.
SIDE_STEP = 0.12


@dataclass(frozen=True)
class ChartSpec:
    title: str
    yticks: tuple[float, ...]
    """The y axis's marks, lowest to highest; the axis spans them."""
    ylabels: tuple[str, ...]
    empty: str
    """What to say when there is nothing to draw: why, and what would fill it."""
    grows: bool = False
    """A rate with no upper bound (words or fillers a minute): the axis goes on by its last
    step until it holds the highest point, so no point is drawn off the chart."""

    def axis(self, highest: float) -> tuple[list[float], list[str]]:
        ticks, labels = list(self.yticks), list(self.ylabels)
        step = ticks[-1] - ticks[-2]
        while self.grows and highest > ticks[-1]:
            ticks.append(ticks[-1] + step)
            labels.append(f"{ticks[-1]:g}")
        return ticks, labels


def shown_series(series: dict[str, list[Point]], *, show_all: bool) -> tuple[dict[str, list[Point]], list[str]]:
    """The series to draw (the most points first, at most one per colour unless all are asked
    for) and the names of those left out. Ties keep the order given (STAR's own order: situation,
    task, action, result), so the legend reads as the parts are named."""
    filled = {name: points for name, points in series.items() if points}
    ranked = sorted(filled, key=lambda name: -len(filled[name]))
    keep = ranked if show_all else ranked[: len(PALETTE)]
    return {name: filled[name] for name in sorted(keep, key=ranked.index)}, [n for n in ranked if n not in keep]


def x_labels(moments: list[datetime], period: Period) -> tuple[list[float], list[str]]:
    """Positions and labels for the x axis: each day (or month) labelled once, at its first point,
    and at most MAX_X_LABELS of them, so a burst of sessions on one day never repeats a label."""
    form = "%Y-%m" if period == Period.month else "%m-%d"
    firsts: list[tuple[int, str]] = []
    for position, moment in enumerate(moments, 1):
        label = moment.strftime(form)
        if not firsts or firsts[-1][1] != label:
            firsts.append((position, label))
    step = max(1, -(-len(firsts) // MAX_X_LABELS))
    chosen = firsts[::step]
    return [position for position, _ in chosen], [label for _, label in chosen]


class SeriesChart(Vertical):
    def __init__(self, spec: ChartSpec, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="series-chart")
        self.spec = spec
        self.border_title = spec.title

    def compose(self) -> ComposeResult:
        yield PlotextPlot(classes="chart-plot")
        yield Static("", classes="chart-legend")
        yield Static(Content.styled(self.spec.empty, "$text-muted italic"), classes="chart-empty")

    def draw(self, series: dict[str, list[Point]], *, period: Period, show_all: bool = False) -> list[str]:
        """Draw the series; returns the names left out (see shown_series)."""
        drawn, left_out = shown_series(series, show_all=show_all)
        plot = self.query_one(PlotextPlot)
        empty = not drawn
        plot.display = not empty
        self.query_one(".chart-legend", Static).display = not empty
        self.query_one(".chart-empty", Static).display = empty
        if empty:
            return left_out
        moments = sorted({point.when for points in drawn.values() for point in points})
        position = {moment: index for index, moment in enumerate(moments, 1)}
        plt = plot.plt
        plt.clear_figure()
        legend = []
        for index, (name, points) in enumerate(drawn.items()):
            colour = PALETTE[index % len(PALETTE)]
            shift = (index - (len(drawn) - 1) / 2) * SIDE_STEP
            xs, ys = [position[p.when] + shift for p in points], [p.value for p in points]
            if len(points) > 1:
                plt.plot(xs, ys, color=colour, marker="hd")
            plt.scatter(xs, ys, color=colour, marker="●")
            legend.append(Content.styled("● ", f"rgb{colour}") + Content(name))
        yticks, ylabels = self.spec.axis(max(point.value for points in drawn.values() for point in points))
        low, high = yticks[0], yticks[-1]
        pad = (high - low) * Y_PADDING
        plt.ylim(low - pad, high + pad)
        plt.yticks(yticks, ylabels)
        plt.xlim(0.5, len(moments) + 0.5)
        ticks, labels = x_labels(moments, period)
        plt.xticks(ticks, labels)
        plot.refresh()
        if left_out:
            legend.append(Content.styled(f"+{len(left_out)} more (a: show all)", "$text-muted"))
        self.query_one(".chart-legend", Static).update(Content("  ").join(legend))
        return left_out
