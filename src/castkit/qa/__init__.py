"""Transcript QA: WER, MER, WIL and CER with breakdowns, sclite-compatible scoring, NER.

Entry points: :func:`castkit.qa.inputs.load` reads a script, subtitle file, plain text or trn
transcript; :func:`castkit.qa.score.compare` scores a hypothesis against a reference and
returns a :class:`castkit.qa.score.Result` that the reports render.
"""
