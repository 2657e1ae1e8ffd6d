"""The bulletin the rundown tests share: two blocks, a package with TRT, a floated story, a break and a hard hit.

Hand-computed numbers (180 wpm default, 160 wpm speaking rate), start 20:00:00, slot 5:00:

| page | slug   | fmt    | read | runs | est | cume | front    | back     |
|------|--------|--------|------|------|-----|------|----------|----------|
| A1   | OPEN   | OPEN   | 0    | 10   | 10  | 0    | 20:00:00 | 20:00:29 |
| A2   | FLOODS | RDR    | 15   | 0    | 15  | 10   | 20:00:10 | 20:00:39 |
| A3   | LETTER | PKG    | 11   | 102  | 113 | 25   | 20:00:25 | 20:00:54 |
| A4   | SPARE  | RDR    | 10   | 0    | 10  | floated, excluded            |
| A5   | MARKET | VO/SOT | 4    | 9    | 13  | 138  | 20:02:18 | 20:02:47 |
| A6   | BREAK  | BREAK  | 0    | 60   | 60  | 151  | 20:02:31 | 20:03:00 |
| B1   | WEATHER| RDR    | 10   | 0    | 10  | 211  | 20:04:00 (hit; gap 0:29) | 20:04:42 |
| B2   | VOICES | SOT    | 0    | ~8   | 8   | 221  | 20:04:10 | 20:04:52 |

BACK (must start by) is timed to the next hit: block A to WEATHER's 20:04:00 hit (211 s of
stories before it), block B to the 20:05:00 end. Total EST 229; with the 29 s gap the show
ends 20:04:18, 42 s before 20:05:00: UNDER 0:42.
"""

from __future__ import annotations

from castkit.model import Bulletin, Element, Format, Kind, Role, Speaker, Story, Super

ANCHOR = Speaker("Anna Park", "Anchor", Role.ANCHOR)
KIM = Speaker("Kim Jung-sil", "Correspondent", Role.CORRESPONDENT)


def words_of(n: int, tail: str = "") -> str:
    return " ".join(f"w{i}" for i in range(n - len(tail.split()))) + (" " + tail if tail else "")


def bulletin() -> Bulletin:
    return Bulletin(
        title="Evening News",
        date="2025-06-12",
        start_ms=20 * 3600 * 1000,
        slot_ms=300_000,
        stories=[
            Story(title="Open", slug="OPEN", format=Format.OPEN, runs_ms=10_000, block="A"),
            Story(title="Floods", slug="FLOODS", talent="Anna Park", block="A",
                  elements=[Element(Kind.ANCHOR, words_of(45, "homes tonight."), ANCHOR)]),
            Story(
                title="Letter", slug="LETTER", talent="Anna Park", correspondent="Kim Jung-sil", block="A",
                runs_ms=102_000, target_ms=110_000,
                elements=[
                    Element(Kind.ANCHOR, words_of(27), ANCHOR),
                    Element(Kind.INSTRUCTION, "[TAKE PKG]"),
                    Element(Kind.TRACK, words_of(40), KIM),
                    Element(Kind.SOUNDBITE, words_of(25), Speaker(None, None, Role.INTERVIEWEE)),
                    Element(Kind.SOUNDBITE, words_of(20), Speaker("Cheong Seong-chang", "Sejong Institute", Role.INTERVIEWEE, inferred=True)),
                    Element(Kind.SOUNDBITE, words_of(20), Speaker("Lee Min-ho", None, Role.INTERVIEWEE),
                            super=Super(["Lee Min-ho", "Shop owner, Mapo-gu"])),
                    Element(Kind.SIGNOFF, "Kim Jung-sil, Arirang News.", KIM),
                    Element(Kind.TAG, words_of(6), ANCHOR),
                ],
            ),
            Story(title="Spare", slug="SPARE", floated=True, block="A",
                  elements=[Element(Kind.ANCHOR, words_of(30), ANCHOR)]),
            Story(title="Market", slug="MARKET", block="A", talent="Anna Park",
                  elements=[Element(Kind.ANCHOR, words_of(12), ANCHOR),
                            Element(Kind.SOUNDBITE, "prices went up again", Speaker("Choi", "Trader", Role.INTERVIEWEE),
                                    runs_ms=9000, out_cue='"…up again"')]),
            Story(title="Break", slug="BREAK", format=Format.BREAK, runs_ms=60_000, block="A"),
            Story(title="Weather", slug="WEATHER", block="B", talent="Anna Park", hit_ms=(20 * 3600 + 4 * 60) * 1000,
                  rate_wpm=144, elements=[Element(Kind.ANCHOR, words_of(24), ANCHOR)]),
            Story(title="Voices", slug="VOICES", block="B",
                  elements=[Element(Kind.SOUNDBITE, words_of(20, "=HYPERLINK(\"http://x\") <script>alert(1)</script>"),
                                    Speaker("-Dash @name", "+plus", Role.INTERVIEWEE))],
                  notes='=HYPERLINK("http://evil.example","click")'),
        ],
    )
