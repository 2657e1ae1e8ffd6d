"""Transcripts copied from a broadcaster's web page (the seed, arirang-284316.txt).

A story page is its title, a "Published on: 2025/06/12 20:00" line, the title again, site
UI ("Sentences Mode"), then one-sentence paragraphs of copy, the sign-off, an
"<outlet> <url>" footer and the comment box. Listing pages repeat title + date + copy for
several stories and squash each story's copy into one paragraph. Everything that is site
furniture is dropped (and listed in ``Parsed.dropped``); the copy is read by the shared
conventions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from castkit.ingest import conventions as cv
from castkit.ingest.base import Parsed, Style, register
from castkit.model import Bulletin, Source
from castkit.notices import Notice

_BYLINE = re.compile(rf"^(?:By|Reporter\s*:|Reported by)\s*(?P<name>{cv.NAME})(?:,\s+[\w ,'’-]{{1,60}})?$")
_SITE_UI = re.compile(r"^(?:sentences mode|paragraph mode|comments|.*logged in.*)$", re.IGNORECASE | re.MULTILINE)


@dataclass
class _Page:
    """One story's lines on the page, before the copy is read."""

    title: str
    published: datetime | None
    lines: list[str]
    dates: list[datetime | None]
    """Each line's :func:`castkit.ingest.conventions.timestamp`, read once when the page is cut."""


def _looks_like_title(line: str) -> bool:
    return len(line) <= 150 and line[-1] not in ".!?\"”" and not cv.is_boilerplate(line)


def _pages(lines: list[str], dropped: list[str]) -> list[_Page]:
    """Cut the page into stories: each starts with a title line followed by its date line."""
    dates = [cv.timestamp(line) for line in lines]
    dated = [i for i, when in enumerate(dates) if when and i > 0 and _looks_like_title(lines[i - 1])]
    if not dated:
        first = next((i for i, line in enumerate(lines) if _looks_like_title(line)), None)
        if first is None or first == len(lines) - 1:
            return [_Page("", None, lines, dates)]
        dropped.extend(lines[:first])
        return [_Page(lines[first], None, lines[first + 1 :], dates[first + 1 :])]
    dropped.extend(lines[: dated[0] - 1])
    ends = [at - 1 for at in dated[1:]] + [len(lines)]
    return [_Page(lines[at - 1], dates[at], lines[at + 1 : end], dates[at + 1 : end]) for at, end in zip(dated, ends)]


def _read_page(page: _Page, parsed: Parsed) -> None:
    """Read one story's copy into the bulletin, sorting furniture from copy."""
    source = Source()
    byline: str | None = None
    paragraphs: list[str] = []
    for line, when in zip(page.lines, page.dates):
        if footer := cv.footer_source(line):
            source = footer
            parsed.dropped.append(line)
        elif line == page.title and not paragraphs:
            parsed.dropped.append(line)  # the title printed again above the copy
        elif line.startswith(("By", "Repor")) and (byline_match := _BYLINE.match(line)):
            byline = byline_match.group("name")
            parsed.dropped.append(line)
        elif when or cv.is_boilerplate(line):
            parsed.dropped.append(line)
        else:
            copy, dateline = cv.without_dateline(line)
            if dateline:
                parsed.dropped.append(dateline)
            paragraphs.append(copy)
    reading = cv.read_paragraphs(paragraphs)
    parsed.dropped.extend(reading.dropped)
    reading.correspondent = reading.correspondent or byline
    story = cv.build_story(reading, title=page.title, published=page.published, source=source)
    label = page.title or "untitled story"
    if reading.warnings:
        parsed.warnings.extend(f"{label}: {w}" for w in reading.warnings)
    if not story.elements:
        parsed.warnings.append(f"{label}: no copy found")
    parsed.bulletin.stories.append(story)


def _titled_stories(page: _Page, parsed: Parsed) -> list[_Page]:
    """A page cut again at each story title line (numbered, bulleted, capitals, segment label).

    Each cut is a guessed story boundary, said in a ``story`` notice. Lines before the first
    title that hold no copy are the page's header: a programme line fills the bulletin's
    title and date, anything else is dropped.
    """
    titles = [(i, title) for i, line in enumerate(page.lines) if (title := cv.story_title(line))]
    if not titles:
        return [page]
    first = titles[0][0]
    head, head_dates = page.lines[:first], page.dates[:first]
    stories = []
    if any(not when and not cv.is_boilerplate(line) and not cv.footer_source(line) for line, when in zip(head, head_dates)):
        stories.append(_Page(page.title, page.published, head, head_dates))
    elif page.title:
        header = cv.air_time(page.title)
        if header and not parsed.bulletin.title:
            parsed.bulletin.title = header.programme or None
            parsed.bulletin.date, parsed.bulletin.start_ms = header.when.date().isoformat(), header.start_ms
        parsed.dropped.append(page.title)
        parsed.dropped.extend(head)
    ends = [at for at, _ in titles[1:]] + [len(page.lines)]
    for (at, title), end in zip(titles, ends):
        parsed.dropped.append(page.lines[at])
        stories.append(_Page(title, page.published, page.lines[at + 1 : end], page.dates[at + 1 : end]))
        parsed.guesses.append(Notice("story", title[:40], "a new story starts at this title line; check the story boundaries"))
    return stories


def parse(text: str) -> Parsed:
    """Read a web-page transcript (one story page or a listing of several)."""
    parsed = Parsed(bulletin=Bulletin(), style="web")
    lines = [line for line in map(str.strip, text.splitlines()) if line]
    for page in _pages(lines, parsed.dropped):
        for story in _titled_stories(page, parsed):
            _read_page(story, parsed)
    return parsed


def sniff(text: str) -> float:
    """Date line under the title, the title repeated, site UI, handoff and sign-off lines."""
    head = [line.strip() for line in text[:4000].splitlines() if line.strip()]
    if not head:
        return 0.0
    score = 0.0
    if any(cv.timestamp(line) for line in head[1:6]):
        score += 0.35
    if head[0] in head[1:8]:
        score += 0.25
    if _SITE_UI.search(text[:4000]) or _SITE_UI.search(text[-2000:]):
        score += 0.2
    tail = [line.strip() for line in text[-4000:].splitlines() if line.strip()]
    if any(cv.handoff_name(s) for line in head[:12] for s in cv.split_quotes(line)):
        score += 0.15
    if sum(1 for line in head if cv.story_title(line)) >= 2 and any(cv.handoff_name(line) or cv.signoff(line) for line in head):
        score += 0.35  # a page of several stories, each under its title
    if any(cv.signoff(line) or cv.footer_source(line) for line in tail[-6:]):
        score += 0.15
    return min(score, 0.9)


STYLE = register(Style("web", "web page transcript: title, date line, site UI, one-sentence paragraphs", sniff, parse))
