"""Sign-offs: the line that closes a package ("Kim Jung-sil, Arirang News.").

Outlets print it their own way: "Name, Outlet[, Place].", "This is KBS News reporter Name.",
"Name reporting for Outlet from Place.", "For NPR News, I'm Name in Place." and "Name, eFM
News." with the date after it on the same line. Each form is one pattern in ``_SIGNOFFS``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from castkit.ingest.names import NAME

_OUTLET = r"(?:tbs\s+)?(?:[A-Z]|[a-z]{1,3}[A-Z])[\w&'’.-]*(?:\s+[A-Z0-9&][\w&'’.-]*){0,4}"
"""An outlet's name as it signs off: "Arirang News", "KBS News", "eFM News", "tbs eFM News"."""

_KOREAN_NAME = r"[가-힣]{2,4}"

_SIGNOFFS = [
    re.compile(p)
    for p in (
        # "Kim Jung-sil, Arirang News." / "Kim Jung-sil, Arirang News, Seoul." / "X, eFM News."
        rf"^(?:This is\s+)?(?P<name>{NAME}),\s*(?P<outlet>{_OUTLET})(?:,\s*(?P<place>{NAME}))?$",
        # "This is KBS News reporter Kang Hye-rim." / "This is Arirang's Kim Jung-sil"
        rf"^This is\s+(?P<outlet>{_OUTLET}?)(?:['’]s)?\s+(?:reporter|correspondent)\s+(?P<name>{NAME})$",
        # Korean: "YTN 홍길동입니다." / "KBS 뉴스 김민지 기자입니다."
        rf"^(?P<outlet>[A-Z]{{2,5}}(?:\s*뉴스)?|[가-힣]{{1,6}}뉴스(?:TV)?)\s+(?P<name>{_KOREAN_NAME})(?:\s*기자)?입니다$",
        # "Kim Jung-sil reporting for Arirang News from Seoul."
        rf"^(?:This is\s+)?(?P<name>{NAME}),?\s+reporting(?:\s+for\s+(?P<outlet>{NAME}))?"
        rf"(?:\s+from\s+(?P<place>{NAME}))?$",
        # "For NPR News, I'm Anthony Kuhn in Seoul."
        rf"^For\s+(?:the\s+)?(?P<outlet>{NAME}),\s+I(?:'m|’m| am)\s+(?P<name>{NAME})(?:\s+in\s+(?P<place>{NAME}))?$",
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


_TRAILING_DATE = re.compile(r"\.\s*(?:\d{4}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{1,2}\.?|[A-Z][a-z]+\.? \d{1,2}, \d{4})\s*$")
"""A date printed after the sign-off on the same line ("X, eFM News. 2024. 10. 14")."""


def signoff(sentence: str) -> SignOff | None:
    """Read "Name, Outlet." / "Name, Outlet, Place." (and "Name reporting for Outlet.")."""
    line = sentence.strip()
    if line[-1:].isdigit() or line[-2:-1].isdigit():  # a trailing date ends in a digit, or a digit and a full stop
        line = _TRAILING_DATE.sub(".", line)
    if not line.endswith(".") or len(line) > 100:
        return None
    line = line[:-1].strip()
    if "," not in line and "reporting" not in line and not line.startswith("This is") and not line.endswith("입니다"):
        return None  # every sign-off holds one of these: most sentences are settled without trying a pattern
    for pattern in _SIGNOFFS:
        match = pattern.match(line)
        if match and match.group("name").split()[0] not in _NOT_SIGNOFFS:
            found = match.groupdict()
            return SignOff(found["name"], found.get("outlet") or None, found.get("place"))
    return None
