"""Shot changes: find the cuts in a video, and keep subtitle in and out times clear of them.

Cuts are found by ffmpeg's scene detection (the ``scene`` score of its ``select`` filter,
0 to 1: how much a frame differs from the one before) run through imageio-ffmpeg's ffmpeg,
so nothing needs installing. A pan changes every frame a little and scores low; a cut
changes it all at once and scores high, so the threshold (default 0.3) separates them.

Snapping follows Netflix's timed-text rules, which the BBC's guidance agrees with (start on
the shot change, end just before it, never straddle it by a few frames):

- an in-time within 12 frames of a cut moves onto the cut;
- an out-time within 12 frames of a cut moves to 2 frames before it;
- cues closer than the profile's gap-closing distance are chained the profile's minimum gap
  apart (2 frames), ending before the next one starts.

A move that would leave a cue shorter than a frame is not made. Every move is returned,
cue by cue, for the command to list.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from castkit.errors import BadInput
from castkit.subtitles.cue import Cue
from castkit.subtitles.cues import Problem
from castkit.subtitles.profiles import Profile

SCHEMA = "castkit.shots/1"
THRESHOLD = 0.3
WINDOW_FRAMES = 12
"""Netflix: an in- or out-time this close to a shot change belongs on (or just before) it."""
OUT_FRAMES = 2
"""Netflix: an out-time near a cut ends this many frames before it."""

_PICKED = re.compile(r"\bframe:\d+\s+pts:\s*-?\d+\s+pts_time:\s*(-?[\d.]+)")
_SCORE = re.compile(r"lavfi\.scene_score=([\d.]+)")
_FPS = re.compile(r"Stream #.*Video:.*?(\d+(?:\.\d+)?) fps")
_DURATION = re.compile(r"Duration: (\d+):(\d+):(\d+(?:\.\d+)?)")


@dataclass
class Shots:
    """The cuts of a video: each the time (ms) of the first frame of the new shot, and its scene score."""

    video: str
    fps: float
    threshold: float
    cuts_ms: list[int]
    scores: list[float] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The ``castkit.shots/1`` document ``castkit shots`` writes."""
        return {
            "schema": SCHEMA,
            "video": self.video,
            "fps": self.fps,
            "threshold": self.threshold,
            "cuts": [
                {"ms": ms, "frame": round(ms * self.fps / 1000), "score": round(score, 3)}
                for ms, score in zip(self.cuts_ms, self.scores or [0.0] * len(self.cuts_ms))
            ],
        }


def detect_shots(video: str | Path, *, threshold: float = THRESHOLD, on_progress: Callable[[float], None] | None = None) -> Shots:
    """The cuts in ``video`` where ffmpeg's scene score exceeds ``threshold`` (0-1)."""
    from castkit.audio.container import ffmpeg_input
    from castkit.audio.load import ffmpeg

    if not 0 < threshold < 1:
        raise BadInput(f"the scene threshold must be between 0 and 1, not {threshold}")
    path = Path(video)
    if not path.is_file():
        raise BadInput("no such file", where=str(video))
    command = [
        ffmpeg(), "-hide_banner", "-nostdin", *ffmpeg_input(path), "-an", "-sn", "-dn",
        "-vf", f"select='gt(scene,{threshold})',metadata=print", "-f", "null", "-progress", "pipe:1", "-",
    ]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True)
        duration_ms = 0
        for line in process.stdout or []:  # -progress: key=value lines while it runs
            if line.startswith("out_time_us=") and on_progress and duration_ms:
                value = line.split("=", 1)[1].strip()
                if value.isdigit():
                    on_progress(int(value) / 1000 / duration_ms)
            if not duration_ms:
                duration_ms = _duration_ms(log)
        code = process.wait()
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
    fps_match = _FPS.search(text)
    if code != 0 or not fps_match:
        reason = text.strip().splitlines()[-1] if text.strip() else f"ffmpeg exited with {code}"
        raise BadInput(f"cannot read the video: {reason}", where=str(video))
    fps = float(fps_match.group(1))
    cuts = [round(float(t) * 1000) for t in _PICKED.findall(text)]
    scores = [float(s) for s in _SCORE.findall(text)]
    if on_progress:
        on_progress(1.0)
    return Shots(str(video), fps, threshold, cuts, scores if len(scores) == len(cuts) else [])


def _duration_ms(log) -> int:  # log: the binary file ffmpeg writes its stderr to
    log.seek(0)
    match = _DURATION.search(log.read().decode("utf-8", "replace"))
    log.seek(0, 2)
    if not match:
        return 0
    hours, minutes, seconds = match.groups()
    return round(((int(hours) * 60 + int(minutes)) * 60 + float(seconds)) * 1000)


def load_shots(path: str | Path, *, threshold: float = THRESHOLD, on_progress: Callable[[float], None] | None = None) -> list[int]:
    """Cut times (ms) from a ``castkit.shots/1`` file, or detected in a video."""
    from castkit.files import read_bytes

    data = read_bytes(path)
    if data.lstrip()[:1] == b"{":
        try:
            doc = json.loads(data)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise BadInput(f"not a shots file: {exc}", where=str(path)) from None
        if not isinstance(doc, dict) or doc.get("schema") != SCHEMA or not isinstance(doc.get("cuts"), list):
            raise BadInput(f"not a {SCHEMA} document (make one with castkit shots)", where=str(path))
        try:
            return sorted(int(cut["ms"]) for cut in doc["cuts"])
        except (TypeError, KeyError, ValueError):
            raise BadInput("every cut needs a whole number of milliseconds in \"ms\"", where=str(path)) from None
    return detect_shots(path, threshold=threshold, on_progress=on_progress).cuts_ms


@dataclass(frozen=True)
class Move:
    """One time a snap changed: cue number, which edge, from and to (ms), and why."""

    cue: int
    edge: str
    from_ms: int
    to_ms: int
    reason: str

    def __str__(self) -> str:
        from castkit.subtitles.formats import clock

        return f"cue {self.cue}: {self.edge} {clock(self.from_ms)} → {clock(self.to_ms)} ({self.reason})"


def _near(cuts: list[int], at: int, reach: float) -> int | None:
    """The cut nearest ``at`` within ``reach`` ms, if any."""
    best = min(cuts, key=lambda c: abs(c - at), default=None)
    return best if best is not None and abs(best - at) <= reach else None


def snap(cues: list[Cue], cuts_ms: list[int], profile: Profile) -> list[Move]:
    """Move cue in and out times onto the shot-change rules, in place; the moves made."""
    frame = profile.frame_ms
    reach = WINDOW_FRAMES * frame + 0.5
    gap = round(profile.min_gap_frames * frame)
    moves: list[Move] = []
    cuts = sorted(cuts_ms)

    def move(n: int, cue: Cue, edge: str, to: int, reason: str) -> None:
        before = cue.start_ms if edge == "in" else cue.end_ms
        if to == before:
            return
        if (edge == "in" and to >= cue.end_ms) or (edge == "out" and to <= cue.start_ms):
            return
        setattr(cue, "start_ms" if edge == "in" else "end_ms", to)
        moves.append(Move(_number(cue, n), edge, before, to, reason))

    for n, cue in enumerate(cues, start=1):
        cut = _near(cuts, cue.start_ms, reach)
        if cut is not None:
            move(n, cue, "in", cut, "on the shot change")
        cut = _near([c for c in cuts if c > cue.start_ms], cue.end_ms, reach)
        if cut is not None:
            move(n, cue, "out", cut - round(OUT_FRAMES * frame), f"{OUT_FRAMES} frames before the shot change")
    for n, (cue, nxt) in enumerate(zip(cues, cues[1:]), start=1):
        if nxt.start_ms - cue.end_ms < min(profile.close_gap_ms, reach):
            move(n, cue, "out", nxt.start_ms - gap, f"chained {profile.min_gap_frames} frames before the next cue")
    return moves


def crossings(cues: list[Cue], cuts_ms: list[int], profile: Profile) -> list[Problem]:
    """``shot-change`` problems: cues that cross a cut, or start or end a few frames off one (the snap rules)."""
    from castkit.subtitles.formats import clock

    frame = profile.frame_ms
    reach = WINDOW_FRAMES * frame + 0.5
    out_at = OUT_FRAMES * frame
    problems = []
    for n, cue in enumerate(cues, start=1):

        def add(message: str, n: int = n, cue: Cue = cue) -> None:
            problems.append(Problem("shot-change", n, cue.start_ms, message))

        start_cut = _near(cuts_ms, cue.start_ms, reach)
        if start_cut is not None and abs(start_cut - cue.start_ms) > frame / 2:
            side = "before" if start_cut > cue.start_ms else "after"
            add(f"starts {round(abs(start_cut - cue.start_ms) / frame)} frames {side} the cut at {clock(start_cut)}: start on it")
        end_cut = _near([c for c in cuts_ms if c > cue.start_ms + frame / 2], cue.end_ms, reach)
        if end_cut is not None and abs(end_cut - out_at - cue.end_ms) > frame / 2:
            side = "after" if cue.end_ms > end_cut else "before"
            add(f"ends {round(abs(end_cut - cue.end_ms) / frame)} frames {side} the cut at {clock(end_cut)}: end {OUT_FRAMES} frames before it")
        inside = [c for c in cuts_ms if cue.start_ms + reach < c < cue.end_ms - reach]
        if inside:
            more = f" and {len(inside) - 1} more" if len(inside) > 1 else ""
            add(f"crosses the cut at {clock(inside[0])}{more}")
    return problems


def _number(cue: Cue, position: int) -> int:
    return cue.number if cue.number is not None else position
