"""The show on air: where it stands against the clock, the as-run log, and prompter copy.

The rundown sheet (the library's) gives each story's EST, FRONT and hit; the as-run log
gives the moment each story actually started. From those and the time now: the current
story, time into it, the projected end (a story with a hit starts at its hit, as on the
sheet) and the over/under against the planned end, the back-time to the next hit, and which
stories to float to make the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from castkit.rundown import Sheet
from castkit.rundown.sheet import Row
from castkit.timing import format_clock, format_duration, over_under, seconds, show_clock

DAY_MS = 24 * 3600 * 1000


def time_of_day_ms(moment: datetime) -> int:
    """Milliseconds after local midnight: rundown times of day are the studio's wall clock."""
    local = moment.astimezone()
    return ((local.hour * 60 + local.minute) * 60 + local.second) * 1000 + local.microsecond // 1000


@dataclass
class Started:
    story_id: int | None
    at_ms: int  # time of day


def clock(sheet: Sheet, ids: list[int], log: list[Started], now_ms: int) -> dict[str, Any]:
    """The clock view's figures at ``now_ms`` (time of day); ``ids`` are the story ids of ``sheet.rows``."""
    by_id = dict(zip(ids, sheet.rows))
    counted = [(i, r) for i, r in zip(ids, sheet.rows) if not r.floated]
    current = log[-1] if log and log[-1].story_id in by_id else None
    state: dict[str, Any] = {"now": format_clock(now_ms), "on_air": current is not None, "current": None}
    if sheet.start_ms is not None:  # on the show's clock, which runs on past 24:00 like its hits and end
        now_ms = show_clock(now_ms, sheet.start_ms)
    if current is not None:
        row = by_id[current.story_id]
        into = _since(current.at_ms, now_ms)
        state["current"] = {"id": current.story_id, "page": row.page, "slug": row.slug, "est": format_duration(row.est_s * 1000),
                            "into": format_duration(into), "over": over_under(seconds(into) - row.est_s) if seconds(into) > row.est_s else ""}
        remaining_ms = max(0, row.est_s * 1000 - into)
        later = _after(counted, current.story_id)
    else:
        remaining_ms = 0
        started = {s.story_id for s in log}
        later = [(i, r) for i, r in counted if i not in started]
    state["next"] = {"id": later[0][0], "page": later[0][1].page, "slug": later[0][1].slug} if later else None
    arrive = max(now_ms, sheet.start_ms or now_ms) if current is None else now_ms + remaining_ms
    hit = _next_hit(later, arrive)
    if hit:
        state["hit"] = hit
    projected = _projected_end(later, arrive)
    state["projected_end"] = format_clock(projected)
    if sheet.end_ms is not None:
        over_s = seconds(projected - sheet.end_ms)
        state["over_under"] = over_under(over_s)
        state["to_make_it"] = _to_float(_after_last_hit(later), over_s) if over_s > 0 else []
    return state


def _projected_end(later: list[tuple[int, Row]], arrive_ms: int) -> int:
    """When the last story ends, timed as the rundown sheet times it: each story runs its EST,
    and a story with a hard hit starts at its hit (the stories before it are cut to make it,
    or wait for it), so the end is chained from the last hit."""
    clock_ms = arrive_ms
    for _, row in later:
        clock_ms = (row.hit_ms if row.hit_ms is not None else clock_ms) + row.est_s * 1000
    return clock_ms


def _after_last_hit(later: list[tuple[int, Row]]) -> list[tuple[int, Row]]:
    """The stories whose time moves the end: those from the last hard hit on (floating one before it changes nothing)."""
    hits = [n for n, (_, row) in enumerate(later) if row.hit_ms is not None]
    return later[hits[-1]:] if hits else later


def _since(start_ms: int, now_ms: int) -> int:
    return (now_ms - start_ms) % DAY_MS


def _after(counted: list[tuple[int, Row]], story_id: int) -> list[tuple[int, Row]]:
    ids = [i for i, _ in counted]
    return counted[ids.index(story_id) + 1:] if story_id in ids else []


def _next_hit(later: list[tuple[int, Row]], arrive_ms: int) -> dict[str, str] | None:
    """Back-time to the next story with a hard hit: when it will start at EST, against its hit."""
    clock_ms = arrive_ms
    for _, row in later:
        if row.hit_ms is not None:
            diff = seconds(clock_ms - row.hit_ms)
            return {"page": row.page, "slug": row.slug, "hit": format_clock(row.hit_ms), "arrive": format_clock(clock_ms),
                    "over_under": over_under(diff)}
        clock_ms += row.est_s * 1000
    return None


def _to_float(later: list[tuple[int, Row]], over_s: int) -> list[str]:
    """The stories to float to end on time: the shortest single one that covers the overrun, else the longest few."""
    candidates = [r for _, r in later if r.hit_ms is None]
    single = sorted((r for r in candidates if r.est_s >= over_s), key=lambda r: r.est_s)
    chosen = single[:1]
    if not chosen:
        total = 0
        for row in sorted(candidates, key=lambda r: -r.est_s):
            chosen.append(row)
            total += row.est_s
            if total >= over_s:
                break
    return [f"float {r.page} {r.slug} ({format_duration(r.est_s * 1000)})" for r in chosen]


def as_run_log(sheet: Sheet, ids: list[int], log: list[Started]) -> list[dict[str, str]]:
    """Each start logged: the story, its planned FRONT, when it actually started and the difference."""
    by_id = dict(zip(ids, sheet.rows))
    out = []
    for entry in log:
        row = by_id.get(entry.story_id)
        if row is None:
            out.append({"story": "OFF AIR" if entry.story_id is None else "(dropped story)", "planned": "",
                        "actual": format_clock(entry.at_ms), "diff": ""})
            continue
        diff = "" if row.front_ms is None else over_under(seconds(_signed(entry.at_ms - row.front_ms)))
        out.append({"story": f"{row.page} {row.slug}", "planned": format_clock(row.front_ms) if row.front_ms is not None else "",
                    "actual": format_clock(entry.at_ms), "diff": diff})
    return out


def _signed(ms: int) -> int:
    """A difference of times of day, taken the short way round midnight."""
    return (ms + DAY_MS // 2) % DAY_MS - DAY_MS // 2


def prompter(sheet: Sheet) -> list[dict[str, Any]]:
    """The prompter export (the library's), one block per story with the words per minute to scroll it at."""
    from castkit.rundown import render

    text = str(render(sheet, "prompter"))
    blocks = text.split("\n\n\n") if text else []
    return [{"text": block.strip("\n"), "wpm": row.time.rate.per_minute if row.time.rate else 180.0}
            for block, row in zip(blocks, sheet.counted)]
