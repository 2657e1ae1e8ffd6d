"""EBU-TT-D (EBU Tech 3380), the TTML profile for HbbTV and iPlayer-style IP delivery.

No Python library writes it; :func:`castkit.subtitles.formats.ttml.document` does with the
profile's constraints: ``ttp:timeBase="media"``, ``ttp:cellResolution``, ``#RRGGBB``
colours, font size in %, ``ebutts:linePadding``, regions in %, text in ``span`` and
``ebuttm:conformsToStandard`` ``urn:ebu:tt:distribution:2014-01``.
"""

from __future__ import annotations

from castkit.subtitles.cues import Subtitles
from castkit.subtitles.formats.ttml import document

NAME = "ebu-tt-d"
EXTENSIONS = (".xml",)


def render(subs: Subtitles) -> str:
    return document(subs, ebu=True).decode("utf-8")
