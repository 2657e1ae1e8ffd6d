"""A self-contained HTML report: scores, breakdowns and the alignment side by side.

One file with inline CSS and no scripts, so it can be mailed or archived. All text is
escaped by jinja2's autoescaping; errors are highlighted on both sides.
"""

from __future__ import annotations

from collections.abc import Sequence

from castkit.qa.gate import Verdict
from castkit.qa.ner import NerScore
from castkit.qa.score import Result, percent
from castkit.qa.view import breakdowns, method, ner_line, rows

_TEMPLATE = """{% from "alignment.html.j2" import alignment_rows %}
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>castkit QA: {{ hyp }} against {{ ref }}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}
th{background:#f3f3f3;text-align:left}.num{text-align:right}
.align td{width:45%;line-height:1.6}.label{width:10%;font-weight:bold;white-space:nowrap}
.sub{background:#fff0b3}.del{background:#ffd6d6;text-decoration:line-through}.ins{background:#d6f5d6}
.gap{color:#999}.pass{color:#176b17}.fail{color:#b00000;font-weight:bold}
</style></head><body>
<h1>Transcript QA</h1>
<p><b>{{ hyp }}</b> against <b>{{ ref }}</b> ({{ mode }})</p>
<table><tr><th>WER</th><th>MER</th><th>WIL</th><th>CER</th><th>N</th><th>hyp words</th><th>hits</th><th>sub</th><th>del</th><th>ins</th></tr>
<tr>{% for v in scores %}<td class="num">{{ v }}</td>{% endfor %}</tr></table>
{% for v in gates %}<p class="{{ 'pass' if v.passed else 'fail' }}">{{ v.line() }}</p>{% endfor %}
{% if ner %}<p>NER accuracy {{ ner }}</p>{% endif %}
<p>Normalisation: {{ steps|join('; ') }}</p>
{% for title, groups in breakdowns %}{% if groups %}<h2>By {{ title }}</h2>
<table><tr><th>{{ title }}</th><th>WER</th><th>N</th><th>sub</th><th>del</th><th>ins</th></tr>
{% for g in groups %}<tr><td>{{ g.name }}</td><td class="num">{{ g.wer }}</td>{% for v in g.counts %}<td class="num">{{ v }}</td>{% endfor %}</tr>
{% endfor %}</table>{% endif %}{% endfor %}
{% if confusions %}<h2>Most frequent confusions</h2><table><tr><th>reference</th><th>hypothesis</th><th>count</th></tr>
{% for r, h, n in confusions %}<tr><td>{{ r }}</td><td>{{ h }}</td><td class="num">{{ n }}</td></tr>{% endfor %}</table>{% endif %}
<h2>Alignment{% if errors_only %} (errors only){% endif %}</h2>
<table class="align"><tr><th></th><th>reference</th><th>hypothesis</th></tr>
{{ alignment_rows(rows) }}</table>
</body></html>
"""


def render(result: Result, *, errors_only: bool = False, gates: Sequence[Verdict] = (),
           ner: NerScore | None = None) -> str:
    """The report as one HTML document."""
    import jinja2

    c = result.counts
    env = jinja2.Environment(loader=jinja2.PackageLoader("castkit", "templates"), autoescape=True, trim_blocks=True)
    tables = [(title, [
        {"name": g.name,
         "wer": percent(g.counts.wer),
         "counts": (g.counts.ref_words, g.counts.substitutions, g.counts.deletions, g.counts.insertions)}
        for g in groups]) for title, groups in breakdowns(result)]
    return env.from_string(_TEMPLATE).render(
        ref=result.reference.name, hyp=result.hypothesis.name,
        mode=method(result),
        scores=(percent(c.wer), percent(c.mer), percent(c.wil), percent(result.cer), c.ref_words, c.hyp_words,
                c.hits, c.substitutions, c.deletions, c.insertions),
        gates=gates,
        ner=ner_line(ner) if ner else None,
        steps=result.steps(), breakdowns=tables, confusions=result.confusions(),
        rows=rows(result, errors_only=errors_only), errors_only=errors_only)
