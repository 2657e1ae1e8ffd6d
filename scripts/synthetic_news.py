"""Generated newsroom material for the benchmarks and tests: bulletins and transcript pairs.

Everything is drawn from a seeded :class:`random.Random`, so a size and a seed always give
the same text. Nothing here is a real story; the shapes are real: packages with track,
soundbites, stand-up and sign-off, readers, voice-overs with a bite, live two-ways, breaks.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
import re

ANCHORS = ("Jane Doe", "Park Ji-won")
CORRESPONDENTS = ("Kim Jung-sil", "Choi Min-ho", "Lee Seo-yeon", "Tom Baker", "Han Da-eun", "Oh Jae-hyuk")
INTERVIEWEES = (
    ("Ahn Duk-geun", "Minister of Trade, Industry and Energy"), ("Karine Jean-Pierre", "White House Press Secretary"),
    ("Dr. Oh Min-jae", "Emergency Medicine, Seoul National University Hospital"), ("Kim Soon-ja", "Resident, Jongno District"),
    ("Lee Ji-hyung", "Korea International Trade Association"), ("Maria Lopez", "Economist, Capital Markets Institute"),
    ("Yoon Tae-sik", "Fisherman, Busan"), ("Sarah Cho", "Spokesperson, Ministry of Unification"),
)
PLACES = ("Seoul", "Busan", "Washington", "Pyongyang", "Tokyo", "Beijing", "Incheon", "Daegu", "Gwangju", "Geneva")
SUBJECTS = ("tariff talks", "heat wave", "export figures", "housing market", "election campaign", "rail strike",
            "typhoon season", "chip industry", "border talks", "interest rates", "wildfire recovery", "tourism boom")
ACTORS = ("The government", "The central bank", "Officials", "Lawmakers", "The ministry", "Prosecutors",
          "The U.S. administration", "Local authorities", "Analysts", "The opposition party", "Residents", "Unions")
VERBS = ("announced", "rejected", "approved", "delayed", "confirmed", "questioned", "welcomed", "proposed")
THINGS = ("a new support package", "the revised budget", "stricter safety rules", "an emergency meeting",
          "the trade agreement", "a review of the plan", "fresh sanctions", "the court's decision")
TIMES = ("on Tuesday", "late last night", "earlier today", "this morning", "at 9 a.m. local time",
         "after weeks of debate", "for the first time in 16 months", "ahead of next week's summit")
FIGURES = ("3.5 percent", "1,200 people", "about 40 billion won", "nearly 2 percent", "more than 300 homes",
           "14 consecutive days", "a record 61 degrees", "half of all households")


def _lower_first(text: str) -> str:
    """``The ministry`` -> ``the ministry`` inside a sentence; ``U.S.`` stays as it is."""
    return text if text[1:2].isupper() or text[1:2] == "." else text[0].lower() + text[1:]


def _sentence(rng: random.Random, subject: str, place: str) -> str:
    """One sentence of narration about ``subject`` in ``place``, from a few news-copy patterns."""
    c = rng.choice
    patterns = (
        f"{c(ACTORS)} {c(VERBS)} {c(THINGS)} {c(TIMES)}, as {place} faces a critical week over the {subject}.",
        f"The figures show {c(FIGURES)} affected by the {subject}, up from last year.",
        f"In {place}, {_lower_first(c(ACTORS))} say the {subject} could take months to resolve.",
        f"{c(ACTORS)} {c(VERBS)} {c(THINGS)}, but critics say it does too little, too late.",
        f"Since the {subject} began, {c(FIGURES)} have been counted in {place} alone.",
        f"The plan, {c(VERBS)} {c(TIMES)}, covers {c(FIGURES)} and takes effect next month.",
        f"{c(ACTORS)} in {place} {c(VERBS)} the move, calling it a first step.",
        f"Experts warn that the {subject} will weigh on growth well into next year.",
    )
    return c(patterns)


def _paragraph(rng: random.Random, subject: str, place: str, words: int) -> str:
    """Sentences about ``subject`` until about ``words`` words."""
    out: list[str] = []
    count = 0
    while count < words:
        sentence = _sentence(rng, subject, place)
        out.append(sentence)
        count += sentence.count(" ") + 1
    return " ".join(out)


def _quote(rng: random.Random, subject: str, place: str, words: int) -> str:
    return f"We are doing everything we can. {_paragraph(rng, subject, place, words)} We will keep working on it."


def _element(kind: str, speaker: str, text: str, *fields: str) -> list[str]:
    """The markup lines of one element: a blank line, ``[KIND] speaker``, its fields, its text."""
    return ["", f"[{kind}] {speaker}".rstrip(), *fields, text]


def _soundbite(rng: random.Random, subject: str, place: str, words: int, supers: bool) -> list[str]:
    name, title = rng.choice(INTERVIEWEES)
    fields = [f"TITLE: {title}", f"RUNS: :{rng.randint(8, 15):02d}"]
    if supers:
        fields += [f"SUPER: {name}", f"SUPER: {title}"]
    return _element("SOUNDBITE", name, _quote(rng, subject, place, words), *fields)


def _story(rng: random.Random, page: str, fmt: str, anchor: str) -> list[str]:
    """The markup lines of one story in format ``fmt``."""
    subject, place = rng.choice(SUBJECTS), rng.choice(PLACES)
    reporter = rng.choice(CORRESPONDENTS)
    lines = [f"=== {place.upper()} {subject.upper()}", f"PAGE: {page}", f"SLUG: {place[:4].upper()}-{subject.split()[0].upper()}"]
    if fmt == "BREAK":
        return [*lines, "FORMAT: BREAK", f"RUNS: {rng.choice(('1:30', '2:00'))}"]
    if fmt == "VO/SOT":
        lines.append("FORMAT: VO/SOT")
    if fmt in ("PKG", "LIVE"):
        lines.append(f"CORRESPONDENT: {reporter}")
    lead = _paragraph(rng, subject, place, rng.randint(30, 60))
    if fmt == "PKG":
        lines += _element("ANCHOR", anchor, f"{lead}\nOur correspondent {reporter} has the story.")
        for _ in range(rng.randint(2, 3)):
            lines += _element("TRACK", reporter, _paragraph(rng, subject, place, rng.randint(70, 110)))
            lines += _soundbite(rng, subject, place, rng.randint(15, 30), supers=True)
        lines += _element("STANDUP", reporter, f"Here in {place}, {_lower_first(_paragraph(rng, subject, place, 30))}")
        lines += _element("SIGNOFF", reporter, f"{reporter}, Arirang News, {place}.")
    elif fmt == "VO/SOT":
        lines += _element("ANCHOR", anchor, lead)
        lines += _element("INSTRUCTION", "", f'Take VO on "{place}".')
        lines += _element("TRACK", anchor, _paragraph(rng, subject, place, rng.randint(30, 50)))
        lines += _soundbite(rng, subject, place, rng.randint(10, 20), supers=False)
    elif fmt == "LIVE":
        first = reporter.split()[-1]
        lines += _element("ANCHOR", anchor, f"{lead}\nWe go live to {place} now. Our {reporter} is standing by.")
        for _ in range(rng.randint(2, 3)):
            lines += _element("QUESTION", anchor, f"{first}, what is the latest on the {subject}?")
            lines += _element("ANSWER", reporter, _paragraph(rng, subject, place, rng.randint(60, 100)))
        lines += _element("TAG", anchor, f"Thank you, {first}.")
    else:
        lines += _element("ANCHOR", anchor, lead)
    return lines


_NOT_SPOKEN = re.compile(r"$|\[|===|[A-Z]+: ")
"""Blank, element, story and field lines of the markup."""

# The running order of one hour's block: packages, readers, voice-overs, live two-ways, a break.
_BLOCK = ("PKG", "RDR", "VO/SOT", "PKG", "RDR", "LIVE", "RDR", "BREAK")


def bulletin_markup(minutes: int = 60, seed: int = 2025) -> str:
    """A bulletin of about ``minutes`` on air (read at 150-180 wpm, plus breaks), in castkit markup.

    One hour is about 9,000 spoken words over some 45 stories in blocks of packages, readers,
    voice-overs with a soundbite, live two-ways and breaks.
    """
    rng = random.Random(seed)
    lines = [
        "# castkit script 1", "SHOW: Arirang News Hour", "DATE: 2025-06-12", "START: 20:00:00",
        f"SLOT: {minutes}:00", f"PRESENTER: {ANCHORS[0]}, 170 wpm", f"PRESENTER: {ANCHORS[1]}, 160 wpm", "",
    ]
    budget_ms = minutes * 60_000
    spent_ms = 0
    story = 0
    while spent_ms < budget_ms:
        fmt = _BLOCK[story % len(_BLOCK)]
        block = chr(ord("A") + story // len(_BLOCK))
        body = _story(rng, f"{block}{story % len(_BLOCK) + 1}", fmt, ANCHORS[story % 2])
        words = sum(line.count(" ") + 1 for line in body if not _NOT_SPOKEN.match(line))
        spent_ms += 105_000 if fmt == "BREAK" else words * 60_000 // 175
        lines += [*body, ""]
        story += 1
    return "\n".join(lines)


def transcript_pair(rng: random.Random, words: int, vocab: int = 6000) -> tuple[list[str], list[str]]:
    """A news-like reference and hypothesis: Zipf vocabulary of ``vocab`` types; 5 % S, 3 % D, 3 % I."""
    lexicon = [f"w{k}" for k in range(vocab)]
    weights = [1 / (k + 1) for k in range(vocab)]
    ref = rng.choices(lexicon, weights, k=words)
    return ref, misheard(rng, ref, lexicon)


def misheard(rng: random.Random, words: list[str], vocabulary: Sequence[str]) -> list[str]:
    """What a recogniser might make of ``words``: about 5 % substituted, 3 % deleted, 3 % inserted from ``vocabulary``."""
    heard: list[str] = []
    for word in words:
        roll = rng.random()
        if roll < 0.05:
            heard.append(rng.choice(vocabulary))
        elif roll >= 0.08:
            heard.append(word)
        if rng.random() < 0.03:
            heard.append(rng.choice(vocabulary))
    return heard
