"""Corpus QA: folders matched by name or a manifest, totals summed over words, the same gates."""

from __future__ import annotations

import json
import random
from pathlib import Path

import jsonschema

from castkit.schemas import load
from conftest import run_cli
from synthetic_news import transcript_pair


def _corpus(tmp_path: Path) -> tuple[Path, Path, list[tuple[str, str]]]:
    """Eight pairs of very different lengths (5 to 400 words), news-like with 5 % S / 3 % D / 3 % I."""
    rng = random.Random(15)
    refs, hyps = tmp_path / "ref", tmp_path / "hyp"
    refs.mkdir()
    hyps.mkdir()
    texts = []
    for k, size in enumerate([5, 12, 400, 30, 8, 250, 60, 17]):
        ref, hyp = transcript_pair(rng, size)
        texts.append((" ".join(ref), " ".join(hyp)))
        (refs / f"item{k}.txt").write_text(texts[-1][0] + "\n")
        (hyps / f"item{k}.txt").write_text(texts[-1][1] + "\n")
    return refs, hyps, texts


def _json(*args: str) -> dict:
    done = run_cli("qa", *args, "--json")
    assert done.returncode in (0, 1), done.stderr.decode()
    data = json.loads(done.stdout)
    jsonschema.validate(data, load("qa-corpus" if data["schema"] == "castkit.qa-corpus/1" else "qa"))
    return data


def test_corpus_wer_is_the_wer_of_the_concatenated_corpus(tmp_path: Path) -> None:
    refs, hyps, texts = _corpus(tmp_path)
    data = _json(str(refs), str(hyps))
    assert data["schema"] == "castkit.qa-corpus/1" and len(data["files"]) == 8
    # one line per file: an alignment cannot pair words across files, as in the per-file scores
    whole_ref, whole_hyp = tmp_path / "all-ref.trn", tmp_path / "all-hyp.trn"
    whole_ref.write_text("".join(f"{r} (f-{k})\n" for k, (r, _) in enumerate(texts)))
    whole_hyp.write_text("".join(f"{h} (f-{k})\n" for k, (_, h) in enumerate(texts)))
    whole = _json(str(whole_ref), str(whole_hyp))
    assert data["counts"] == whole["counts"] and data["wer"] == whole["wer"]
    # and as one running text
    one_ref, one_hyp = tmp_path / "one-ref.txt", tmp_path / "one-hyp.txt"
    one_ref.write_text("\n".join(r for r, _ in texts) + "\n")
    one_hyp.write_text("\n".join(h for _, h in texts) + "\n")
    assert _json(str(one_ref), str(one_hyp))["wer"] == data["wer"]
    # the totals are summed, not averaged: the mean of the file rates is another number
    mean = sum(f["wer"] for f in data["files"]) / len(data["files"])
    assert abs(mean - data["wer"]) > 0.005
    assert sum(f["counts"]["ref_words"] for f in data["files"]) == data["counts"]["ref_words"]


def test_manifest_totals_per_speaker_and_outlet_and_gates(tmp_path: Path) -> None:
    refs, hyps, _ = _corpus(tmp_path)
    manifest = tmp_path / "pairs.csv"
    rows = ["reference,hypothesis,speaker,outlet"]
    for k in range(8):
        rows.append(f"ref/item{k}.txt,hyp/item{k}.txt,{'Kim' if k % 2 else 'Lee'},{'Arirang' if k < 4 else 'KBS'}")
    manifest.write_text("\n".join(rows) + "\n")
    data = _json("--manifest", str(manifest))
    files = data["files"]
    for key, field in (("by_speaker", "speaker"), ("by_outlet", "outlet")):
        for group in data[key]:
            members = [f for f in files if f[field] == group[field]]
            errors = sum(f["counts"]["substitutions"] + f["counts"]["deletions"] + f["counts"]["insertions"] for f in members)
            words = sum(f["counts"]["ref_words"] for f in members)
            assert group["counts"]["ref_words"] == words and group["wer"] == errors / words
    wer = data["wer"]
    assert run_cli("qa", "--manifest", str(manifest), "--max-wer", f"{wer * 100 - 0.5:.2f}%").returncode == 1
    assert run_cli("qa", "--manifest", str(manifest), "--max-wer", f"{wer + 0.005:.4f}").returncode == 0


def test_a_file_on_one_side_only_is_named_and_not_scored(tmp_path: Path) -> None:
    refs, hyps, _ = _corpus(tmp_path)
    (refs / "extra.txt").write_text("only here\n")
    done = run_cli("qa", str(refs), str(hyps), "--json")
    assert done.returncode == 0
    assert "extra.txt: no hypothesis of this name: not scored" in done.stderr.decode()
    data = json.loads(done.stdout)
    assert len(data["files"]) == 8 and any("extra.txt" in n["where"] for n in data["notices"])
    html = tmp_path / "corpus.html"
    assert run_cli("qa", str(refs), str(hyps), "--html", str(html)).returncode == 0
    page = html.read_text()
    assert page.count("<svg") == 1 and "<script" not in page and "item2" in page  # plain text: no speakers
