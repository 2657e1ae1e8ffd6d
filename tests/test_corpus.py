"""The script corpus (tests/corpus: scripts in ten outlets' conventions, each with a gold file) keeps its scores."""

from __future__ import annotations

from score_corpus import CORPUS, score_corpus


def test_corpus_scores_stay_at_the_targets() -> None:
    score = score_corpus()
    outlets = score.by_outlet()
    assert len(score.scripts) >= 60 and len(outlets) >= 10
    assert score.kinds >= 0.98, [(s.name, s.got) for s in score.scripts if s.kinds < 1]
    assert score.speakers >= 0.95
    assert score.handoffs >= 0.95
    assert score.stories >= 0.98
    assert score.leaks == 0, [(s.name, s.leaks) for s in score.scripts if s.leaks]


def test_the_scorer_sees_a_wrong_parse(tmp_path) -> None:
    """A gold file that disagrees with the parse lowers every figure it should."""
    import json

    script = CORPUS / "arirang-web-00.txt"
    (tmp_path / script.name).write_text(script.read_text("utf-8"), "utf-8")
    gold = json.loads(script.with_suffix(".gold.json").read_text("utf-8"))
    gold["stories"][0]["handoff"] = "Someone Else"
    gold["stories"][0]["elements"][1] = ["soundbite", "Someone Else"]
    gold["never_spoken"].append("Bank of Korea")
    gold["stories"].append({"handoff": None, "elements": [["anchor", None]]})
    (tmp_path / "arirang-web-00.gold.json").write_text(json.dumps(gold), "utf-8")
    score = score_corpus(tmp_path)
    assert score.kinds < 1 and score.handoffs < 1 and score.stories == 0 and score.leaks == 1
