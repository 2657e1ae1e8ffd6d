"""The pack's index.html in headless Chromium: the audio's text track, the rundown totals, the QA score.

Chromium's own WebVTT parser reads the subtitle track; its cues must match the VTT file as the
``srt``-independent parser below reads it. The screenshot is kept in tests/artifacts/index.png.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
VTT_TIME = re.compile(r"^(?:(\d+):)?(\d\d):(\d\d)\.(\d{3}) --> (?:(\d+):)?(\d\d):(\d\d)\.(\d{3})")


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
def page(pack):
    executable = chromium()
    pytest.importorskip("playwright.sync_api", reason="BROWSER TEST SKIPPED: playwright is not installed (pip install -e '.[dev]')")
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(pack))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            tab.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html")
            yield tab
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002
        pass


def vtt_cues(text: str) -> list[tuple[int, int, str]]:
    """(start ms, end ms, text with tags) of each cue, read from the file with a plain parser."""
    cues = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = block.strip("\n").split("\n")
        for k, line in enumerate(lines):
            match = VTT_TIME.match(line)
            if match:
                h1, m1, s1, ms1, h2, m2, s2, ms2 = (int(g or 0) for g in match.groups())
                start = ((h1 * 60 + m1) * 60 + s1) * 1000 + ms1
                end = ((h2 * 60 + m2) * 60 + s2) * 1000 + ms2
                cues.append((start, end, "\n".join(lines[k + 1:])))
                break
    return cues


def test_track_cues_match_the_vtt_file(pack, page):
    vtt = next((pack / "subtitles").glob("*.vtt"))
    expected = vtt_cues(vtt.read_text(encoding="utf-8"))
    assert expected
    cues = page.evaluate(
        """() => new Promise((resolve, reject) => {
            const el = document.querySelector('audio track');
            const track = el.track;
            track.mode = 'hidden';
            const read = () => resolve(Array.from(track.cues).map(c => [c.startTime, c.endTime, c.text]));
            if (el.readyState === 2 && track.cues && track.cues.length) { read(); return; }
            el.addEventListener('load', read);
            el.addEventListener('error', () => reject('the track did not load'));
            setTimeout(() => reject('the track did not load in 20 s'), 20000);
        })"""
    )
    assert len(cues) == len(expected)
    for (start, end, text), (want_start, want_end, want_text) in zip(cues, expected):
        assert abs(start * 1000 - want_start) <= 1
        assert abs(end * 1000 - want_end) <= 1
        assert text == want_text


def test_caption_box_shows_the_active_cue(pack, page):
    """Playing (muted) from the start shows the first cue in the caption box and marks its row."""
    first = vtt_cues(next((pack / "subtitles").glob("*.vtt")).read_text(encoding="utf-8"))[0]
    words = " ".join(re.sub(r"<[^>]+>", "", first[2]).split())
    page.evaluate("() => { const a = document.getElementById('player'); a.muted = true; return a.play(); }")
    page.wait_for_function("() => document.getElementById('caption').textContent.trim() !== ''", timeout=15000)
    page.evaluate("() => document.getElementById('player').pause()")
    assert " ".join(page.inner_text("#caption").split()) == words
    assert page.inner_text("#cues tr.on td:last-child") == words


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
    page.screenshot(path=str(ARTIFACTS / "index.png"), full_page=True)
    assert (ARTIFACTS / "index.png").stat().st_size > 10_000
