"""A self-contained HTML report: scores, breakdowns and the alignment side by side.

One file with inline CSS and no scripts, so it can be mailed or archived. All text is
escaped by jinja2's autoescaping; errors are highlighted on both sides.
"""

from __future__ import annotations

from collections.abc import Sequence

from castkit.qa.charts import bars, timeline
from castkit.qa.corpus import CorpusResult
from castkit.qa.gate import Verdict
from castkit.qa.live import LiveResult
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
table.align{width:100%}.align tr{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr)}
.align .label{grid-column:1/-1;font-weight:bold;background:#f8f8f8}.align th:empty{display:none}
.align td{line-height:1.6;overflow-wrap:break-word}
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
{% for title, groups, chart in breakdowns %}{% if groups %}<h2>By {{ title }}</h2>
{{ chart }}
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
    wer_limit = next((v.threshold.limit for v in gates if v.threshold.metric == "wer"), None)
    tables = [(title, [
        {"name": g.name,
         "wer": percent(g.counts.wer),
         "counts": (g.counts.ref_words, g.counts.substitutions, g.counts.deletions, g.counts.insertions)}
        for g in groups], bars(f"WER by {title}", [(g.name, g.counts.wer) for g in groups], limit=wer_limit))
        for title, groups in breakdowns(result)]
    return env.from_string(_TEMPLATE).render(
        ref=result.reference.name, hyp=result.hypothesis.name,
        mode=method(result),
        scores=(percent(c.wer), percent(c.mer), percent(c.wil), percent(result.cer), c.ref_words, c.hyp_words,
                c.hits, c.substitutions, c.deletions, c.insertions),
        gates=gates,
        ner=ner_line(ner) if ner else None,
        steps=result.steps(), breakdowns=tables, confusions=result.confusions(),
        rows=rows(result, errors_only=errors_only), errors_only=errors_only)


_LIVE_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>castkit live-subtitle QA: {{ r.subtitles }}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}
th{background:#f3f3f3;text-align:left}.num{text-align:right}.late,.fast{color:#b00000;font-weight:bold}
.cues td:last-child{overflow-wrap:anywhere}
</style></head><body>
<h1>Live-subtitle QA</h1>
<p><b>{{ r.subtitles }}</b> against the audio <b>{{ r.audio }}</b></p>
<table><tr><th>latency mean</th><th>median</th><th>95th percentile</th><th>cues later than {{ target }} s</th><th>cues timed</th><th>bursts over {{ burst }} wpm</th>{% if r.ner %}<th>NER accuracy (proposed)</th>{% endif %}</tr>
<tr><td class="num">{{ seconds(lat.mean_ms) }}</td><td class="num">{{ seconds(lat.median_ms) }}</td><td class="num">{{ seconds(lat.p95_ms) }}</td>
<td class="num">{{ lat.over_target }}</td><td class="num">{{ lat.cues }} of {{ r.cues|length }}</td><td class="num">{{ bursts|length }}</td>
{% if r.ner %}<td class="num">{{ ner }}</td>{% endif %}</tr></table>
{% for v in gates %}<p class="{{ '' if v.passed else 'late' }}">{{ v.line() }}</p>{% endfor %}
{% for n in r.notices %}<p>{{ n }}</p>{% endfor %}
<h2>Latency and speed over the programme</h2>
{{ chart }}
<h2>Cues</h2>
<table class="cues"><tr><th>#</th><th>shown</th><th>spoken</th><th>latency</th><th>wpm</th><th>text</th></tr>
{% for c in r.cues %}<tr><td class="num">{{ c.number }}</td><td class="num">{{ clock(c.start_ms) }}</td>
<td class="num">{{ clock(c.spoken_ms) if c.spoken_ms is not none else c.status }}</td>
<td class="num {{ 'late' if c.latency_ms is not none and c.latency_ms > target * 1000 }}">{{ seconds(c.latency_ms) }}</td>
<td class="num {{ 'fast' if c.wpm and c.wpm > burst }}">{{ '%.0f'|format(c.wpm) if c.wpm else '' }}</td><td>{{ c.text }}</td></tr>
{% endfor %}</table>
{% if r.sheet %}<h2>Accuracy: proposed NER worksheet</h2>
<p>Each difference from the script, classified and given a severity for a checker to confirm.</p>
<table><tr><th>id</th><th>error</th><th>script</th><th>subtitles</th><th>category</th><th>severity</th><th>context</th></tr>
{% for row in r.sheet %}<tr><td>{{ row.id }}</td><td>{{ row.error }}</td><td>{{ row.reference }}</td><td>{{ row.hypothesis }}</td>
<td>{{ row.category }}</td><td>{{ row.severity }}</td><td>{{ row.context }}</td></tr>{% endfor %}</table>{% endif %}
</body></html>
"""


def render_live(result: LiveResult, *, gates: Sequence[Verdict] = ()) -> str:
    """The live-subtitle report as one HTML document, with its timeline chart inline."""
    import jinja2

    from castkit.qa.live import BURST_WPM, MEASURED, OFCOM_LATENCY_MS

    def seconds(ms: int | None) -> str:
        return "" if ms is None else f"{ms / 1000:.2f} s"

    def clock(ms: int) -> str:
        return f"{ms // 60000}:{ms % 60000 / 1000:06.3f}"

    minutes = result.minutes()
    chart = timeline("Latency per cue and words per minute of programme", minutes[-1].index * 60000 + minutes[-1].length_ms,
                     [(c.start_ms, c.latency_ms / 1000) for c in result.cues if c.latency_ms is not None and c.status in MEASURED],
                     [(m.index * 60000, m.index * 60000 + m.length_ms, m.wpm) for m in minutes],
                     point_limit=OFCOM_LATENCY_MS / 1000, column_limit=BURST_WPM, point_unit="s", column_unit="wpm")
    env = jinja2.Environment(autoescape=True, trim_blocks=True)
    return env.from_string(_LIVE_TEMPLATE).render(
        r=result, lat=result.latency(), bursts=result.bursts(), target=OFCOM_LATENCY_MS // 1000, burst=BURST_WPM,
        ner=ner_line(result.ner) if result.ner else "", gates=gates, chart=chart, seconds=seconds, clock=clock)


_CORPUS_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>castkit corpus QA</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}
th{background:#f3f3f3;text-align:left}.num{text-align:right}.pass{color:#176b17}.fail{color:#b00000;font-weight:bold}
</style></head><body>
<h1>Corpus QA</h1>
<p>{{ files }} pair(s): WER <b>{{ wer }}</b>, CER {{ cer }}: errors summed over all words, not an average of file rates.</p>
{% for v in gates %}<p class="{{ 'pass' if v.passed else 'fail' }}">{{ v.line() }}</p>{% endfor %}
<p>Normalisation: {{ steps|join('; ') }}</p>
{% for n in notices %}<p>{{ n }}</p>{% endfor %}
{% for title, rows, chart in tables %}{% if rows %}<h2>By {{ title }}</h2>
{{ chart }}
<table><tr><th>{{ title }}</th><th>WER</th><th>N</th><th>sub</th><th>del</th><th>ins</th></tr>
{% for name, c in rows %}<tr><td>{{ name }}</td><td class="num">{{ percent(c.wer) }}</td><td class="num">{{ c.ref_words }}</td>
<td class="num">{{ c.substitutions }}</td><td class="num">{{ c.deletions }}</td><td class="num">{{ c.insertions }}</td></tr>
{% endfor %}</table>{% endif %}{% endfor %}
</body></html>
"""


def render_corpus(result: CorpusResult, *, gates: Sequence[Verdict] = ()) -> str:
    """Corpus QA as one HTML document: totals, then per file, speaker and outlet with bar charts."""
    import jinja2

    limit = next((v.threshold.limit for v in gates if v.threshold.metric == "wer"), None)
    tables = []
    for title, rows in (("file", [(p.name, r.counts) for p, r in zip(result.pairs, result.results)]),
                        ("speaker", list(result.totals("speaker").items())),
                        ("outlet", list(result.totals("outlet").items()))):
        tables.append((title, rows, bars(f"WER by {title}", [(name, c.wer) for name, c in rows], limit=limit)))
    env = jinja2.Environment(autoescape=True, trim_blocks=True)
    return env.from_string(_CORPUS_TEMPLATE).render(
        files=len(result.results), wer=percent(result.counts.wer), cer=percent(result.cer), gates=gates,
        steps=result.results[0].steps() if result.results else [], notices=result.notices, tables=tables,
        percent=percent)
