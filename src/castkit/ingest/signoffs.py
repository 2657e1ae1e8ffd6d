"""Sign-offs: the line that closes a package ("Kim Jung-sil, Arirang News.").

Outlets print it their own way: "Name, Outlet[, Place].", "This is KBS News reporter Name.",
"Name reporting for Outlet from Place.", "For NPR News, I'm Name in Place." and "Name, eFM
News." with the date after it on the same line. Each form is one pattern in ``_SIGNOFFS``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from castkit.ingest.names import NAME

_SIGNOFFS = [
    re.compile(p)
    for p in (
        # "Kim Jung-sil, Arirang News." / "Kim Jung-sil, Arirang News, Seoul."
        rf"^(?:This is\s+)?(?P<name>{NAME}),\s*(?P<outlet>[A-Z][\w&'’.-]*(?:\s+[A-Z0-9&][\w&'’.-]*){{0,4}})"
        rf"(?:,\s*(?P<place>{NAME}))?$",
        # "Kim Jung-sil reporting for Arirang News from Seoul."
        rf"^(?:This is\s+)?(?P<name>{NAME}),?\s+reporting(?:\s+for\s+(?P<outlet>{NAME}))?"
        rf"(?:\s+from\s+(?P<place>{NAME}))?$",
        # "For NPR News, I'm Anthony Kuhn in Seoul."
        rf"^For\s+(?P<outlet>{NAME}),\s+I(?:'m|’m| am)\s+(?P<name>{NAME})(?:\s+in\s+(?P<place>{NAME}))?$",
    )
]


# Words that open a "Word, Name." line that is not a sign-off ("Thanks, Mike.").
_NOT_SIGNOFFS = frozenset("Thanks Thank Hello Hi Yes No Well Okay OK Good Sure Right Now So And But".split())


@dataclass(frozen=True)
class SignOff:
    """A package's closing line: who reported, for which outlet, from where."""

    name: str
    outlet: str | None = None
    place: str | None = None


def signoff(sentence: str) -> SignOff | None:
    """Read "Name, Outlet." / "Name, Outlet, Place." (and "Name reporting for Outlet.")."""
    line = sentence.strip()
    if not line.endswith(".") or len(line) > 100:
        return None
    line = line[:-1].strip()
    for pattern in _SIGNOFFS:
        match = pattern.match(line)
        if match and match.group("name").split()[0] not in _NOT_SIGNOFFS:
            return SignOff(match.group("name"), match.group("outlet"), match.group("place"))
    return None
