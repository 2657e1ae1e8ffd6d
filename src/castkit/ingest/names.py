"""How scripts print people's names, and how anchors say them on air."""

from __future__ import annotations

import re

_NAME_WORD = r"[A-Z][\w'’.-]{0,60}"
NAME = rf"{_NAME_WORD}(?: {_NAME_WORD}){{0,3}}"
"""A person's name as scripts print it: one to four capitalised words ("Kim Jung-sil", "Jean-Pierre Dupont").

A hyphen stays inside a word and words are at most 61 characters, so a line of "A-A-A-…" or
one endless capitalised word is read in linear time: were a hyphen also a word separator, every
way of cutting such a run into four words would be tried before a pattern around the name fails.
"""

_PRESENTER = re.compile(rf"\bI(?:'m|’m| am)\s+(?P<name>{NAME})")


def address_name(name: str) -> str:
    """How an anchor addresses a colleague on air: the given name.

    Korean names put the family name first and hyphenate the given name ("Kim Bo-kyoung" ->
    "Bo-kyoung"); others put it first ("Daniel Lee" -> "Daniel").
    """
    parts = name.split()
    if len(parts) > 1 and "-" in parts[-1]:
        return parts[-1]
    return parts[0]


def presenter_name(copy: str) -> str | None:
    """The presenter a greeting introduces ("Good evening. I'm Oh Jung-hee." -> Oh Jung-hee)."""
    match = _PRESENTER.search(copy)
    return match.group("name").rstrip(".") if match else None
