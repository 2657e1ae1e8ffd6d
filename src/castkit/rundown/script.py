"""A story as a prompter reads it: the anchor's copy, instructions, and each media run as one cue.

Consecutive package or soundbite elements collapse into one :class:`Cue` (PKG, SOT or LIVE)
with its running time and outcue, so the anchor knows when to come back in. Prompter text
and MOS ``roStorySend`` are both written from this.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from castkit.model import Element, Kind
from castkit.rundown.sheet import Row, element_outcue
from castkit.timing import Slot, format_duration, is_media, reader


@dataclass
class Read:
    """Copy the anchor reads, with who reads it and at what rate."""

    element: Element
    presenter: str | None
    rate_wpm: float


@dataclass
class Instruction:
    text: str


@dataclass
class Cue:
    """A media run the anchor does not read: a package, a soundbite, a live answer, a break."""

    label: str
    runs_ms: int
    estimated: bool
    outcue: str
    elements: list[Element] = field(default_factory=list)

    @property
    def media(self) -> str | None:
        return next((e.media for e in self.elements if e.media), None)

    @property
    def text(self) -> str:
        """``[PKG · TRT 1:42 · OUT: SOC "Kim Jung-sil, Arirang News."]``; ``~`` marks an estimate."""
        word = "TRT" if self.label == "PKG" else "RUNS"
        parts = [self.label, f"{word} {'~' if self.estimated else ''}{format_duration(self.runs_ms)}"]
        if self.outcue:
            parts.append(f"OUT: {self.outcue}")
        return "[" + " · ".join(parts) + "]"


Part = Read | Instruction | Cue


def _cue(slots: list[Slot], row: Row, whole_story_media: bool) -> Cue:
    kinds = {s.element.kind for s in slots}
    if kinds & {Kind.TRACK, Kind.STANDUP, Kind.SIGNOFF}:
        label = "PKG"
    elif Kind.ANSWER in kinds:
        label = "LIVE"
    else:
        label = "SOT"
    if whole_story_media and row.story.runs_ms is not None:
        runs_ms, estimated = row.story.runs_ms, False
    else:
        runs_ms, estimated = slots[-1].end_ms - slots[0].start_ms, not all(s.given for s in slots)
    return Cue(label, runs_ms, estimated, element_outcue(slots[-1].element), [s.element for s in slots])


def story_script(row: Row) -> list[Part]:
    """The parts of a row's story in running order (instructions kept, for the caller to drop)."""
    story = row.story
    slots = {s.index: s for s in row.time.slots}
    media_groups = _media_groups(row)
    starting = {group[0].index: group for group in media_groups}
    parts: list[Part] = []
    for index, element in enumerate(story.elements):
        if element.kind is Kind.INSTRUCTION:
            parts.append(Instruction(element.text))
        elif index in starting:
            parts.append(_cue(starting[index], row, len(media_groups) == 1))
        elif not is_media(element):
            parts.append(Read(element, reader(element, story), slots[index].rate.per_minute))
    if not row.time.slots and row.runs_s:
        parts.append(Cue(row.format, row.runs_s * 1000, row.runs_estimated, row.outcue))
    return parts


def _media_groups(row: Row) -> list[list[Slot]]:
    """Runs of consecutive media slots (instructions between them do not break a run)."""
    groups: list[list[Slot]] = []
    previous_media = False
    for slot in row.time.slots:
        if is_media(slot.element):
            if previous_media:
                groups[-1].append(slot)
            else:
                groups.append([slot])
        previous_media = is_media(slot.element)
    return groups
