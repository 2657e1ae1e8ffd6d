"""News-script conventions every house style shares, one concept per module.

Newsrooms write the same few things the same few ways whatever the page looks like. Each
convention lives in its own module; this one gathers them for the house-style parsers:

- :mod:`castkit.ingest.names` — how names are printed and said on air;
- :mod:`castkit.ingest.handoffs` — how the anchor throws to a reporter, recorded or live;
- :mod:`castkit.ingest.signoffs` — how a package ends ("Kim Jung-sil, Arirang News.");
- :mod:`castkit.ingest.soundbites` — quotations, who speaks them, stand-ups;
- :mod:`castkit.ingest.furniture` — page furniture that is never spoken, dates and headers;
- :mod:`castkit.ingest.stories` — a story's paragraphs read into elements.
"""

from __future__ import annotations

from castkit.ingest.furniture import (
    AirTime,
    air_time,
    footer_source,
    is_boilerplate,
    story_title,
    timestamp,
    without_dateline,
)
from castkit.ingest.handoffs import address_handoff, handoff_name, is_invitation, is_thanks, live_handoff_name
from castkit.ingest.names import NAME, address_name, presenter_name
from castkit.ingest.signoffs import SignOff, signoff
from castkit.ingest.soundbites import Quote, infer_speaker, quoted, sounds_like_standup, split_quotes, strip_direction
from castkit.ingest.stories import Piece, Reading, asks, build_story, merge_pieces, read_paragraphs, read_two_way

__all__ = [
    "NAME", "AirTime", "Piece", "Quote", "Reading", "SignOff", "address_handoff", "asks", "address_name", "air_time",
    "build_story", "footer_source", "handoff_name", "infer_speaker", "is_boilerplate", "is_invitation", "is_thanks",
    "live_handoff_name", "merge_pieces", "presenter_name", "quoted", "read_paragraphs", "read_two_way", "signoff",
    "sounds_like_standup", "split_quotes", "story_title", "strip_direction", "timestamp", "without_dateline",
]
