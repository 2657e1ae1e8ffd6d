"""MOS 2.8.5 export: ``roCreate.xml`` for the running order and one ``roStorySend-<storyID>.xml`` per story.

Each file is a complete ``<mos>`` message in UTF-8 with an XML declaration (a live MOS
connection re-encodes to UTF-16BE). Stories carry page (``storyNum``) and slug; each media
run becomes an ``item`` with its duration in samples at the configured time base; the
script goes in ``roStorySend/storyBody`` with the presenter and read rate, instructions
as ``<pi>``. castkit's own data travels only inside ``mosExternalMetadata``, under a single
payload root (a story's hard hit too, as ``hit``). Floated stories are not sent. IDs and slugs are cut to MOS's 128 characters.
``roEdStart`` carries its UTC offset (``Options.tz``, the machine's zone by default).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from castkit.errors import BadInput
from castkit.rundown.exports import Options
from castkit.rundown.script import Cue, Instruction, Read, story_script
from castkit.rundown.sheet import Row, Sheet, duration_text
from castkit.timing import format_exact, seconds

MAX_ID = 128
SCHEMA_URL = "https://castkit.example/mos/v1"


def _limit(text: str) -> str:
    return text[:MAX_ID]


def _id(text: str) -> str:
    """An ID safe in MOS and as part of a file name: letters, digits, ``.``, ``_`` and ``-``."""
    return _limit(re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "X")


def ro_id(sheet: Sheet) -> str:
    return _id(f"CASTKIT-{sheet.date or 'UNDATED'}-{sheet.title.upper()}")


def story_id(row: Row, number: int) -> str:
    return _id(f"S{number}-{row.page}")


def zone(name: str | None) -> tzinfo | None:
    """The IANA time zone ``name`` (``Asia/Seoul``), or ``None`` for the machine's own zone."""
    if name is None:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadInput(f"unknown time zone {name!r} (write an IANA name such as Europe/London or Asia/Seoul)", where="--tz") from None


def editorial_start(day: str, start_ms: int, tz: str | None = None) -> str:
    """``roEdStart`` with its UTC offset, ``2025-06-12T20:00:00+09:00``: the show's start as one instant.

    Without an offset MOS readers take the time as UTC (Sofie's library does), so 20:00 in
    Seoul would become 20:00 UTC. The offset is the zone's on that day (summer time included).
    """
    moment = datetime.combine(date.fromisoformat(day), time()) + timedelta(milliseconds=start_ms)
    place = zone(tz)
    aware = moment.replace(tzinfo=place) if place else moment.astimezone()
    return aware.isoformat(timespec="seconds")


def samples(ms: int, timebase: float) -> int:
    return round(ms / 1000 * timebase)


def _hhmmss(secs: int) -> str:
    """``roEdDur``: a duration as ``hh:mm:ss``, hours not wrapping at a day (unlike a clock time)."""
    return f"{secs // 3600:02d}:{secs // 60 % 60:02d}:{secs % 60:02d}"


def _metadata(parent, E, **fields: object) -> None:
    """``mosExternalMetadata`` with one ``<castkit>`` payload root holding ``fields`` as child elements."""
    payload = E.castkit(*[E(key, "" if value is None else str(value)) for key, value in fields.items()])
    parent.append(E.mosExternalMetadata(E.mosScope("PLAYLIST"), E.mosSchema(SCHEMA_URL), E.mosPayload(payload)))


def _message(E, options: Options, number: int, body) -> bytes:
    from lxml import etree

    message = E.mos(E.mosID(options.mos_id), E.ncsID(options.ncs_id), E.messageID(str(number)), body)
    return etree.tostring(message, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _item_fields(E, row: Row, sid: str, cue: Cue, number: int, options: Options) -> list:
    """The children an ``item`` and a ``storyItem`` share, in MOS order."""
    duration = str(samples(cue.runs_ms, options.timebase))
    return [
        E.itemID(str(number)),
        E.itemSlug(_limit(f"{row.slug} {cue.label}")),
        E.objID(_id(cue.media or f"{sid}-{cue.label}-{number}")),
        E.mosID(options.object_mos_id),
        E.itemEdStart("0"),
        E.itemEdDur(duration),
        E.itemUserTimingDur(duration),
    ]


def _items(E, row: Row, sid: str, options: Options) -> list:
    cues = [p for p in story_script(row) if isinstance(p, Cue)]
    items = []
    for n, cue in enumerate(cues, start=1):
        item = E.item(*_item_fields(E, row, sid, cue, n, options))
        _metadata(item, E, format=cue.label, timeBase=f"{options.timebase:g}", runs_s=seconds(cue.runs_ms),
                  estimated=str(cue.estimated).lower(), outcue=cue.outcue)
        items.append(item)
    return items


def ro_create(sheet: Sheet, options: Options) -> bytes:
    from lxml.builder import E

    body = E.roCreate(E.roID(ro_id(sheet)), E.roSlug(_limit(sheet.title)))
    if sheet.date and sheet.start_ms is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", sheet.date):
        body.append(E.roEdStart(editorial_start(sheet.date, sheet.start_ms, options.tz)))
    if sheet.slot_s is not None:
        body.append(E.roEdDur(_hhmmss(sheet.slot_s)))
    _metadata(body, E, timeBase=f"{options.timebase:g}", estS=sheet.est_s, readS=sheet.read_s, runsS=sheet.runs_s,
              overUnder=sheet.over_under or None, overUnderS=sheet.over_under_s)
    for number, row in enumerate(sheet.counted, start=1):
        sid = story_id(row, number)
        story = E.story(E.storyID(sid), E.storySlug(_limit(row.slug)), E.storyNum(_limit(row.page)))
        _metadata(story, E, format=row.format, talent=row.talent, reporter=row.reporter, words=row.words, rate=row.rate,
                  read=duration_text(row.read_s), runs=row.runs, est=duration_text(row.est_s), outcue=row.outcue,
                  supers="; ".join(s.text for s in row.supers), actual=duration_text(row.actual_s),
                  overUnder=row.diff, runningOverUnder=row.running_diff,
                  hit=None if row.story.hit_ms is None else format_exact(row.story.hit_ms, time_of_day=True))
        for item in _items(E, row, sid, options):
            story.append(item)
        body.append(story)
    return _message(E, options, 1, body)


def ro_story_send(sheet: Sheet, row: Row, number: int, options: Options) -> bytes:
    from lxml.builder import E

    sid = story_id(row, number)
    story_body = E.storyBody()
    presenter: str | None = None
    cue_number = 0
    for part in story_script(row):
        if isinstance(part, Read):
            if part.presenter and part.presenter != presenter:
                story_body.append(E.storyPresenter(part.presenter))
                story_body.append(E.storyPresenterRR(f"{part.rate_wpm:g}"))
                presenter = part.presenter
            story_body.append(E.p(part.element.text.strip()))
        elif isinstance(part, Instruction):
            story_body.append(E.p(E.pi(part.text.strip())))
        else:
            cue_number += 1
            story_body.append(E.p(E.pi(part.text)))
            story_body.append(E.storyItem(*_item_fields(E, row, sid, part, cue_number, options)))
            signoff = next((e for e in part.elements if e.kind.value == "signoff"), None)
            if signoff:
                story_body.append(E.p(E.pkg(signoff.text.strip())))
    body = E.roStorySend(E.roID(ro_id(sheet)), E.storyID(sid), E.storySlug(_limit(row.slug)), E.storyNum(_limit(row.page)), story_body)
    _metadata(body, E, format=row.format, read=duration_text(row.read_s), runs=row.runs, est=duration_text(row.est_s), outcue=row.outcue)
    return _message(E, options, number + 1, body)


def render(sheet: Sheet, options: Options) -> dict[str, bytes]:
    files = {"roCreate.xml": ro_create(sheet, options)}
    for number, row in enumerate(sheet.counted, start=1):
        files[f"roStorySend-{story_id(row, number)}.xml"] = ro_story_send(sheet, row, number, options)
    return files
