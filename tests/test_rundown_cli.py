"""`castkit rundown` run as a user runs it: the seed, a whole bulletin, options and bad input."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import FIXTURES, SEED, run_cli
from rundown_bulletin import bulletin

from castkit.ingest import parse_file
from castkit.timings import ElementTiming, Status, Timeline, dumps

BULLETIN = FIXTURES / "rundown" / "bulletin.json"


def test_fixture_file_is_the_documented_bulletin():
    assert parse_file(BULLETIN).bulletin == bulletin()


def test_seed_sheet():
    result = run_cli("rundown", str(SEED), "--start", "20:00:00", "--slot", "2:30")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    data = json.loads(run_cli("rundown", str(SEED), "--start", "20:00:00", "--slot", "2:30", "--json").stdout)
    (row,) = data["rows"]
    story = parse_file(SEED).bulletin.stories[0]
    lead_words = sum(len(e.text.split()) for e in story.elements if e.kind.value == "anchor")
    assert row["words"] == str(lead_words) and row["rate"] == "180 wpm"
    assert row["read_s"] == round(lead_words / 3)  # 180 wpm is 3 words a second
    assert row["format"] == "PKG" and row["runs_estimated"] == "true"
    assert row["est_s"] == row["read_s"] + row["runs_s"]
    assert row["outcue"] == 'SOC "Kim Jung-sil, Arirang News."'
    bites = [e for e in story.elements if e.kind.value == "soundbite"]
    assert len(bites) >= 1 and row["supers"].count("; ") == len(bites)  # one per soundbite + the correspondent
    assert row["supers"].count("[CHECK:") == sum(1 for b in bites if b.speaker.inferred or not b.speaker.name)
    assert data["totals"]["over_under_s"] == row["est_s"] - 150
    for text in ("SOC \"Kim Jung-sil, Arirang News.\"", "20:00:00", "OVER/UNDER", row["read"], row["runs"]):
        assert text in out


def test_bulletin_csv_from_several_files(tmp_path):
    out = tmp_path / "sheet.csv"
    result = run_cli("rundown", str(BULLETIN), str(SEED), "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["page"] for r in rows] == ["A1", "A2", "A3", "A4", "A5", "A6", "B1", "B2", "B3"]
    assert rows[-1]["format"] == "PKG"  # the seed joins block B, the block it follows
    assert rows[1]["front"] == "20:00:10"


def test_rate_preset_and_presenter_rates(tmp_path):
    relaxed = json.loads(run_cli("rundown", str(BULLETIN), "--preset", "talk", "--json").stdout)
    assert relaxed["rows"][1]["read_s"] == 23  # 45 words at 120 wpm = 22.5 s, shown rounded half up
    rates = tmp_path / "rates.json"
    rates.write_text('{"presenters": {"Anna Park": 150}}', encoding="utf-8")
    measured = json.loads(run_cli("rundown", str(BULLETIN), "--rates", str(rates), "--json").stdout)
    assert measured["rows"][1]["read_s"] == 18 and measured["rows"][1]["rate"] == "150 wpm"


def test_timings_give_actual_and_save_rates(tmp_path):
    show = bulletin()
    timeline = Timeline([
        ElementTiming(0, "anchor", "Anna Park", 0, 18_000, Status.MEASURED, story=1),  # 45 words in 18 s: 150 wpm
    ])
    timings = tmp_path / "t.json"
    timings.write_text(dumps(timeline), encoding="utf-8")
    saved = tmp_path / "rates.json"
    result = run_cli("rundown", str(BULLETIN), "--timings", str(timings), "--save-rates", str(saved), "--json")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert (data["rows"][1]["actual_s"], data["rows"][1]["over_under"], data["rows"][1]["over_under_s"]) == (18, "OVER 0:03", 3)
    assert data["measured_rates"] == {"Anna Park": 150.0}
    saved_rates = json.loads(saved.read_text())
    assert saved_rates["presenters"] == {"Anna Park": 150.0}
    sample = {"presenter": "Anna Park", "language": "en", "unit": "words", "units": 45, "seconds": 18.0, "per_minute": 150.0}
    assert saved_rates["samples"] == data["rate_samples"] == [sample]  # the sample size behind the rate
    table = run_cli("rundown", str(BULLETIN), "--timings", str(timings)).stdout.decode()
    assert "RATE measured: Anna Park (en) 150 wpm over 45 words in 0:18" in table
    again = json.loads(run_cli("rundown", str(BULLETIN), "--rates", str(saved), "--json").stdout)
    assert again["rows"][1]["rate"] == "150 wpm" and again["rows"][1]["read_s"] == 18  # fed to the next estimate
    assert show.stories[1].elements[0].kind.value == "anchor"


def test_bad_input_is_one_line_exit_2_and_no_output(tmp_path):
    out = tmp_path / "sheet.csv"
    for args, message in [
        (["--start", "8pm"], "not a time of day"),
        (["--slot", "2:75"], "not a duration"),
        (["--slot", "2:30", "--end", "20:30:00"], "either --slot or --end"),
        (["--preset", "fast"], "unknown rate preset"),
        (["--format", "pdf"], "unknown format"),
        (["--format", "mos"], "directory"),
        (["--save-rates", str(tmp_path / "r.json")], "needs measured times"),
    ]:
        result = run_cli("rundown", str(BULLETIN), *args, "-o", str(out)) if "--format" not in args else run_cli("rundown", str(BULLETIN), *args)
        err = result.stderr.decode()
        assert result.returncode == 2, (args, err)
        assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
        assert not out.exists()
    missing = run_cli("rundown", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and "no such file" in missing.stderr.decode()
    same = run_cli("rundown", str(BULLETIN), "-o", str(BULLETIN), "--format", "json")
    assert same.returncode == 2 and "overwrite an input" in same.stderr.decode()


@pytest.mark.slow
def test_audio_measures_actual_and_calibrated_rates_bring_est_closer(tmp_path):
    audio = SEED.with_name("arirang-284316.mp3")
    truth_file = SEED.with_name("arirang-284316.truth.json")
    if not audio.exists() or not truth_file.exists():
        pytest.skip("the seed recording is not in media/")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    spoken_s = (max(e["end_ms"] for e in truth["elements"]) - min(e["start_ms"] for e in truth["elements"])) / 1000
    rates = tmp_path / "rates.json"
    result = run_cli("rundown", str(SEED), "--audio", str(audio), "--save-rates", str(rates), "--json")
    assert result.returncode == 0, result.stderr.decode()
    (row,) = json.loads(result.stdout)["rows"]
    assert abs(row["actual_s"] - spoken_s) <= 2
    assert row["over_under_s"] == row["actual_s"] - row["est_s"]
    assert row["runs_measured"] == "true" and row["runs_estimated"] == "false"  # RUNS as aired, not ~estimated
    assert row["est_s"] == row["read_s"] + row["runs_s"]
    totals = json.loads(result.stdout)["totals"]
    assert totals["time_s"] == row["actual_s"] and totals["projected_s"] == row["actual_s"]  # totals use ACTUAL
    saved = json.loads(rates.read_text(encoding="utf-8"))["presenters"]
    assert set(saved) == {"anchor", "Kim Jung-sil"}
    planned = json.loads(run_cli("rundown", str(SEED), "--json").stdout)["rows"][0]
    calibrated = json.loads(run_cli("rundown", str(SEED), "--rates", str(rates), "--json").stdout)["rows"][0]
    assert abs(calibrated["est_s"] - row["actual_s"]) < abs(planned["est_s"] - row["actual_s"])
