"""A plain transcript: the subtitled words, one paragraph per element, no times or markup."""

from __future__ import annotations

from castkit.subtitles.cues import Subtitles

NAME = "txt"
EXTENSIONS = (".txt",)


def render(subs: Subtitles) -> str:
    paragraphs: list[list[str]] = []
    last: tuple[int | None, int | None] | None = None
    for cue in subs.cues:
        key = (cue.story, cue.element)
        if key != last or key == (None, None):
            paragraphs.append([])
            last = key
        paragraphs[-1].append(cue.text)
    return "\n\n".join(" ".join(p) for p in paragraphs) + "\n"
