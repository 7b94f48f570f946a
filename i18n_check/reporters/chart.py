"""The compliance history (history.py) as the geometry of small SVG line charts, one per concept
and language, for the HTML report's template to draw: plain numbers and strings, which Jinja2
escapes; no script draws anything, so the chart shows wherever the page opens (and prints).

A point per commit, evenly spaced (commits, not days: a busy week does not squeeze the chart),
the compliance from 0% to 100% upwards; a commit without figures breaks the line.
"""

from __future__ import annotations

from datetime import datetime, timezone

from ..git import SHALLOW_HINT

WIDTH, HEIGHT = 340, 150
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 12, 30   # room for the axis labels
GRID = (0.0, 0.5, 1.0)


def day(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%d")


def x_of(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return round(LEFT + (span / 2 if count == 1 else span * index / (count - 1)), 1)


def y_of(share: float) -> float:
    return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - share), 1)


def chart(series, commits) -> dict:
    """One chart: its points (with what each tooltip says), the line's paths, the last figure."""
    points = []
    for index, (point, commit) in enumerate(zip(series.points, commits)):
        if point is None or point.compliance is None:
            points.append(None)
            continue
        share = point.compliance
        points.append({
            "x": x_of(index, len(commits)), "y": y_of(share), "commit": commit.hash, "short": commit.short,
            "date": day(commit.time), "subject": commit.subject, "compliant": point.compliant, "expected": point.expected,
            "percent": round(100 * share, 1),
        })
    paths, run = [], []
    for point in points + [None]:
        if point is None:
            if len(run) > 1:
                paths.append("M " + " L ".join(f"{p['x']} {p['y']}" for p in run))
            run = []
        else:
            run.append(point)
    measured = [p for p in points if p is not None]
    first, last = (measured[0], measured[-1]) if measured else (None, None)
    return {
        "concept": series.concept, "language": series.language, "points": measured, "paths": paths,
        "last": last, "change": None if not measured else round(last["percent"] - first["percent"], 1),
        "id": f"history-{series.concept}-{series.language}",
    }


def history_view(history) -> dict | None:
    """What the template draws for `report --history`; None without a history."""
    if history is None:
        return None
    commits = history.commits
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "bottom": HEIGHT - BOTTOM,
        "grid": [{"y": y_of(share), "label": f"{100 * share:.0f}%"} for share in GRID],
        "ticks": [{"x": x_of(i, len(commits)), "label": day(c.time) if i in (0, len(commits) - 1) else "", "short": c.short}
                  for i, c in enumerate(commits)],
        "charts": [chart(series, commits) for series in history.series],
        "commits": [{"hash": c.hash, "short": c.short, "date": day(c.time), "subject": c.subject} for c in commits],
        "paths": history.paths,
        "skipped": [{"short": commit[:10], "why": why} for commit, why in history.skipped],
        "shallow": SHALLOW_HINT if history.shallow else None,
    }
