"""Fuzzing every parser: whatever the text, castkit either reads it or raises its own error.

Inputs are built from real material (the seed, every ingest fixture, subtitle files of every
format made from the seed) cut, spliced and sprinkled with the characters each format gives
meaning to, so the parsers are pushed past their happy paths rather than fed noise they
reject on the first line. Any exception that is not a :class:`castkit.errors.CastkitError`
fails the test with the input that caused it.
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from castkit import model, timings
from castkit.errors import CastkitError
from castkit.files import decode
from castkit.ingest import parse_text, styles
from castkit.ingest.markup import _KEYS as MARKUP_KEYS
from castkit.ingest.markup import to_markup
from castkit.qa import gate, ner
from castkit.qa.inputs import KINDS, detect, from_text
from castkit.qa.normalize import Normalization, load_substitutions
from castkit.qa.score import compare
from castkit.qa.trn import parse_trn
from castkit.rundown import EXPORTS, build_sheet
from castkit.rundown.exports import render as render_rundown
from castkit.subtitles.cue import Cue
from castkit.subtitles.cues import build_cues
from castkit.subtitles.formats import MODULES as SUBTITLE_WRITERS
from castkit.subtitles.formats import lead_for, profile_for, render
from castkit.subtitles.lint import lint_cues
from castkit.subtitles.profiles import BUILTIN, Profile, load_profile
from castkit.subtitles.read import FORMATS, parse_cues
from castkit.timing import estimate_timeline, load_rates, parse_clock, parse_duration
from conftest import FIXTURES, SEED

EXAMPLES = int(os.environ.get("CASTKIT_FUZZ_EXAMPLES", "150"))
"""Examples per test: 150 keeps the file near 10 s; set CASTKIT_FUZZ_EXAMPLES=3000 for a long hunt."""

FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def subtitles(bulletin, timeline, fmt: str) -> str:
    """The bulletin's subtitles in ``fmt``, as castkit subs makes them."""
    return render(build_cues(bulletin, timeline, profile_for(fmt, BUILTIN["broadcast"]), lead=lead_for(fmt)), fmt)


SCRIPTS = [SEED.read_text("utf-8"), *(p.read_text("utf-8") for p in sorted(FIXTURES.rglob("*")) if p.is_file() and p.suffix in (".txt", ".castkit"))]
SEED_BULLETIN = parse_text(SCRIPTS[0]).bulletin
SEGMENT = model.bulletin_to_dict(SEED_BULLETIN)
TIMINGS = timings.to_dict(estimate_timeline(SEED_BULLETIN))
SUBTITLE_FILES = {fmt: subtitles(SEED_BULLETIN, estimate_timeline(SEED_BULLETIN), fmt) for fmt in ("srt", "ass", "vtt", "ttml", "ebu-tt-d", "scc")}


def _lines(texts: list[str]) -> list[str]:
    return sorted({line for text in texts for line in text.splitlines() if line.strip()})


SCRIPT_LINES = _lines(SCRIPTS)
SUBTITLE_LINES = _lines(list(SUBTITLE_FILES.values()))
SPECIAL = "\n\r\t :-->[]{}<>()=,.;#\\/\"'&|*0123456789\ufeff\u200b\u3000한국어é"


def line_from(pool: list[str]) -> st.SearchStrategy[str]:
    """A real line, whole or cut at a random point, or a short run of meaningful characters."""
    whole = st.sampled_from(pool)
    cut = st.tuples(whole, st.integers(0, 200), st.booleans()).map(lambda t: t[0][: t[1]] if t[2] else t[0][t[1] :])
    return st.one_of(whole, cut, st.text(SPECIAL, max_size=20), st.text(max_size=20))


def text_from(pool: list[str], max_lines: int = 40) -> st.SearchStrategy[str]:
    return st.lists(line_from(pool), max_size=max_lines).map("\n".join)


def spliced(documents: list[str]) -> st.SearchStrategy[str]:
    """A real document with a stretch cut out, replaced or duplicated, or cut short."""
    def edit(doc: str, a: int, b: int, insert: str, how: int) -> str:
        a, b = sorted((a % (len(doc) + 1), b % (len(doc) + 1)))
        return (doc[:a] + insert + doc[b:], doc[:a], doc[:b] + doc[a:], doc[:a] + insert)[how]

    return st.builds(edit, st.sampled_from(documents), st.integers(0, 10**6), st.integers(0, 10**6),
                     st.text(SPECIAL, max_size=8), st.integers(0, 3))


HIDDEN_FROM_USERS = (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning)
"""Warning categories Python does not show a command-line user; any other warning would reach stderr."""


def survives(call, *args, **kwargs) -> None:
    """Run ``call``; castkit's own errors are the only acceptable failure, and no warning may reach the user."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for category in HIDDEN_FROM_USERS:
            warnings.simplefilter("ignore", category)
        try:
            call(*args, **kwargs)
        except CastkitError:
            pass


# ------------------------------------------------------------------ scripts in every house style

@FUZZ
@given(text=st.one_of(text_from(SCRIPT_LINES), spliced(SCRIPTS)), style=st.sampled_from([None, *sorted(styles())]))
def test_script_ingest_in_every_style(text, style):
    survives(parse_text, text, style=style, name="fuzz.txt")


@FUZZ
@given(text=spliced([to_markup(parse_text(s).bulletin) for s in SCRIPTS[:4]]))
def test_markup(text):
    survives(parse_text, text, style="markup")


FIELD_VALUE = st.one_of(
    st.sampled_from(["0", "-180", "nan", "inf", "1e-300", "172 wpm", ":09", "1:02:03.5", "99:99", "25:00", "45s", "yes", "maybe",
                     "PKG", "VO/SOT", "anchor", "2025-06-12T20:00", "2025-13-45", "Anna Park, 0 wpm", "Anna Park, 172 wpm", ""]),
    st.text(SPECIAL, max_size=8),
)


def fields_at(level: str) -> st.SearchStrategy[list[str]]:
    return st.lists(st.tuples(st.sampled_from(MARKUP_KEYS[level]), FIELD_VALUE).map(lambda kv: f"{kv[0]}: {kv[1]}"), max_size=3)


MARKUP_WITH_FIELDS = st.builds(
    lambda show, story, element, text: "\n".join(["# castkit script 1", *show, "", "=== A story", *story, "", "[ANCHOR] Anna Park",
                                                  *element, text]),
    fields_at("bulletin"), fields_at("story"), fields_at("element"), line_from(SCRIPT_LINES),
)
"""Markup whose show, story and element fields take any value: each is read into the model and timed."""


def write_everything(text: str, style: str | None) -> None:
    """Parse ``text`` and put it through every writer: model JSON and markup, each rundown export, each subtitle format."""
    bulletin = parse_text(text, style=style).bulletin
    sheet = build_sheet(bulletin)
    for name in EXPORTS:
        render_rundown(sheet, name)
    if any(story.spoken_elements for story in bulletin.stories):
        timeline = estimate_timeline(bulletin)
        for fmt in SUBTITLE_WRITERS:
            subtitles(bulletin, timeline, fmt)
    model.loads(model.dumps(bulletin))
    parse_text(to_markup(bulletin), style="markup")


@settings(FUZZ, max_examples=max(5, FUZZ.max_examples // 3))
@given(text=st.one_of(text_from(SCRIPT_LINES), spliced(SCRIPTS), st.text(max_size=300)), style=st.sampled_from([None, *sorted(styles())]))
@example(text="Party leader said the budget\x15 should \x1btarget the most vulnerable.\x00", style=None).via("XLSX and XML writers refused control characters")
@example(text=json.dumps(SEGMENT).replace("President", "Pres\\u0001ident"), style=None).via("the same, escaped in segment JSON")
@example(text=json.dumps({**SEGMENT, "rate_wpm": float("nan")}), style=None).via("NaN read rate in segment JSON")
def test_whatever_parses_can_be_written(text, style):
    survives(write_everything, text, style)


@settings(FUZZ, max_examples=max(5, FUZZ.max_examples // 2))
@given(text=MARKUP_WITH_FIELDS)
@example(text="# castkit script 1\nRATE: 0\n\n=== A story\n\n[ANCHOR] Anna Park\nHello.").via("ZeroDivisionError timing a zero read rate")
@example(text="# castkit script 1\n\n=== A story\n\n[ANCHOR] Anna Park\nRATE: nan\nHello.").via("ValueError timing a NaN read rate")
def test_markup_fields_any_value(text):
    survives(write_everything, text, "markup")


# ------------------------------------------------------------------ JSON contracts

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


def mutated_json(document: dict) -> st.SearchStrategy[str]:
    """A real document with one value somewhere inside replaced by any JSON value."""
    def replace(doc: dict, path_choices: list[int], value) -> str:
        doc = json.loads(json.dumps(doc))
        node = doc
        for choice in path_choices:
            children = list(node.items()) if isinstance(node, dict) else list(enumerate(node)) if isinstance(node, list) else []
            key, child = children[choice % len(children)] if children else (None, None)
            if key is None or not isinstance(child, (dict, list)) or not child:
                if key is not None:
                    node[key] = value
                break
            node = child
        return json.dumps(doc)

    return st.builds(replace, st.just(document), st.lists(st.integers(0, 50), min_size=1, max_size=6), JSON_VALUES)


@FUZZ
@given(text=st.one_of(mutated_json(SEGMENT), JSON_VALUES.map(json.dumps), spliced([json.dumps(SEGMENT)])))
def test_segment_json(text):
    survives(model.loads, text, where="fuzz.json")
    survives(parse_text, text, name="fuzz.json")


@FUZZ
@given(text=st.one_of(mutated_json(TIMINGS), JSON_VALUES.map(json.dumps), spliced([json.dumps(TIMINGS)])))
def test_timings_json(text):
    survives(timings.loads, text, where="fuzz.json")


# ------------------------------------------------------------------ subtitle files

@FUZZ
@given(text=st.one_of(spliced(list(SUBTITLE_FILES.values())), text_from(SUBTITLE_LINES)), fmt=st.sampled_from([None, *FORMATS]))
@example(text=SUBTITLE_FILES["ass"].replace(",0,0,0,,", ",x,0,0,,", 1), fmt=None).via("pysubs2 warned on stderr about a margin")
@example(text=SUBTITLE_FILES["ass"].replace("&H00FFFFFF", "", 1), fmt=None).via("IndexError in pysubs2 on an empty colour")
def test_subtitle_readers(text, fmt):
    survives(parse_cues, text, format=fmt, name="fuzz.sub")


CUES = st.lists(
    st.builds(Cue, st.integers(-10_000, 100_000), st.integers(-10_000, 100_000), st.lists(st.text(max_size=50), max_size=4)),
    max_size=12,
)


@FUZZ
@given(cues=CUES, profile=st.sampled_from(sorted(BUILTIN)), fmt=st.sampled_from(FORMATS))
def test_lint_any_cues(cues, profile, fmt):
    report = lint_cues(cues, BUILTIN[profile], format=fmt)
    assert report.clean == (not report.problems)


# ------------------------------------------------------------------ QA inputs

@FUZZ
@given(reference=text_from(SCRIPT_LINES, 12), hypothesis=text_from(SCRIPT_LINES + SUBTITLE_LINES, 12),
       ref_kind=st.sampled_from([None, *KINDS]), hyp_kind=st.sampled_from([None, *KINDS]), sclite=st.booleans(),
       numbers=st.booleans(), contractions=st.booleans(), split_hyphens=st.booleans())
def test_qa_inputs_and_scoring(reference, hypothesis, ref_kind, hyp_kind, sclite, numbers, contractions, split_hyphens):
    def score() -> None:
        ref = from_text(reference, name="ref.txt", kind=ref_kind or detect(reference))
        hyp = from_text(hypothesis, name="hyp.txt", kind=hyp_kind or detect(hypothesis))
        norm = Normalization(numbers=numbers, contractions=contractions, split_hyphens=split_hyphens)
        result = compare(ref, hyp, normalization=norm, sclite=sclite)
        result.to_dict(gate.judge(result, [gate.parse("wer", "5%"), gate.parse("cer", "0.05")]))
        ner.to_csv(ner.worksheet(result))

    survives(score)


TRN_LINE = st.one_of(
    st.tuples(line_from(SCRIPT_LINES), st.text(SPECIAL, max_size=8)).map(lambda t: f"{t[0]} ({t[1]})"),
    line_from(SCRIPT_LINES),
    st.just(";; comment"),
)


@FUZZ
@given(text=st.lists(TRN_LINE, max_size=20).map("\n".join))
def test_trn(text):
    survives(parse_trn, text, name="fuzz.trn")


@FUZZ
@given(text=st.one_of(text_from([*ner.COLUMNS, ",".join(ner.COLUMNS), "1,,,,sub,a,b,,minor,edition,,"]),
                      st.text(",\n\"'=+-@ abc", max_size=200)))
@example(text="\r0").via("csv.Error on a lone carriage return")
def test_ner_worksheet(text):
    survives(ner.read_sheet, text, name="fuzz.csv")


# ------------------------------------------------------------------ small grammars: times, files, profiles

@FUZZ
@given(text=st.one_of(st.text("0123456789:.", max_size=12), st.text(max_size=12), st.from_regex(r"\d{0,3}:\d{0,3}(:\d{0,3})?(\.\d*)?", fullmatch=True)))
def test_durations_and_times_of_day(text):
    survives(parse_duration, text, where="--slot")
    survives(parse_clock, text, where="--start")


@FUZZ
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=100).flatmap(
    lambda t: st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "cp949", "cp1252"]).map(lambda e: t.encode(e, "ignore")))))
def test_decoding_any_bytes(data):
    survives(decode, data, "fuzz.bin")


TOML_VALUE = st.recursive(
    st.integers(-5, 100).map(str) | st.floats(-5, 100).map(repr) | st.sampled_from(["true", "false", "inf", "nan"])
    | st.text(max_size=8).map(json.dumps),
    lambda inner: st.lists(inner, max_size=3).map(lambda items: f"[{', '.join(items)}]")
    | st.lists(st.tuples(st.sampled_from(["a", "b", '"U.S."']), inner), max_size=3).map(
        lambda pairs: "{" + ", ".join(f"{k} = {v}" for k, v in pairs) + "}"),
    max_leaves=6,
)


def toml(keys: list[str]) -> st.SearchStrategy[str]:
    """TOML documents over ``keys``: ``key = value`` lines, ``[table]`` headers and junk, in any order."""
    line = st.one_of(
        st.tuples(st.sampled_from(keys), TOML_VALUE).map(lambda kv: f"{kv[0]} = {kv[1]}"),
        st.sampled_from(keys).map(lambda key: f"[{key}]"),
        st.text(SPECIAL, max_size=20),
    )
    return st.lists(line, max_size=8).map("\n".join)


PROFILE_TOML = toml(["base", "name", *(f.name for f in fields(Profile)), "wat"])


@pytest.fixture(scope="module")
def scratch():
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


@FUZZ
@given(text=PROFILE_TOML)
def test_profile_toml(text, scratch):
    path = scratch / "fuzz.toml"
    path.write_text(text, "utf-8")
    survives(load_profile, path)


@FUZZ
@given(text=st.one_of(toml(["presenters", '"Anna Park"', "Kim"]), mutated_json({"presenters": {"Anna Park": 172.0}}), JSON_VALUES.map(json.dumps)),
       suffix=st.sampled_from([".json", ".toml"]))
def test_presenter_rates(text, suffix, scratch):
    path = scratch / f"rates{suffix}"
    path.write_text(text, "utf-8")
    survives(load_rates, path)


SUBSTITUTION_LINE = st.tuples(st.text(max_size=8), st.sampled_from([" = ", ",", "", "=", ",,"]), st.text(max_size=8)).map("".join)


@FUZZ
@given(text=st.one_of(st.lists(SUBSTITUTION_LINE, max_size=8).map("\n".join), toml(["substitutions", '"U.S."', "a"])),
       suffix=st.sampled_from([".csv", ".toml", ".txt"]))
@example(text="substitutions = 3", suffix=".toml").via("AttributeError on a table that is not a table")
def test_substitution_lists(text, suffix, scratch):
    path = scratch / f"subs{suffix}"
    path.write_text(text, "utf-8")
    survives(load_substitutions, path)
