"""Charts for the QA reports as inline SVG: no script, no library, one self-contained file.

Every label is XML-escaped; the numbers are formatted here. Each chart carries a ``<title>``
and ``role="img"`` with an ``aria-label`` so it reads without sight of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markupsafe import Markup

_FONT = 'font-family="system-ui,sans-serif" font-size="12"'


def bars(title: str, items: Sequence[tuple[str, float | None]], *, limit: float | None = None) -> Markup:
    """A horizontal bar chart of rates (fractions shown as %), one bar per label; None draws no bar.

    ``limit`` draws a dashed line (a gate's threshold, say).
    """
    row, label_w, bar_w = 22, 220, 360
    top = max([v for _, v in items if v is not None] + [limit or 0, 0.01])
    height = row * len(items) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
             f'width="{label_w + bar_w + 80}" height="{height}" {_FONT}><title>{escape(title)}</title>']
    for k, (label, value) in enumerate(items):
        y = 10 + k * row
        shown = label if len(label) <= 32 else label[:31] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{escape(shown)}</text>')
        if value is None:
            parts.append(f'<text x="{label_w + 4}" y="{y + 14}" fill="#888">undefined</text>')
            continue
        width = bar_w * value / top
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{width:.1f}" height="{row - 6}" fill="#4a78b5"/>')
        parts.append(f'<text x="{label_w + width + 4:.1f}" y="{y + 14}">{value * 100:.2f} %</text>')
    if limit is not None:
        x = label_w + bar_w * limit / top
        parts.append(f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 16}" stroke="#b00000" stroke-dasharray="4 3"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 4}" fill="#b00000" text-anchor="middle">{limit * 100:g} %</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def timeline(title: str, duration_ms: int, points: Sequence[tuple[int, float]], columns: Sequence[tuple[int, int, float]],
             *, point_limit: float, column_limit: float, point_unit: str, column_unit: str) -> Markup:
    """Two panels over programme time: points (a cue's latency, in seconds) above, columns
    (words per minute, each spanning start to end ms) below, each with a dashed limit line."""
    width, panel, gap, left = 760, 150, 40, 50
    span = max(duration_ms, 1)

    def x(ms: float) -> float:
        return left + (width - left - 10) * ms / span

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
             f'width="{width}" height="{2 * panel + gap + 40}" {_FONT}><title>{escape(title)}</title>']
    for top, name, limit, unit, values in ((10, "latency", point_limit, point_unit, [v for _, v in points]),
                                           (10 + panel + gap, "speed", column_limit, column_unit, [v for *_, v in columns])):
        high = max([*values, limit * 1.25, 1e-9])

        def y(v: float, top: int = top, high: float = high) -> float:
            return top + panel - panel * max(v, 0) / high

        parts.append(f'<rect x="{left}" y="{top}" width="{width - left - 10}" height="{panel}" fill="#fafafa" stroke="#ccc"/>')
        parts.append(f'<text x="{left - 4}" y="{top + 12}" text-anchor="end">{high:.0f}</text>')
        parts.append(f'<text x="{left - 4}" y="{top + panel}" text-anchor="end">0</text>')
        parts.append(f'<text x="{left + 4}" y="{top + 14}" fill="#555">{escape(name)} ({escape(unit)})</text>')
        if name == "speed":
            for start, end, value in columns:
                parts.append(f'<rect x="{x(start):.1f}" y="{y(value):.1f}" width="{max(x(end) - x(start) - 1, 1):.1f}" '
                             f'height="{top + panel - y(value):.1f}" fill="#4a78b5"><title>{value:.0f} {escape(unit)}</title></rect>')
        else:
            path = " ".join(f"{'M' if k == 0 else 'L'}{x(ms):.1f},{y(v):.1f}" for k, (ms, v) in enumerate(points))
            if path:
                parts.append(f'<path d="{path}" fill="none" stroke="#4a78b5"/>')
            for ms, v in points:
                colour = "#b00000" if v > limit else "#176b17"
                parts.append(f'<circle cx="{x(ms):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}"><title>{v:.2f} {escape(unit)}</title></circle>')
        parts.append(f'<line x1="{left}" y1="{y(limit):.1f}" x2="{width - 10}" y2="{y(limit):.1f}" stroke="#b00000" stroke-dasharray="4 3"/>')
        parts.append(f'<text x="{width - 12}" y="{y(limit) - 3:.1f}" text-anchor="end" fill="#b00000">{limit:g} {escape(unit)}</text>')
    bottom = 10 + 2 * panel + gap
    for minute in range(0, span // 60000 + 1):
        parts.append(f'<text x="{x(minute * 60000):.1f}" y="{bottom + 16}" text-anchor="middle">{minute}:00</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
