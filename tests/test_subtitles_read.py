"""Reading subtitle files of every format back into cues, and refusing broken ones clearly."""

from __future__ import annotations

import pycaption
import pysubs2
import pytest

from castkit.errors import BadInput
from castkit.subtitles.read import parse_cues, read_cues, sniff_format

SRT = "1\n00:00:01,000 --> 00:00:02,500\n<font color=\"#FFFF00\">Hello &amp; there</font>\nsecond line\n\n2\n00:00:03,000 --> 00:00:04,040\nBye\n\n"
VTT = (
    "WEBVTT\n\nNOTE a comment\n\nc1\n00:00:01.000 --> 00:00:02.500 line:85%\n<v Kim Jung-sil><c.yellow>A &lt;b&gt; &amp; c</c></v>\n\n"
    "00:01.000 --> 00:00:04.000\n<v.loud Bob>Line a\nline b</v>\n"
)


def test_srt_strips_tags_and_keeps_lines():
    cues = parse_cues(SRT)
    assert [(c.start_ms, c.end_ms) for c in cues] == [(1000, 2500), (3000, 4040)]
    assert cues[0].lines == ["Hello & there", "second line"]
    assert cues[1].lines == ["Bye"]


def test_vtt_voices_entities_and_short_timestamps():
    cues = parse_cues(VTT)
    assert sniff_format(VTT) == "vtt"
    assert [(c.start_ms, c.end_ms) for c in cues] == [(1000, 2500), (1000, 4000)]
    assert cues[0].lines == ["A <b> & c"] and cues[0].speaker == "Kim Jung-sil"
    assert cues[1].lines == ["Line a", "line b"] and cues[1].speaker == "Bob"


def test_ass_written_by_pysubs2_reads_back_with_speaker(tmp_path):
    subs = pysubs2.SSAFile()
    subs.append(pysubs2.SSAEvent(start=1200, end=3400, text=r"{\an8}Top\Nline two", name="Kim Jung-sil"))
    subs.append(pysubs2.SSAEvent(start=3400, end=5000, text="note", type="Comment"))
    path = tmp_path / "x.ass"
    subs.save(str(path))
    cues = read_cues(path)
    assert len(cues) == 1
    assert (cues[0].start_ms, cues[0].end_ms, cues[0].lines, cues[0].speaker) == (1200, 3400, ["Top", "line two"], "Kim Jung-sil")


def test_ttml_agent_and_clock_times():
    ttml = (
        '<?xml version="1.0" encoding="utf-8"?>\n<tt xmlns="http://www.w3.org/ns/ttml" '
        'xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xml:lang="en"><head><metadata>'
        '<ttm:agent xml:id="a1" type="person"><ttm:name type="full">Kim</ttm:name></ttm:agent></metadata></head>'
        '<body><div><p begin="00:00:01.000" end="00:00:02.000" ttm:agent="a1"><span>Hi &lt;b&gt; there</span><br/>next</p>'
        '<p begin="00:00:03.500" end="00:00:04.000">x</p></div></body></tt>'
    )
    cues = parse_cues(ttml)
    assert [(c.start_ms, c.end_ms, c.lines, c.speaker) for c in cues] == [
        (1000, 2000, ["Hi <b> there", "next"], "Kim"),
        (3500, 4000, ["x"], None),
    ]


def test_scc_written_by_pycaption_reads_back():
    caps = pycaption.CaptionSet(
        {"en-US": [pycaption.Caption(2_000_000, 5_000_000, [pycaption.CaptionNode.create_text("HELLO WORLD")])]}
    )
    cues = parse_cues(pycaption.SCCWriter().write(caps))
    assert [c.text for c in cues] == ["HELLO WORLD"]
    assert abs(cues[0].start_ms - 2000) <= 3 * 34


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (SRT[:24], "line 1"),
        ("1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:03,000 -> 00:00:04,000\nbad\n", "line 5"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:0", "line 3"),
        ("WEBVTT\n\njust text\n", "line 3"),
        ('<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="00:00:01.000" end="00:', "line 1"),
        ("[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:0", "ASS"),
        ("WEBVTT\n\n", "no cues"),
        ("hello, this is prose\n", "not a subtitle file"),
    ],
)
def test_broken_files_name_the_problem(tmp_path, text, message):
    path = tmp_path / "broken.sub"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BadInput) as err:
        read_cues(path)
    assert str(path) in str(err.value)
    assert message in str(err.value)


_TT = '<tt xmlns="http://www.w3.org/ns/ttml"><body><div>'
_SCC = "Scenarist_SCC V1.0\n\n"
_ROW_OF_40 = " ".join(["c1c1"] * 20)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("words.scc", _SCC + "00:00:00:00\t9420 9420 94ae\n\nhello world\n", "not SCC: line 5 is not a timecode and 4-hex-digit words: 'hello world'"),
        ("hex.scc", _SCC + "00:00:00:00 9420 zz20\n", "not SCC: line 3 is not a timecode"),
        ("short-word.scc", _SCC + "00:00:00:00\t9420 942\n", "not SCC: line 3 is not a timecode"),
        ("frame.scc", _SCC + "00:00:00:45\t9420 9420\n", "line 3: frame 45 in an SCC timecode (frames run 0-29)"),
        ("long.scc", _SCC + f"00:00:00:00\t9420 9420 9470 9470 {_ROW_OF_40} 942f 942f\n\n00:00:03:00\t942c 942c\n",
         "malformed SCC file: 32 character limit for caption cue in scc file: around 00:00:00.800 - " + "A" * 40 + " - Length 40"),
        ("tag.ttml", _TT + '<p begin="00:00:01.000" end="00:00:02.000">hi</div></body></tt>', "line 1: malformed XML: Opening and ending tag mismatch"),
        ("root.ttml", '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/ns/ttml"><body/></html>', "not a TTML document"),
        ("begin.ttml", _TT + '<p begin="abc" end="00:00:02.000">hi</p></div></body></tt>', "line 1: begin: not a TTML time expression: 'abc'"),
        ("dur.ttml", _TT + '\n<p begin="00:00:01.000" dur="-5s">hi</p></div></body></tt>', "line 2: dur: not a TTML time expression: '-5s'"),
        ("huge.ttml", _TT + '<p begin="99999999999999999999999:00:01.000" end="00:00:02.000">hi</p></div></body></tt>', "line 1: TTML time past 10000 hours"),
        ("open.ttml", _TT + "\n<p>no timing</p></div></body></tt>", "line 2: paragraph 1 has no end time"),
    ],
)
def test_malformed_scc_and_ttml_are_one_line_naming_the_fault(tmp_path, name, text, message):
    """The library's own multi-line messages (pycaption lists every long row) come out as one line."""
    from conftest import run_cli

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    done = run_cli("lint", str(path))
    err = done.stderr.decode()
    assert done.returncode == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith(f"castkit: error: {path}: {message}"), err


def test_reading_ass_leaves_a_program_without_logging_set_up_without_it(tmp_path):
    """pysubs2's debug logging would give the root logger a stderr handler, and every library's chatter a way onto
    stderr: a library that logs at INFO (Dask's scheduler does) would then print beside castkit's notices."""
    import subprocess
    import sys

    ass = tmp_path / "show.ass"
    doc = pysubs2.SSAFile()
    doc.events.append(pysubs2.SSAEvent(start=0, end=2000, text="Good evening."))
    doc.save(str(ass))
    probe = ("import logging; from castkit.subtitles.read import read_cues; read_cues(r'%s'); "
             "chatty = logging.getLogger('some.package'); chatty.setLevel(logging.INFO); chatty.info('stray'); "
             "print(len(logging.root.handlers))") % ass
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0" and "stray" not in done.stderr
