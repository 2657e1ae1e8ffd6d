"""Real-world subtitle files read and lint as editors expect: YouTube WebVTT, 0-numbered SRT, karaoke ASS, French."""

from __future__ import annotations

import json

from conftest import run_cli

from castkit.subtitles.read import read_cues, read_subtitles

YOUTUBE_VTT = """WEBVTT
Kind: captions
Language: en

STYLE
::cue { color: yellow; }

REGION
id:top
width:40%

NOTE automatic captions
reviewed by hand

00:00:01.000 --> 00:00:03.000 align:start position:0%
<c.yellow>The minister</c> arrived <00:00:02.000><c>late</c>

00:00:03.040 --> 00:00:06.000 line:0
and left without a word
"""

ZERO_SRT = ("\ufeff0\r\n00:00:01,000 --> 00:00:02,000\r\n<font color=\"#00ffff\">First</font>\r\n\r\n"
            "1\r\n00:00:02,040 --> 00:00:02,400\r\n{\\an8}Second\r\n\r\n"
            "2\r\n00:00:03,000 --> 00:00:05,000\r\nThird, with no blank line after it")

KARAOKE_ASS = """[Script Info]
ScriptType: v4.00+
PlayResX: 1920
PlayResY: 1080

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Arial,54,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1
Style: Song,Arial,54,&H0000FFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,8,10,10,10,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Comment: 0,0:00:00.00,0:00:05.00,Default,,0,0,0,,Timing checked against the broadcast master
Dialogue: 0,0:00:01.00,0:00:03.00,Default,Anna,0,0,0,,Good evening.
Dialogue: 0,0:00:03.00,0:00:03.40,Song,,0,0,0,,{\\k10}La {\\k10}la {\\k10}la {\\k10}la {\\k10}la {\\k10}la {\\k10}la {\\k10}la {\\k10}la
Dialogue: 1,0:00:00.00,0:00:09.00,Default,,0,0,0,Banner;12;0;50,BREAKING NEWS
Dialogue: 0,0:00:05.00,0:00:07.00,Default,Anna,0,0,0,,{\\pos(960,100)}Sign on the wall
Dialogue: 0,0:00:07.00,0:00:09.00,Default,Anna,0,0,0,,Goodnight.
"""

FRENCH_SRT = "\n".join(
    f"{n}\n00:00:{3 * n:02d},000 --> 00:00:{3 * n + 2:02d},000\n{line}\n"
    for n, line in enumerate(
        [
            "Le gouvernement a présenté ce matin",
            "son projet de loi sur les retraites.",
            "Les syndicats appellent à une grève",
            "dans tout le pays la semaine prochaine.",
        ],
        start=1,
    )
)
"""Four cues read at 17.5 to 19.5 characters per second: fine in English (20), too fast in French (17)."""


def test_youtube_webvtt_with_header_and_blocks(tmp_path):
    path = tmp_path / "yt.vtt"
    path.write_text(YOUTUBE_VTT, encoding="utf-8")
    cues = read_cues(path)
    assert [c.text for c in cues] == ["The minister arrived late", "and left without a word"]
    assert cues[0].colour == "#FFFF00" and not cues[0].raised and cues[1].raised
    assert [c.number for c in cues] == [1, 2]
    done = run_cli("lint", str(path), "--json")
    report = json.loads(done.stdout)
    assert report["cues"] == 2 and report["language"] == "en"


def test_srt_numbered_from_zero_with_bom_crlf_and_font_tags(tmp_path):
    path = tmp_path / "zero.srt"
    path.write_bytes(ZERO_SRT.encode("utf-8"))
    cues = read_cues(path)
    assert [c.number for c in cues] == [0, 1, 2]
    assert [c.text for c in cues] == ["First", "Second", "Third, with no blank line after it"]
    assert cues[0].colour == "#00FFFF" and cues[1].raised
    done = run_cli("lint", str(path), "--json")
    assert done.returncode == 1
    violations = json.loads(done.stdout)["violations"]
    assert {(v["cue"], v["rule"]) for v in violations} >= {(1, "min-duration"), (1, "min-gap")}
    gap = next(v for v in violations if v["rule"] == "min-gap")
    assert "after cue 0" in gap["message"]  # the numbers an editor sees in the file
    text = run_cli("lint", str(path)).stdout.decode()
    assert "cue 1 at 00:00:02.040: min-duration" in text


def test_ass_karaoke_sign_and_comment_lines_kept_and_not_linted(tmp_path):
    path = tmp_path / "song.ass"
    path.write_text(KARAOKE_ASS, encoding="utf-8")
    fmt, cues, _ = read_subtitles(path, comments=True)
    assert fmt == "ass"
    assert [c.kind for c in cues] == ["comment", "dialogue", "karaoke", "sign", "sign", "dialogue"]
    assert cues[2].text == "La la la la la la la la la" and cues[2].colour == "#FFFF00" and cues[2].raised
    assert [c.kind for c in read_cues(path)] == ["dialogue", "karaoke", "sign", "sign", "dialogue"]
    done = run_cli("lint", str(path), "--json")
    report = json.loads(done.stdout)
    assert done.returncode == 0, report  # the 0.4 s karaoke line and the overlapping banner are not dialogue
    assert report["cues"] == 2 and report["skipped"] == {"karaoke": 1, "sign": 2}
    assert "not checked as dialogue: 1 karaoke, 2 sign line(s)" in run_cli("lint", str(path)).stdout.decode()
    out = tmp_path / "song.srt"
    converted = run_cli("convert", str(path), "-o", str(out))
    stderr = converted.stderr.decode()
    assert "karaoke syllable timing dropped from 1 cue(s)" in stderr and "comment lines dropped from 1 cue(s)" in stderr
    assert len(read_cues(out)) == 5


def test_french_file_is_held_to_french_reading_speed(tmp_path):
    path = tmp_path / "fr.srt"
    path.write_text(FRENCH_SRT, encoding="utf-8")
    streaming = json.loads(run_cli("lint", str(path), "--profile", "streaming", "--json").stdout)
    assert streaming["language"] == "fr"
    assert any(v["rule"] == "cps" and "limit 17" in v["message"] for v in streaming["violations"])
    told = json.loads(run_cli("lint", str(path), "--profile", "streaming", "--language", "en", "--json").stdout)
    assert told["language"] == "en" and not any(v["rule"] == "cps" for v in told["violations"])


def test_ass_comments_stay_comments_through_convert(tmp_path):
    path = tmp_path / "song.ass"
    path.write_text(KARAOKE_ASS, encoding="utf-8")
    out = tmp_path / "copy.ass"
    done = run_cli("convert", str(path), "-o", str(out))
    assert "comment lines dropped" not in done.stderr.decode()
    fmt, cues, _ = read_subtitles(out, comments=True)
    assert [c.kind for c in cues][0] == "comment" and len(read_cues(out)) == 5
