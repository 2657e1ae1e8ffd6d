"""`castkit qa`: score a hypothesis transcript against a reference."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from castkit.cli.app import app
from castkit.cli.common import STRICT_HELP


@app.command(name="qa")
def command(
    reference: str = typer.Argument(..., help="What was scripted: a script, subtitle file, plain text or trn ('-' for stdin)."),
    hypothesis: str = typer.Argument(..., help="What aired or was subtitled: same kinds of input."),
    sclite: bool = typer.Option(False, "--sclite", help="sclite's weighted alignment (sub 4, ins/del 3, its tie-break) and trn syntax."),
    deletable: bool = typer.Option(False, "--deletable", help="With --sclite: a reference (word) may be left out without an error (sclite -D)."),
    no_normalize: bool = typer.Option(False, "--no-normalize", help="Score raw whitespace tokens."),
    split_hyphens: bool = typer.Option(False, "--split-hyphens", help="Jung-sil -> jung sil."),
    numbers: bool = typer.Option(False, "--numbers", help="Write numbers as digits: one thousand, 1,000 -> 1000."),
    contractions: bool = typer.Option(False, "--contractions", help="Expand English contractions: it's -> it is."),
    subs: Optional[Path] = typer.Option(None, "--subs", help="Substitution list, TOML or CSV ('U.S. = US')."),
    as_json: bool = typer.Option(False, "--json", help="Print the castkit.qa/1 JSON document."),
    html: Optional[Path] = typer.Option(None, "--html", help="Also write a self-contained HTML report here."),
    errors_only: bool = typer.Option(False, "--errors-only", help="Show only the errors and a few words around them."),
    max_wer: Optional[float] = typer.Option(None, "--max-wer", min=0.0, help="Exit 1 when WER exceeds this (0.05 = 5 %)."),
    ner: bool = typer.Option(False, "--ner", help="Print the NER worksheet (CSV, one row per error) instead of the report."),
    ner_sheet: Optional[Path] = typer.Option(None, "--ner-sheet", help="Score NER accuracy from a checked worksheet."),
    ref_format: Optional[str] = typer.Option(None, "--ref-format", help="script, subtitles, text or trn (default: detect)."),
    hyp_format: Optional[str] = typer.Option(None, "--hyp-format", help="script, subtitles, text or trn (default: detect)."),
    strict: bool = typer.Option(False, "--strict", help=STRICT_HELP),
) -> None:
    """Compare a hypothesis with a reference: WER, MER, WIL, CER, breakdowns and aligned words.

    Exit codes: 0 ok, 1 the --max-wer gate failed, 2 bad input.
    """
    import json

    from castkit.cli.common import announce
    from castkit.errors import BadInput
    from castkit.files import check_output, read_text, write_text
    from castkit.qa import inputs, ner as ner_model
    from castkit.qa.normalize import Normalization, load_substitutions
    from castkit.qa.score import compare

    if deletable and not sclite:
        raise BadInput("--deletable is part of sclite's rules: give --sclite too")
    if reference == "-" and hypothesis == "-":
        raise BadInput("only one of REFERENCE and HYPOTHESIS can be '-' (stdin)")
    if html is not None:
        check_output(html, [reference, hypothesis, *(p for p in (subs, ner_sheet) if p)])
    normalization = Normalization(
        enabled=not no_normalize, split_hyphens=split_hyphens, numbers=numbers, contractions=contractions,
        substitutions=load_substitutions(subs) if subs else (), substitutions_source=subs.name if subs else None)
    ref, hyp = inputs.load(reference, ref_format), inputs.load(hypothesis, hyp_format)
    notices = [*ref.notices, *hyp.notices]
    result = compare(ref, hyp, normalization=normalization, sclite=sclite, deletable=deletable)
    if ner:
        write_text("-", ner_model.to_csv(ner_model.worksheet(result)))
        announce(notices, strict=strict)
        return
    ner_score = None
    if ner_sheet is not None:
        sheet = read_text(ner_sheet)
        ner_score = ner_model.rescore(result, sheet.text, name=sheet.name)
    if html is not None:
        from castkit.qa import html as html_report

        write_text(html, html_report.render(result, errors_only=errors_only, max_wer=max_wer, ner=ner_score))
    if as_json:
        data = result.to_dict(max_wer)
        if ner_score is not None:
            data["ner"] = ner_score.to_dict()
        data["notices"] = [n.to_dict() for n in notices]
        write_text("-", json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        from castkit.qa import terminal

        terminal.render(result, errors_only=errors_only, max_wer=max_wer, ner=ner_score)
    announce(notices, strict=strict)
    if max_wer is not None and not result.passes(max_wer):
        raise typer.Exit(1)
