"""Who speaks each cue: role, colour, the label players show, and whether it is a person.

Anchor copy is white and the correspondent yellow (BBC convention); the guests of a story get
cyan, green and magenta in order of appearance, a colour each as far as the palette goes (a
fourth guest repeats the first guest colour). A guest with no name is labelled by role and
number across the bulletin ("Interviewee 1", "Interviewee 2"), so players and editors can
tell two unnamed speakers apart. A speaker whose name is an institution ("White House",
"Ministry of Unification", "NATO") is an organisation, not a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from castkit.model import Bulletin, Element, Kind, Role, Story

WHITE, YELLOW, CYAN, GREEN, MAGENTA = "#FFFFFF", "#FFFF00", "#00FFFF", "#00FF00", "#FF00FF"
GUEST_COLOURS = (CYAN, GREEN, MAGENTA)

_INSTITUTION_WORDS = frozenset(
    """house ministry office department agency council committee police government company corporation
    corp inc ltd association union commission party bank university embassy pentagon kremlin congress
    senate parliament assembly service administration authority court army navy command foundation
    institute bureau fund organization organisation federation board news network secretariat
    cabinet""".split()
)
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")


@dataclass(frozen=True)
class Voice:
    """One element's speaker as subtitles show it: ``label`` (``None`` for unnamed staff), the
    role value and the colour."""

    label: str | None
    role: str
    colour: str


def role_of(element: Element) -> Role:
    """Who speaks an element, by role, falling back on its kind when the role is unknown."""
    if element.speaker.role is not Role.UNKNOWN:
        return element.speaker.role
    if element.kind in (Kind.ANCHOR, Kind.TAG, Kind.QUESTION):
        return Role.ANCHOR
    if element.kind in (Kind.TRACK, Kind.STANDUP, Kind.SIGNOFF):
        return Role.CORRESPONDENT
    return Role.INTERVIEWEE


def is_organisation(name: str) -> bool:
    """Whether a speaker's name names an institution rather than a person."""
    parts = name.replace(",", " ").split()
    return any(p.lower() in _INSTITUTION_WORDS for p in parts) or (len(parts) == 1 and bool(_ACRONYM.match(parts[0])))


def voices(bulletin: Bulletin) -> dict[tuple[int, int], Voice]:
    """A :class:`Voice` for every spoken element, keyed by ``(story, element)`` index."""
    out: dict[tuple[int, int], Voice] = {}
    unnamed: dict[Role, int] = {}
    for s, story in enumerate(bulletin.stories):
        colours = _story_colours(story)
        for i, element in enumerate(story.elements):
            if not element.spoken:
                continue
            role = role_of(element)
            name = element.speaker.name
            if name:
                label: str | None = name
            elif role in (Role.ANCHOR, Role.CORRESPONDENT):
                label = None
            else:
                unnamed[role] = unnamed.get(role, 0) + 1
                label = f"{role.value.capitalize()} {unnamed[role]}"
            out[(s, i)] = Voice(label, role.value, colours[i])
    return out


def _story_colours(story: Story) -> dict[int, str]:
    """Colour per element index: anchor white, correspondent yellow, each guest its own."""
    colours: dict[int, str] = {}
    guests: dict[str, str] = {}
    for index, element in enumerate(story.elements):
        role = role_of(element)
        if not element.spoken:
            continue
        if role is Role.ANCHOR:
            colours[index] = WHITE
        elif role is Role.CORRESPONDENT:
            colours[index] = YELLOW
        else:
            key = element.speaker.name or f"#{index}"
            colours[index] = guests.setdefault(key, GUEST_COLOURS[len(guests) % len(GUEST_COLOURS)])
    return colours
