"""``castkit qa --sclite`` against the real NIST sclite, utterance by utterance.

Debian's ``sctk`` package carries sclite (``make test`` installs it where it can). Every tricky
pair and every trn-syntax case of ``test_sclite.py`` is written into one pair of trn files,
scored by sclite (``-o pra``: per-utterance C/S/D/I) and by ``castkit qa --sclite --json``;
the counts must be the same. The raw pairs (accents, punctuation, mixed case, no-break and
other Unicode spaces, curly apostrophes) are given to both as written, with no extra flag:
``--sclite`` alone must give sclite's counts, and ``--case-sensitive`` those of ``sclite -s``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import run_cli
from test_sclite import DELETABLE_CASES, PAIRS, TRN_CASES

from castkit.qa.normalize import Normalization


def _sclite() -> str | None:
    return shutil.which("sclite") or next((p for p in ("/usr/lib/sctk/bin/sclite",) if Path(p).exists()), None)


SCLITE = _sclite()
pytestmark = pytest.mark.skipif(
    SCLITE is None, reason="NOT CHECKED AGAINST THE REAL SCLITE: no sclite binary (Debian package sctk) on this machine"
)


def _trn(lines: dict[str, str]) -> str:
    return "".join(f"{text} ({uid})\n" for uid, text in lines.items())


def _sclite_counts(workdir: Path, ref: dict[str, str], hyp: dict[str, str], *flags: str) -> dict[str, tuple[int, ...]]:
    (workdir / "ref.trn").write_text(_trn(ref), encoding="utf-8", newline="\n")
    (workdir / "hyp.trn").write_text(_trn(hyp), encoding="utf-8", newline="\n")
    subprocess.run(
        [SCLITE, "-r", "ref.trn", "trn", "-h", "hyp.trn", "trn", "-i", "spu_id", "-e", "utf-8",
         "-o", "pra", "-O", ".", "-n", "out", *flags],
        cwd=workdir, check=True, capture_output=True, timeout=300,
    )
    pra = (workdir / "out.pra").read_text("utf-8", errors="replace")
    ids = re.findall(r"^id: \((\S+)\)", pra, re.M)
    scores = re.findall(r"^Scores: \(#C #S #D #I\) (\d+) (\d+) (\d+) (\d+)", pra, re.M)
    assert len(ids) == len(scores) == len(ref)
    return {uid: tuple(map(int, s)) for uid, s in zip(ids, scores)}


def _castkit_counts(workdir: Path, *flags: str) -> dict[str, tuple[int, ...]]:
    done = run_cli("qa", str(workdir / "ref.trn"), str(workdir / "hyp.trn"), "--sclite", "--json", *flags)
    assert done.returncode == 0, done.stderr
    keys = ("hits", "substitutions", "deletions", "insertions")
    return {u["id"]: tuple(u["counts"][k] for k in keys) for u in json.loads(done.stdout)["utterances"]}


def _disagreements(real: dict, ours: dict) -> list[str]:
    return [f"{uid}: sclite {real[uid]} castkit {ours.get(uid)}" for uid in real if ours.get(uid) != real[uid]]


def test_tricky_pairs_and_trn_syntax_score_as_sclite_scores_them(tmp_path: Path) -> None:
    norm = Normalization()
    ref, hyp = {}, {}
    for n, (_name, r, h) in enumerate(PAIRS):
        ref[f"spk_p{n:02d}"], hyp[f"spk_p{n:02d}"] = " ".join(norm.tokens(r)), " ".join(norm.tokens(h))
    for n, (r, h, _expected) in enumerate(TRN_CASES):
        ref[f"spk_t{n:02d}"], hyp[f"spk_t{n:02d}"] = r, h
    real = _sclite_counts(tmp_path, ref, hyp)
    ours = _castkit_counts(tmp_path)
    assert not _disagreements(real, ours), "\n".join(_disagreements(real, ours))


def test_optionally_deletable_words_score_as_sclite_minus_d(tmp_path: Path) -> None:
    ref = {f"spk_d{n:02d}": r for n, (r, _h, _e) in enumerate(DELETABLE_CASES)}
    hyp = {f"spk_d{n:02d}": h for n, (_r, h, _e) in enumerate(DELETABLE_CASES)}
    real = _sclite_counts(tmp_path, ref, hyp, "-D")
    ours = _castkit_counts(tmp_path, "--deletable")
    assert not _disagreements(real, ours), "\n".join(_disagreements(real, ours))


RAW_PAIRS = [
    ("ÉCOLE", "école"),
    ("Hello, world.", "hello world"),
    ("Good Evening SEOUL", "good evening seoul"),
    ("café Ångström Ñandú", "CAFÉ ångström ñandú"),
    ("it's Kim's letter", "it\u2019s Kim\u2019s letter"),
    ("\u201cquoted\u201d words", '"quoted" words'),
    ("good\u00a0evening Seoul", "good evening Seoul"),
    ("good\u2003evening\u3000Seoul", "good evening Seoul"),
    ("thin\u2009space narrow\u202fno-break", "thin space narrow no-break"),
    ("zero\u200bwidth", "zero width"),
    ("tab\tand\x0bvertical\x0cfeed", "tab and vertical feed"),
    ("next\x85line and\u2028separator", "next line and separator"),
    ("U.S.-North talks", "us-north talks"),
    ("Kim Jong-un", "kim jong un"),
    ("İSTANBUL ǅ", "istanbul ǆ"),
    ("caf\u00e9 time", "cafe\u0301 time"),
    ("1,000 people!", "1,000 People"),
    ("", "music playing"),
    ("good evening", ""),
]


@pytest.mark.parametrize("castkit_flags,sclite_flags", [((), ()), (("--case-sensitive",), ("-s",))],
                         ids=["default", "case-sensitive (-s)"])
def test_raw_text_scores_as_sclite_scores_it(tmp_path: Path, castkit_flags: tuple, sclite_flags: tuple) -> None:
    ref = {f"spk_r{n:02d}": r for n, (r, _h) in enumerate(RAW_PAIRS)}
    hyp = {f"spk_r{n:02d}": h for n, (_r, h) in enumerate(RAW_PAIRS)}
    for n, (_name, r, h) in enumerate(PAIRS):
        if "\n" not in r + h:
            ref[f"spk_p{n:02d}"], hyp[f"spk_p{n:02d}"] = r, h
    real = _sclite_counts(tmp_path, ref, hyp, *sclite_flags)
    ours = _castkit_counts(tmp_path, *castkit_flags)
    assert not _disagreements(real, ours), "\n".join(_disagreements(real, ours))
    # the pairs are not all trivially equal: sclite finds errors castkit's normalisation would hide
    assert sum(1 for counts in real.values() if sum(counts[1:])) > len(RAW_PAIRS) // 2
