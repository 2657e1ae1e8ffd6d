"""`castkit qa`: score a hypothesis transcript against a reference."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from castkit.cli.app import subcommand
from castkit.cli.common import FORCE, STRICT_HELP


@subcommand("qa")
def command(
    reference: Optional[str] = typer.Argument(None, help="What was scripted: a script, subtitle file, plain text, trn or a speech engine's JSON ('-' for stdin)."),
    hypothesis: Optional[str] = typer.Argument(None, help="What aired or was subtitled: same kinds of input."),
    live: Optional[Path] = typer.Option(None, "--live", metavar="SUBS", help="Live-subtitle QA of this subtitle file against --audio: latency, speed and (with --script) a pre-filled NER sheet."),
    audio: Optional[Path] = typer.Option(None, "--audio", help="With --live: the programme audio (any format ffmpeg reads)."),
    script: Optional[Path] = typer.Option(None, "--script", help="With --live: the script, for accuracy (NER)."),
    manifest: Optional[Path] = typer.Option(None, "--manifest", metavar="CSV", help="Corpus QA of the pairs a CSV lists (reference, hypothesis[, speaker][, outlet]); two folders as REFERENCE and HYPOTHESIS are paired by file name."),
    sclite: bool = typer.Option(False, "--sclite", help="NIST sclite's scoring exactly: its text rules (split on ASCII whitespace, ASCII case folding, punctuation kept), trn syntax, costs (sub 4, ins/del 3) and tie-break."),
    deletable: bool = typer.Option(False, "--deletable", help="With --sclite: a reference (word) may be left out without an error (sclite -D)."),
    case_sensitive: bool = typer.Option(False, "--case-sensitive", help="With --sclite: keep case (sclite -s)."),
    normalize: Optional[bool] = typer.Option(None, "--normalize/--no-normalize", help="castkit's normalisation (NFC, straight quotes, Unicode case folding, punctuation removed); on by default, off with --sclite."),
    preset: Optional[str] = typer.Option(None, "--preset", metavar="NAME", help="A named normalisation: 'broadcast' counts hyphen/space, contraction and number variants as matches."),
    split_hyphens: bool = typer.Option(False, "--split-hyphens", help="Jung-sil -> jung sil."),
    numbers: bool = typer.Option(False, "--numbers", help="Numbers as digits: one hundred and twenty-seven, 127; 1.5 million, 1,500,000; $35, 35 dollars; 8:30, eight thirty; twelfth, 12th."),
    contractions: bool = typer.Option(False, "--contractions", help="Expand English contractions: it's -> it is."),
    subs: Optional[Path] = typer.Option(None, "--subs", help="Substitution list, TOML or CSV ('U.S. = US')."),
    as_json: bool = typer.Option(False, "--json", help="Print the castkit.qa/1 JSON document."),
    html: Optional[Path] = typer.Option(None, "--html", help="Also write a self-contained HTML report here."),
    errors_only: bool = typer.Option(False, "--errors-only", help="Show only the errors and a few words around them."),
    max_wer: Optional[str] = typer.Option(None, "--max-wer", metavar="RATE", help="Exit 1 when WER is above this: 0.05 or 5%."),
    max_cer: Optional[str] = typer.Option(None, "--max-cer", metavar="RATE", help="Exit 1 when CER is above this: 0.02 or 2%."),
    min_ner: Optional[str] = typer.Option(None, "--min-ner", metavar="RATE", help="Exit 1 when NER accuracy is below this: 0.98 or 98% (from --ner-sheet, else the proposed severities)."),
    ner: bool = typer.Option(False, "--ner", help="Print the NER worksheet (CSV, one row per error) instead of the report."),
    ner_sheet: Optional[Path] = typer.Option(None, "--ner-sheet", help="Score NER accuracy from a checked worksheet."),
    ref_format: Optional[str] = typer.Option(None, "--ref-format", metavar="FORMAT", help="script, subtitles, text, trn or asr (a speech engine's JSON); default: detect."),
    hyp_format: Optional[str] = typer.Option(None, "--hyp-format", metavar="FORMAT", help="script, subtitles, text, trn or asr (a speech engine's JSON); default: detect."),
    force: bool = FORCE,
    strict: bool = typer.Option(False, "--strict", help=STRICT_HELP),
) -> None:
    """Two folders (or --manifest) score a corpus; --live SUBS --audio AUDIO [--script SCRIPT]
    measures live subtitles: latency, speed and accuracy.

    Exit codes: 0 ok, 1 a gate (--max-wer, --max-cer, --min-ner) or --strict failed, 2 bad input.
    """
    import json

    from castkit.cli.common import announce
    from castkit.errors import BadInput
    from castkit.files import check_output, read_text, write_text
    from castkit.notices import Notice
    from castkit.qa import gate, inputs, ner as ner_model
    from castkit.qa.normalize import Normalization, load_substitutions
    from castkit.qa.score import compare

    thresholds = [gate.parse(metric, text) for metric, text in (("wer", max_wer), ("cer", max_cer), ("ner", min_ner))
                  if text is not None]
    if live is not None or audio is not None or script is not None:
        ignored = [flag for flag, value in (("--sclite", sclite), ("--preset", preset), ("--numbers", numbers),
                                            ("--split-hyphens", split_hyphens), ("--contractions", contractions),
                                            ("--subs", subs), ("--manifest", manifest), ("--ner-sheet", ner_sheet))
                   if value]
        if ignored:
            raise BadInput(f"{ignored[0]} does not apply to live-subtitle QA (accuracy uses the broadcast preset)")
        _live(live, audio, script, reference, thresholds, as_json=as_json, html=html, ner=ner, strict=strict)
        return
    corpus = manifest is not None or (reference is not None and hypothesis is not None
                                      and Path(reference).is_dir() and Path(hypothesis).is_dir())
    if not corpus and (reference is None or hypothesis is None):
        raise BadInput("give REFERENCE and HYPOTHESIS, two folders, --manifest FILE, or --live SUBS --audio AUDIO")
    if (deletable or case_sensitive) and not sclite:
        raise BadInput(f"{'--deletable' if deletable else '--case-sensitive'} is part of sclite's rules: give --sclite too")
    if reference == "-" and hypothesis == "-":
        raise BadInput("only one of REFERENCE and HYPOTHESIS can be '-' (stdin)")
    extras = {"--preset": preset, "--split-hyphens": split_hyphens, "--numbers": numbers,
              "--contractions": contractions, "--subs": subs}
    asked = [flag for flag, value in extras.items() if value]
    if normalize is False and asked:
        raise BadInput(f"{asked[0]} is part of castkit's normalisation: leave out --no-normalize")
    if corpus and (ner or ner_sheet or min_ner or errors_only):
        raise BadInput("corpus QA reports totals and a table per file: score a pair on its own for NER or the alignment")
    if html is not None:
        check_output(html, [p for p in (reference, hypothesis, subs, ner_sheet, manifest) if p])
    options = {"split_hyphens": split_hyphens, "numbers": numbers, "contractions": contractions,
               "substitutions": load_substitutions(subs) if subs else (), "substitutions_source": subs.name if subs else None}
    options = {k: v for k, v in options.items() if v}
    enabled = normalize if normalize is not None else not sclite or bool(asked)

    def normalization_of_a_pair() -> Normalization:
        return Normalization.named(preset, **options) if preset else Normalization(enabled=enabled, **options)

    if corpus:
        _corpus(reference, hypothesis, manifest, normalization_of_a_pair, thresholds, as_json=as_json, html=html,
                strict=strict, sclite=sclite, deletable=deletable, case_sensitive=case_sensitive)
        return
    normalization = normalization_of_a_pair()
    ref, hyp = inputs.load(reference, ref_format), inputs.load(hypothesis, hyp_format)
    notices = [*ref.notices, *hyp.notices]
    result = compare(ref, hyp, normalization=normalization, sclite=sclite, deletable=deletable, case_sensitive=case_sensitive)
    if ner:
        write_text("-", ner_model.to_csv(ner_model.worksheet(result)))
        announce(notices, strict=strict)
        return
    ner_score = None
    if ner_sheet is not None:
        sheet = read_text(ner_sheet)
        ner_score = ner_model.rescore(result, sheet.text, name=sheet.name)
    elif min_ner is not None:
        ner_score = ner_model.score(result.counts.hyp_words, ner_model.worksheet(result))
        notices.append(Notice("qa", hyp.name, "NER accuracy from the proposed severities, not a checker's: "
                                              "give --ner-sheet with the checked worksheet"))
    verdicts = gate.judge(result, thresholds, ner_score)
    if html is not None:
        from castkit.qa import html as html_report

        write_text(html, html_report.render(result, errors_only=errors_only, gates=verdicts, ner=ner_score))
    if as_json:
        data = result.to_dict(verdicts)
        if ner_score is not None:
            data["ner"] = ner_score.to_dict()
        data["notices"] = [n.to_dict() for n in notices]
        write_text("-", json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        from castkit.qa import terminal

        terminal.render(result, errors_only=errors_only, gates=verdicts, ner=ner_score)
    announce(notices, strict=strict)
    if not all(v.passed for v in verdicts):
        raise typer.Exit(1)


def _live(subtitles: Path | None, audio: Path | None, script: Path | None, extra: str | None,
          thresholds: list, *, as_json: bool, html: Path | None, ner: bool, strict: bool) -> None:
    """``castkit qa --live SUBS --audio AUDIO [--script SCRIPT]``."""
    import json

    from castkit.cli.common import announce, progress
    from castkit.errors import BadInput
    from castkit.files import check_output, write_text
    from castkit.qa import gate, live, ner as ner_model

    if subtitles is None or audio is None:
        raise BadInput("live-subtitle QA needs --live SUBS and --audio AUDIO")
    if extra is not None:
        raise BadInput("with --live, give the script as --script, not as an argument")
    if script is None and thresholds:
        raise BadInput("a gate on live subtitles needs --script: accuracy is measured against it")
    if any(t.metric == "cer" for t in thresholds):
        raise BadInput("--max-cer does not apply to live subtitles; use --max-wer or --min-ner")
    if html is not None:
        check_output(html, [p for p in (subtitles, audio, script) if p])
    with progress("aligning subtitles to the audio") as done:
        result = live.measure(subtitles, audio, script=script, on_progress=done)
    if ner:
        write_text("-", ner_model.to_csv(result.sheet))
        announce(result.notices, strict=strict)
        return
    verdicts = gate.judge(result.accuracy, thresholds, result.ner) if result.accuracy is not None else []
    if html is not None:
        from castkit.qa import html as html_report

        write_text(html, html_report.render_live(result, gates=verdicts))
    if as_json:
        data = result.to_dict()
        data["gates"] = [v.to_dict() for v in verdicts]
        write_text("-", json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        from castkit.qa import terminal

        terminal.render_live(result, gates=verdicts)
    announce(result.notices, strict=strict)
    if not all(v.passed for v in verdicts):
        raise typer.Exit(1)


def _corpus(reference: str | None, hypothesis: str | None, manifest: Path | None, normalization, thresholds: list, *,
            as_json: bool, html: Path | None, strict: bool, **rules: bool) -> None:
    """``castkit qa REF_DIR HYP_DIR`` or ``castkit qa --manifest FILE``."""
    import json

    from castkit.cli.common import announce, progress
    from castkit.errors import BadInput
    from castkit.files import write_text
    from castkit.qa import corpus, gate

    if manifest is not None:
        if reference is not None or hypothesis is not None:
            raise BadInput("give either --manifest or two folders, not both")
        pairs, notices = corpus.from_manifest(manifest), []
    else:
        pairs, notices = corpus.from_folders(Path(reference), Path(hypothesis))  # type: ignore[arg-type]
    with progress("scoring the corpus") as done:
        result = corpus.score(pairs, normalization=normalization, on_progress=done, **rules)
    result.notices[:0] = notices
    verdicts = gate.judge(result, thresholds)
    if html is not None:
        from castkit.qa import html as html_report

        write_text(html, html_report.render_corpus(result, gates=verdicts))
    if as_json:
        write_text("-", json.dumps(result.to_dict(verdicts), ensure_ascii=False, indent=2) + "\n")
    else:
        from castkit.qa import terminal

        terminal.render_corpus(result, gates=verdicts)
    announce(result.notices, strict=strict)
    if not all(v.passed for v in verdicts):
        raise typer.Exit(1)
