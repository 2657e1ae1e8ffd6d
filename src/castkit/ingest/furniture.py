"""Page furniture: what a scraped page carries around the copy and nobody says on air.

Site UI and share buttons, login prompts and copyright lines are dropped (:func:`is_boilerplate`);
date lines and programme headers are read for the story's date and air time (:func:`timestamp`,
:func:`air_time`); an "<outlet> <url>" footer gives the source (:func:`footer_source`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from castkit.ingest.cues import mentions
from castkit.model import Source

_FURNITURE_LABELS = (
    r"sentences mode|paragraph mode|comments?|share|share this|print|"
    r"listen|listen to this article|font size|text size|[a+\-−\s]{1,6}|copy url|copy link|facebook|twitter|x|kakaotalk|"
    r"e-?mail|top|save|bookmark|share (?:this )?(?:article|story|page)|getty images|related topics|more on this story|"
    r"top stories|advertisement|related (?:articles|news|videos)|most viewed|more news|"
    r"previous(?: article)?|next(?: article)?|list|back to list|go to list|subscribe|watch on youtube|all rights reserved\.?|"
    r"로그인|댓글|공유하기|공유|목록|인쇄|기사 ?듣기|글자 ?크기|이전 ?기사|다음 ?기사|\((?:commercial )?break\)"
)
"""Furniture lines of a few words: site UI, share and text-size buttons; none longer than :data:`_LABEL_WIDTH`."""
_LABEL_WIDTH = 30
_CONTACT_LEAD = r"\[(?:카카오톡|전화|메일|이메일)\].*"
"""A broadcaster's contact line ("[카카오톡] YTN 검색해 채널 추가"): the only furniture opening with a bracket."""
_FURNITURE_LEADS = (
    r"\d+\s+comments?|image (?:source|caption)\b.*|follow us\b.*|(?:last )?updated:?\s.{0,40}\d.*|"
    r"(?:you must be )?(?:logged in|log in|login|sign in|signed in)\b.*|"
    r"(?:your|this) browser does not support.*|"
    rf"copyright\b.*|©.*|무단 ?전재.*|ⓒ.*|※.*|{_CONTACT_LEAD}|"
    r"(?:촬영기자|영상기자|영상편집|영상취재|그래픽|촬영|편집)\s*:.*|"  # KBS/YTN credits: "촬영기자:김철수/영상편집:이영희"
    r"(?:reporting|writing|editing|additional reporting) by\b.*|our standards:.*|_{3,}|"
    r"\d{4}\s*\.\s*\d{1,2}\s*\.\s*\d{1,2}\.?\s*~?"  # a title card's date: "2024. 10. 14~"
)
"""Furniture lines of any length, each told by how it opens ("Copyright ...", "Updated: ...")."""
_BOILERPLATE = re.compile(rf"^(?:{_FURNITURE_LABELS}|{_FURNITURE_LEADS})$", re.IGNORECASE)
_LONG_BOILERPLATE = re.compile(rf"^(?:{_FURNITURE_LEADS})$", re.IGNORECASE)
"""What a line longer than any label can still be: a line of copy is tried against a fifth of the furniture."""
_BRACKETED_BOILERPLATE = re.compile(rf"^(?:{_CONTACT_LEAD})$")
"""What a line opening with a bracket can be: a short section marker ("[Pkg]") is tried against one pattern, not every label."""
_BOILERPLATE_ANYWHERE = re.compile(
    r"\bto (?:add|leave|post) a comment\.?$|enable javascript|unauthorized reproduction|재배포 ?금지|contributed to this report\.?$",
    re.IGNORECASE,
)
"""Furniture told by words anywhere on a line (searched once, not scanned for from every character),
only tried on a line mentioning one of :data:`_ANYWHERE_WORDS`."""
_ANYWHERE_WORDS = ("comment", "javascript", "unauthorized", "재배포", "contributed")
_URL = re.compile(r"https?://\S+")
_FOOTER = re.compile(r"^(?P<outlet>[^\s:/][^:/]{0,60}?)\s+(?P<url>https?://\S+)$")
_DATE_LINE_WORDS = ("published", "posted", "updated", "modified", "입력", "수정", "등록")
_TIMESTAMP = re.compile(
    rf"^(?:(?:{'|'.join(_DATE_LINE_WORDS)})(?:\s+on)?\s*:?\s*)?"
    r"(?P<y>\d{4})[./-](?P<m>\d{1,2})[./-](?P<d>\d{1,2})\.?"
    r"(?:\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?(?:\s*(?:KST|UTC|GMT|[AP]M))?$",
    re.IGNORECASE,
)


_TIMESTAMP_LEADS = "".join({letter for word in _DATE_LINE_WORDS for letter in (word[0], word[0].upper())})
"""The first letters, in either case, of the words a date line may open with."""


_DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z .'-]{1,40}(?:, [A-Z][\w .'-]{1,40})?(?:, [A-Z][a-z]{2,8}\.? \d{1,2})? "
    r"\((?:AP|Reuters|AFP|Yonhap|UPI|CNN|BBC)\)\s*[—–-]+\s*)"
)
"""A wire story's dateline: "SEOUL, South Korea (AP) — " or "SEOUL, June 12 (Reuters) - "."""


def without_dateline(line: str) -> tuple[str, str | None]:
    """The line without a wire dateline in front, and the dateline (None when there is none)."""
    match = _DATELINE.match(line) if "(" in line else None  # every dateline names its agency in parentheses
    return (line[match.end() :], match.group("dateline").strip()) if match else (line, None)


def timestamp(line: str) -> datetime | None:
    """A date line ("Published on: 2025/06/12 20:00", "2024.11.03 14:25 KST") as a datetime."""
    stripped = line.strip()
    if not (stripped[:1].isdecimal() or stripped[:1] in _TIMESTAMP_LEADS):
        return None  # it opens with the year or a "published" word: most lines open with neither
    match = _TIMESTAMP.match(stripped)
    if not match:
        return None
    parts = {k: int(v) for k, v in match.groupdict().items() if v}
    try:
        return datetime(parts["y"], parts["m"], parts["d"], parts.get("H", 0), parts.get("M", 0), parts.get("S", 0))
    except ValueError:
        return None


_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATES = [
    re.compile(r"\b(?P<y>\d{4})[./-](?P<m>\d{1,2})[./-](?P<d>\d{1,2})\b\.?"),
    re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b(?P<d>\d{{1,2}})\s+{_MONTH}\s+(?P<y>\d{{4}})\b", re.IGNORECASE),
]
_YEAR = re.compile(r"\d\d\d\d")  # spelt out: the engine scans for it faster than for \d{4}
_CLOCK = re.compile(r"\b(?P<H>\d{1,2})(?::(?P<M>\d{2}))?\s*(?P<half>[ap])\.?m\b\.?|\b(?P<H24>\d{1,2}):(?P<M24>\d{2})\b", re.IGNORECASE)
# What surrounds the date on a header line without being the programme's name.
_HEADER_NOISE = re.compile(
    r"\[[^\]]{0,200}\]|\((?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\)|"  # bounded: "[[[…" without "]" is not rescanned from every "["
    r"\b(?:KST|ET|EST|EDT|CT|PT|PST|PDT|UTC|GMT|aired|full (?:episode|show)|published|posted|updated|on)\b|"
    r"입력|수정|등록|[|()\-–—:,]",
    re.IGNORECASE,
)
_MONTHS = tuple("jan feb mar apr may jun jul aug sep oct nov dec".split())
"""What every month name opens with: a line holding none is not searched for a spelt-out date."""


@dataclass(frozen=True)
class AirTime:
    """A programme header or dateline: the programme's name ("" when none) and when it aired."""

    programme: str
    when: datetime
    has_time: bool

    @property
    def start_ms(self) -> int | None:
        """The time of day it aired, in milliseconds after midnight; None when the line gave only a date."""
        return (self.when.hour * 3600 + self.when.minute * 60) * 1000 if self.has_time else None


def air_time(line: str) -> AirTime | None:
    """Read "KBS NEWS 9 | March 4, 2025 9:00 PM", "Arirang News 20:00 (2025-06-12)",
    "Aired June 12, 2025 - 14:00 ET" or "입력 2025.06.12 (21:05)"; None without a date.

    The first date and the first clock time on the line count (a page's later "updated"
    stamp does not); what is left once dates, times, weekdays and time zones are taken out is the
    programme's name.
    """
    if not _YEAR.search(line):  # every date pattern has a year: most lines are settled by one quick scan
        return None
    patterns = _DATES if mentions(line, _MONTHS) else _DATES[:1]
    found = [match for pattern in patterns if (match := pattern.search(line))]
    if not found:
        return None
    match = min(found, key=re.Match.start)
    parts = match.groupdict()
    month = int(parts["m"]) if parts.get("m") else _MONTHS.index(parts["mon"][:3].lower()) + 1
    rest = line[: match.start()] + " " + line[match.end() :]
    clock = _CLOCK.search(rest)
    hour = minute = 0
    if clock:
        hour = int(clock.group("H") or clock.group("H24"))
        minute = int(clock.group("M") or clock.group("M24") or 0)
        if clock.group("half"):
            hour = hour % 12 + (12 if clock.group("half").lower() == "p" else 0)
        rest = rest[: clock.start()] + " " + rest[clock.end() :]
        rest = _DATES[0].sub(" ", _CLOCK.sub(" ", rest))  # later stamps ("수정 2025.06.12 (21:40)")
    try:
        when = datetime(int(parts["y"]), month, int(parts["d"]), hour, minute)
    except ValueError:
        return None
    programme = " ".join(_HEADER_NOISE.sub(" ", rest).split())
    return AirTime(programme, when, clock is not None)


def footer_source(line: str) -> Source | None:
    """An "<outlet> <url>" footer ("Arirang news https://www.arirang.com/...") as a Source."""
    match = _FOOTER.match(line.strip()) if "://" in line else None
    if not match:
        return None
    return Source(outlet=match.group("outlet").strip(), url=match.group("url"))


def is_boilerplate(line: str) -> bool:
    """Site furniture that is never spoken: UI labels, text-size and share buttons, "Updated" stamps,
    title-card dates ("2024. 10. 14~"), login prompts, bare URLs."""
    stripped = line.strip()
    if len(stripped) > _LABEL_WIDTH:
        furniture = _LONG_BOILERPLATE
    else:  # a section marker ("[Pkg]") is no label: tried against the one furniture opening with a bracket
        furniture = _BRACKETED_BOILERPLATE if stripped.startswith("[") else _BOILERPLATE
    if furniture.match(stripped):  # anchored, so tried before the search along the line
        return True
    anywhere = "\n" not in stripped and mentions(stripped, _ANYWHERE_WORDS) and _BOILERPLATE_ANYWHERE.search(stripped)
    linked = "://" in stripped  # a bare URL and a footer both hold one
    return bool(anywhere or (linked and (_URL.fullmatch(stripped) or footer_source(stripped))))


_NUMBERED_TITLE = re.compile(r"^(?P<n>\d{1,2})[.)]\s+(?P<title>\S.{2,140})$")
_BULLETS = "•≡■□▶▷►◆◇●○※▣"
_BULLET_TITLE = re.compile(rf"^[{_BULLETS}]\s*(?P<title>\S.{{2,140}})$")
_SEGMENT_LABEL = re.compile(r"^\((?P<title>[A-Z][A-Z0-9 &'’/-]{2,40})\)$")
_TITLE_ENDS = tuple(".!?,;:\"”")
"""Last characters of a sentence or a label, never of a title."""


def story_title(line: str) -> str | None:
    """The title when ``line`` opens a new story on a multi-story page, else None.

    A numbered title ("2. Heat wave grips Seoul"), a bullet title ("■ Heat wave grips Seoul",
    "≡ ..."), a segment label in parentheses ("(BUSINESS REPORT)") or an all-capitals title
    line ("HEAT WAVE GRIPS SEOUL") starts a story; sentences, labels ending in a colon and
    page furniture do not.
    """
    stripped = line.strip()
    if not stripped or stripped.endswith(_TITLE_ENDS):
        return None
    lead = stripped[0]  # a number, a bullet or a parenthesis: the title patterns are tried only on a line opening with theirs
    opening = _NUMBERED_TITLE if lead.isdecimal() else _BULLET_TITLE if lead in _BULLETS else None
    match = opening.match(stripped) if opening else None
    title = match.group("title").strip() if match and len(match.group("title").split()) <= 16 else None
    if lead == "(" and (match := _SEGMENT_LABEL.match(stripped)):
        title = match.group("title").strip().title()
    elif title is None and not any(map(str.islower, stripped)) and 3 <= len(stripped.split()) <= 14 and sum(map(str.isupper, stripped)) > 4:
        title = None if timestamp(stripped) else stripped
    return None if title is None or is_boilerplate(stripped) else title
