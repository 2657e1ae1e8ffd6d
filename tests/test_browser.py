"""The pack's index.html opened from disk (file://) in headless Chromium, on a desktop and a
phone; and castkit's TTML and EBU-TT-D rendered by imscJS in the same browser.

The page carries its cues itself, since Chromium refuses a ``<track src>`` to a page opened
from file://. Screenshots at 1366 and 390 px wide are kept in tests/artifacts/.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, SEED, run_cli

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "tests" / "artifacts"
IMSC = ROOT / ".venv" / "js" / "node_modules" / "imsc" / "dist" / "imsc.all.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required"]
VTT_TIME = re.compile(r"^(?:(\d+):)?(\d\d):(\d\d)\.(\d{3}) --> (?:(\d+):)?(\d\d):(\d\d)\.(\d{3})")
WIDTHS = (1366, 390)


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("BROWSER TEST SKIPPED: no chromium on PATH (scripts/install_test_tools.sh installs Debian's chromium)")


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pack") / "build"
    done = run_cli("build", "-o", str(out), "--slot", "2:00", "--json")
    assert done.returncode == 0, done.stderr.decode()
    return out


@pytest.fixture(scope="module")
def browser():
    executable = chromium()
    pytest.importorskip("playwright.sync_api", reason="BROWSER TEST SKIPPED: playwright is not installed (pip install -e '.[dev]')")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module", params=WIDTHS, ids=lambda w: f"{w}px")
def page(request, browser, pack):
    tab = browser.new_page(viewport={"width": request.param, "height": 900})
    tab.goto((pack / "index.html").as_uri())
    yield tab
    tab.close()


def vtt_cues(text: str) -> list[tuple[int, int, str]]:
    """(start ms, end ms, plain text) of each cue, read from the file with a plain parser."""
    cues = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = block.strip("\n").split("\n")
        for k, line in enumerate(lines):
            match = VTT_TIME.match(line)
            if match:
                h1, m1, s1, ms1, h2, m2, s2, ms2 = (int(g or 0) for g in match.groups())
                start = ((h1 * 60 + m1) * 60 + s1) * 1000 + ms1
                end = ((h2 * 60 + m2) * 60 + s2) * 1000 + ms2
                body = re.sub(r"<[^>]+>", "", "\n".join(lines[k + 1:])).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                cues.append((start, end, body))
                break
    return cues


def test_the_page_is_opened_from_disk(page):
    assert page.url.startswith("file://")


def test_the_players_cues_match_the_vtt_file(pack, page):
    vtt = next((pack / "subtitles").glob("*.vtt"))
    expected = vtt_cues(vtt.read_text(encoding="utf-8"))
    assert expected
    cues = page.evaluate("() => Array.from(document.getElementById('player').textTracks[0].cues).map(c => [c.startTime, c.endTime, c.text])")
    assert len(cues) == len(expected)
    for (start, end, text), (want_start, want_end, want_text) in zip(cues, expected):
        assert abs(start * 1000 - want_start) <= 1 and abs(end * 1000 - want_end) <= 1
        assert text == want_text


def test_playing_from_disk_shows_the_cue_in_the_caption_box(pack, page):
    """Playing (muted) from the start shows the first cue in the caption box and marks its row."""
    first = vtt_cues(next((pack / "subtitles").glob("*.vtt")).read_text(encoding="utf-8"))[0]
    words = " ".join(first[2].split())
    page.evaluate("() => { const a = document.getElementById('player'); a.currentTime = 0; a.muted = true; return a.play(); }")
    page.wait_for_function("() => document.getElementById('caption').textContent.trim() !== ''", timeout=15000)
    page.evaluate("() => document.getElementById('player').pause()")
    assert " ".join(page.inner_text("#caption").split()) == words
    assert page.inner_text("#cues tr.on td:last-child") == words


def test_to_check_comes_first_and_open(pack, page):
    first = page.evaluate("() => document.querySelector('main > section').id")
    assert first == "warnings"
    assert page.evaluate("() => document.querySelector('#warnings details').open")
    warnings = json.loads((pack / "build.json").read_text(encoding="utf-8"))["warnings"]
    assert page.locator("#warnings li").count() == len(warnings) > 0


def test_nothing_overflows_its_card(page):
    width = page.viewport_size["width"]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    overflowing = page.evaluate(
        """() => Array.from(document.querySelectorAll('main section, main table')).filter(
            el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1
               || (el.tagName === 'SECTION' && el.scrollWidth > el.clientWidth + 1)).map(el => el.id || el.tagName)"""
    )
    assert overflowing == []


def test_the_rundown_shows_the_supers(pack, page):
    rows = json.loads((pack / "rundown" / "rundown.json").read_text(encoding="utf-8"))["rows"]
    supers = [row["supers"] for row in rows if row["supers"]]
    assert supers
    text = " ".join(page.inner_text("#rundown").split())
    assert all(" ".join(s.split()) in text for s in supers)


def test_rundown_totals_equal_the_rundown_json(pack, page):
    totals = json.loads((pack / "rundown" / "rundown.json").read_text(encoding="utf-8"))["totals"]
    est = page.inner_text('#rundown [data-total="EST"]')
    assert est == f"{totals['est_s'] // 60}:{totals['est_s'] % 60:02d}"
    assert totals["over_under"]
    assert page.inner_text('#rundown [data-total="OVER/UNDER"]') == totals["over_under"]


def test_qa_summary_shows_the_wer_of_the_qa_json(pack, page):
    wer = json.loads((pack / "qa" / "qa.json").read_text(encoding="utf-8"))["wer"]
    assert page.inner_text('#qa [data-score="wer"]') == f"{wer * 100:.2f} %"
    assert page.locator("#qa .diff tbody tr").count() > 0


def test_every_link_resolves(pack, page):
    links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    local = [href for href in links if not href.startswith(("http://", "https://"))]
    assert local and all((pack / href).exists() for href in local)
    written = json.loads((pack / "build.json").read_text(encoding="utf-8"))["files"]
    assert {f["path"] for f in written if f["kind"] != "page"} <= set(local)


def test_screenshot(page):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"index-{page.viewport_size['width']}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_a_read_rate_pack_plays_its_cues_against_the_clock(browser, tmp_path):
    out = tmp_path / "pack"
    done = run_cli("build", str(SEED), "-o", str(out))
    assert done.returncode == 0, done.stderr.decode()
    tab = browser.new_page(viewport={"width": 390, "height": 800})
    tab.goto((out / "index.html").as_uri())
    tab.click("#play")
    tab.wait_for_function("() => document.getElementById('caption').textContent.trim() !== ''", timeout=15000)
    assert tab.locator("#cues tr.on").count() == 1
    tab.close()


# ------------------------------------------------------------------ imscJS, the IMSC renderer


@pytest.mark.parametrize("fmt", ["ttml", "ebu-tt-d"])
def test_imscjs_renders_cues_centred_in_the_safe_area_and_raises_a_super(browser, tmp_path, fmt):
    if not IMSC.is_file():
        pytest.skip("IMSC TEST SKIPPED: imscJS missing (scripts/install_test_tools.sh runs npm install imsc)")
    from castkit.model import Bulletin, Element, Kind, Role, Speaker, Story
    from castkit.subtitles.formats import build_cues_for, render
    from castkit.subtitles.profiles import load_profile
    from castkit.timing import estimate_timeline

    bulletin = Bulletin(title="t", stories=[Story(slug="S", elements=[
        Element(Kind.ANCHOR, "The talks have stalled again after a week of meetings in the capital."),
        Element(Kind.SOUNDBITE, "We will wait for them as long as it takes.", Speaker("Lee Min-ho", "minister", Role.INTERVIEWEE)),
    ])])
    subs = build_cues_for(fmt, bulletin, estimate_timeline(bulletin), load_profile("broadcast"))
    bottom = next(c for c in subs.cues if not c.raised)
    top = next(c for c in subs.cues if c.raised)
    harness = tmp_path / "render.html"
    harness.write_text(
        "<!DOCTYPE html><html><body style='margin:0'>"
        "<div id='screen' style='position:relative;width:1280px;height:720px;background:#333'></div>"
        f"<script src='{IMSC.as_uri()}'></script>"
        f"<script>window.doc = imsc.fromXML({json.dumps(render(subs, fmt))});"
        "window.show = function (seconds) { var s = document.getElementById('screen'); s.innerHTML = '';"
        " imsc.renderHTML(imsc.generateISD(window.doc, seconds), s, null, 720, 1280); };</script></body></html>",
        encoding="utf-8",
    )
    tab = browser.new_page(viewport={"width": 1280, "height": 720})
    tab.goto(harness.as_uri())
    boxes = {}
    for name, cue in (("bottom", bottom), ("top", top)):
        tab.evaluate(f"() => window.show({(cue.start_ms + cue.end_ms) / 2000})")
        boxes[name] = tab.evaluate(
            """() => Array.from(document.querySelectorAll('#screen span')).filter(s => s.textContent.trim() && !s.querySelector('span')).map(s => {
                const r = s.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom, s.textContent]; })"""
        )
        assert boxes[name], f"imscJS rendered nothing for {cue.text!r}"
        rendered = " ".join(" ".join(t for *_, t in boxes[name]).split())
        assert rendered == " ".join(cue.text.split())
        for left, right, y0, y1, _ in boxes[name]:
            assert abs((left + right) / 2 - 640) <= 12, f"line not centred: {left:.0f}–{right:.0f} px"
            assert left >= 0.1 * 1280 - 1 and right <= 0.9 * 1280 + 1 and y0 >= 0.1 * 720 - 1 and y1 <= 0.9 * 720 + 1
    assert max(b[3] for b in boxes["top"]) < 720 / 2 < min(b[2] for b in boxes["bottom"])
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"imsc-{fmt}.png"))
    tab.close()
