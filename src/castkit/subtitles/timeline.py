"""Where a subtitle build gets its times: read-rate estimate, a timings file, or the audio."""

from __future__ import annotations

from collections.abc import Callable

from castkit.errors import BadInput
from castkit.model import Bulletin
from castkit.notices import Notice
from castkit.subtitles.cues import Subtitles
from castkit.subtitles.formats import build_cues_for
from castkit.subtitles.profiles import Profile
from castkit.timings import Timeline

ESTIMATED = "no audio or timings: every cue time is estimated from the read rate"


def timeline_for(
    bulletin: Bulletin, *, timings: str | None = None, audio: str | None = None, allow_mismatch: bool = False, on_progress: Callable | None = None
) -> Timeline:
    """The timeline to time ``bulletin`` by: a ``castkit.timings/1`` file, the audio aligned, or the estimate.

    ``allow_mismatch`` times from audio in which most of the script is not found (else refused)."""
    if timings:
        from castkit.files import read_text
        from castkit.timings import loads

        source = read_text(timings)
        timeline = loads(source.text, where=source.name)
        known = {(s, i) for s, story in enumerate(bulletin.stories) for i, e in enumerate(story.elements) if e.spoken}
        if not known & {(t.story, t.index) for t in timeline.elements}:
            raise BadInput("the timings do not match any spoken element of the script", where=source.name)
        return timeline
    if audio:
        from castkit.audio.align import align_bulletin

        return align_bulletin(bulletin, audio, allow_mismatch=allow_mismatch, on_progress=on_progress)
    from castkit.timing import estimate_timeline

    return estimate_timeline(bulletin)


def build_for(
    script: str,
    profile: Profile,
    *,
    format: str = "srt",
    style: str | None = None,
    timings: str | None = None,
    audio: str | None = None,
    on_progress: Callable | None = None,
    include_floated: bool = False,
    allow_mismatch: bool = False,
    keep_missing: bool = False,
    checked: bool = True,
) -> Subtitles:
    """Parse a script file and build its cues for ``format``, timed from the chosen source
    (floated stories left out, as the rundown leaves them out, unless ``include_floated``).

    Sentences the audio shows were never said get no cue unless ``keep_missing``; every time
    not measured within tolerance and every script/audio mismatch is one of the notices.
    ``checked`` as for :func:`castkit.subtitles.cues.build_cues`."""
    from castkit.audio.report import notices
    from castkit.ingest import parse_file
    from castkit.timings import said

    parsed = parse_file(script, style=style)
    bulletin = parsed.bulletin
    if not any(s.spoken_elements for s in bulletin.stories):
        raise BadInput("the script has no spoken text to subtitle", where=script)
    timeline = timeline_for(bulletin, timings=timings, audio=audio, allow_mismatch=allow_mismatch, on_progress=on_progress)
    aired, timed = said(bulletin, timeline, keep_missing=keep_missing)
    subs = build_cues_for(format, aired, timed, profile, include_floated=include_floated, checked=checked)
    estimated = notices(timeline) if timings or audio else [Notice("timing", script, ESTIMATED)]
    subs.notices = [*parsed.notices, *estimated, *subs.notices]
    return subs
