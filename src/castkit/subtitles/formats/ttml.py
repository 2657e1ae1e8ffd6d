"""TTML1 (and, through :func:`document`, EBU-TT-D), written with lxml.

pysubs2's TTML writes ``id`` where TTML needs ``xml:id``, so castkit writes its own: styles
and regions with ``xml:id``, ``xml:lang``, ``ttp:timeBase="media"``, clock times with
milliseconds, one ``p`` per cue with its lines as ``span`` separated by ``br``, speakers as
``ttm:agent`` (``person``, or ``organization`` for an institution). Centring
(``tts:textAlign``) and line padding (``ebutts:linePadding``) sit on a style the ``p``
references, since both apply to paragraphs, not spans. TTML signals the IMSC 1.1 Text
profile (``ttp:contentProfiles``). Raised cues go to the top region. XML escaping is
lxml's, so ``<`` and ``&`` in copy stay text.
"""

from __future__ import annotations

from castkit.subtitles.cues import Subtitles
from castkit.subtitles.speakers import CYAN, GREEN, MAGENTA, WHITE, YELLOW, is_organisation
from castkit.subtitles.formats import clock

NAME = "ttml"
EXTENSIONS = (".ttml", ".dfxp")

TT = "http://www.w3.org/ns/ttml"
TTP = "http://www.w3.org/ns/ttml#parameter"
TTS = "http://www.w3.org/ns/ttml#styling"
TTM = "http://www.w3.org/ns/ttml#metadata"
EBUTTM = "urn:ebu:tt:metadata"
EBUTTS = "urn:ebu:tt:style"
XML = "http://www.w3.org/XML/1998/namespace"
IMSC_TEXT = "http://www.w3.org/ns/ttml/profile/imsc1.1/text"
STYLE_IDS = {WHITE: "anchor", YELLOW: "correspondent", CYAN: "soundbite", GREEN: "soundbite2", MAGENTA: "soundbite3"}


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def document(subs: Subtitles, *, ebu: bool) -> bytes:
    """The TTML document for ``subs``; ``ebu`` restricts it to the EBU-TT-D profile."""
    from lxml import etree

    nsmap = {None: TT, "ttp": TTP, "tts": TTS, "ttm": TTM, "ebutts": EBUTTS}
    if ebu:
        nsmap["ebuttm"] = EBUTTM
    tt = etree.Element(_q(TT, "tt"), nsmap=nsmap)
    tt.set(_q(TTP, "timeBase"), "media")
    tt.set(_q(TTP, "cellResolution"), "32 15")
    if not ebu:
        tt.set(_q(TTP, "contentProfiles"), IMSC_TEXT)
    tt.set(_q(XML, "lang"), subs.profile.language)
    head = etree.SubElement(tt, _q(TT, "head"))
    metadata = etree.SubElement(head, _q(TT, "metadata"))
    if ebu:
        doc_meta = etree.SubElement(metadata, _q(EBUTTM, "documentMetadata"))
        etree.SubElement(doc_meta, _q(EBUTTM, "conformsToStandard")).text = "urn:ebu:tt:distribution:2014-01"
    agents = _agents(subs)
    for speaker, agent_id in agents.items():
        kind = "organization" if is_organisation(speaker) else "person"
        agent = etree.SubElement(metadata, _q(TTM, "agent"), {_q(XML, "id"): agent_id, "type": kind})
        etree.SubElement(agent, _q(TTM, "name"), {"type": "full"}).text = speaker
    styling = etree.SubElement(head, _q(TT, "styling"))
    paragraph = etree.SubElement(styling, _q(TT, "style"), {_q(XML, "id"): "paragraph"})
    paragraph.set(_q(TTS, "textAlign"), "center")
    paragraph.set(_q(EBUTTS, "linePadding"), "0.5c")
    colours = STYLE_IDS if subs.profile.colours else {WHITE: "anchor"}
    for colour, style_id in colours.items():
        style = etree.SubElement(styling, _q(TT, "style"), {_q(XML, "id"): style_id})
        style.set(_q(TTS, "color"), colour)
        style.set(_q(TTS, "backgroundColor"), "#000000")
        style.set(_q(TTS, "fontFamily"), "proportionalSansSerif")
        style.set(_q(TTS, "fontSize"), "100%" if ebu else "1c")
    layout = etree.SubElement(head, _q(TT, "layout"))
    for region_id, origin, align in (("bottom", "10% 70%", "after"), ("top", "10% 10%", "before")):
        region = etree.SubElement(layout, _q(TT, "region"), {_q(XML, "id"): region_id})
        region.set(_q(TTS, "origin"), origin)
        region.set(_q(TTS, "extent"), "80% 20%")
        region.set(_q(TTS, "displayAlign"), align)
    body = etree.SubElement(tt, _q(TT, "body"))
    div = etree.SubElement(body, _q(TT, "div"))
    for n, cue in enumerate(subs.cues, start=1):
        p = etree.SubElement(div, _q(TT, "p"), {_q(XML, "id"): f"c{n}", "begin": clock(cue.start_ms), "end": clock(cue.end_ms)})
        p.set("region", "top" if cue.raised else "bottom")
        p.set("style", "paragraph")
        if cue.speaker in agents:
            p.set(_q(TTM, "agent"), agents[cue.speaker])
        style_id = colours.get(cue.colour or "", "anchor")
        for k, line in enumerate(cue.lines):
            if k:
                etree.SubElement(p, _q(TT, "br"))
            etree.SubElement(p, _q(TT, "span"), {"style": style_id}).text = line
    return etree.tostring(tt, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _agents(subs: Subtitles) -> dict[str, str]:
    """An ``xml:id`` for each named speaker, in order of first appearance."""
    ids: dict[str, str] = {}
    for cue in subs.cues:
        if cue.speaker and cue.speaker not in ids:
            ids[cue.speaker] = f"speaker{len(ids) + 1}"
    return ids


def render(subs: Subtitles) -> str:
    return document(subs, ebu=False).decode("utf-8")
