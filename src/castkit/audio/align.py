"""Forced alignment of a script to its audio: measured element and word times, and mismatches.

pocketsphinx aligns given words to speech with an HMM search over a grammar built from the
text. One search over a whole programme grows faster than linearly, so castkit walks the
audio element by element: each element is aligned in a window from the end of the previous
one to a pause comfortably past its expected end, with the words that follow as an optional
tail so speech running on past the element is absorbed rather than forced into it. An
element that fits except for a word or two is aligned again with its words optional (the
words not said are ``missing``). When an element will not align, the ladder is: the speech
where the elements before it should have ended; then sentence by sentence, restarting at
later speech regions when a sentence is not where expected (the skipped speech is not in
the script); a wider beam when no sentence is found; then, for a sentence still not found,
an estimate over the speech between its measured neighbours when there is speech of about
the right length there, else the sentence is reported missing. Speech that no script word
covers is reported as ``extra_in_audio``. Nothing is silently mis-timed: every word says
whether it was measured, of low confidence, estimated or missing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from castkit.audio.load import Audio, load
from castkit.errors import BadInput
from castkit.audio.pronounce import Lexicon
from castkit.audio.script import SpokenElement, spoken_elements
from castkit.audio.speech import FRAME_MS, Region, frame_activity, speech_regions, voice_activity
from castkit.model import Bulletin
from castkit.timings import ElementTiming, Mismatch, Status, Timeline, WordTiming

WIDE_BEAM = {"beam": 1e-80, "pbeam": 1e-80, "wbeam": 1e-60}
_NOT_WORDS = ("<s>", "</s>", "<sil>", "(NULL)")
WINDOW_SLACK = 1.35  # a window covers this many times the expected duration ...
WINDOW_PAD_MS = 2000  # ... plus this, then runs on to the next pause
MAX_SKIPS = 3  # speech regions tried past the expected place before a sentence counts as missing
SKIP_REACH_MS = 20000
EXTRA_MIN_MS = 700  # uncovered speech shorter than this is breath or noise, not extra speech
COVER_PAD_MS = 200
TRIM_MIN_FRAMES = 3  # silence this long (in 10 ms frames) at a word's edge is moved out of the word

# Per-frame acoustic log-score of a sentence below which it is not in the audio there: voices
# differ (real ones -1 to -2.5 with music beds, telephone lines and MP3; synthetic ones -3 to
# -3.5), words forced onto other speech score -4 to -6. The same for any run of RUN_WORDS words:
MISFIT_SCORE = -4.3
RUN_WORDS = 3
RUN_MISFIT_SCORE = -5.2

EVIDENCE_SPAN = 1.5  # log-score per frame above the misfit line at which a word's confidence reaches 1
LOW_CONFIDENCE = 0.35  # below this a measured word is reported as low confidence
FOUND_SHARE = 0.5  # a recording in which fewer of the elements are found is not this script's
QUICK_RESTARTS = 1  # other places an element may begin after one not found (where the last one found ended, else later speech), tried in that first look
EDGE_DOUBT_MS = 180  # a word at a pause that stops this far short of the speech around it may be cut short
# Expected durations assume the recording's reading rate, kept within these ms per letter (300 to
# 100 words a minute): a recording with far more speech than the script (the wrong one, or a
# script for part of it) must not stretch every search window with it.
MS_PER_LETTER = (40.0, 120.0)
MAX_PASSED_OVER = 2  # script words an element may have that are not in the audio (else it is not there)
SKIP_PROBABILITY = 1e-6  # the grammar's cost of passing over a script word
MAX_RESTARTS = 6  # speech regions tried for an element after the one before it could not be found
LEAD_IN_MS = 60000  # a recording may open with this much material not in the script (a tease, the item before)
PROBE_WORDS = 8  # the opening words an element is probed with where it may begin (a short window each)


@dataclass
class _Span:
    """A token's time, how it was obtained ("measured", "estimated", "missing") and the acoustic evidence (0..1)."""

    start_ms: int
    end_ms: int
    how: str
    confidence: float = 0.0


class RecordingMismatch(BadInput):
    """The recording is not of this script: most of its elements cannot be found in it."""


@dataclass(frozen=True)
class _Hit:
    """A dictionary word the decoder placed: ms into the window, acoustic log-score and frames."""

    start_ms: int
    end_ms: int
    score: float
    frames: int


class _Engine:
    """pocketsphinx decoders (default and wide beam) that share one lexicon."""

    def __init__(self) -> None:
        self._decoders: dict[bool, object] = {}
        self._added: dict[str, str] = {}
        self.lexicon = Lexicon(self._lookup, self._add)

    def _decoder(self, wide: bool):  # -> pocketsphinx.Decoder
        if wide not in self._decoders:
            from pocketsphinx import Decoder

            # no dither: the same speech must give the same times whatever its least significant bits
            decoder = Decoder(lm=None, samprate=16000, dither=False, loglevel="FATAL", **(WIDE_BEAM if wide else {}))
            for word, phones in self._added.items():
                decoder.add_word(word, phones, False)
            self._decoders[wide] = decoder
        return self._decoders[wide]

    def _lookup(self, word: str) -> str | None:
        return self._decoder(False).lookup_word(word)

    def _add(self, word: str, phones: str) -> None:
        self._added[word] = phones
        for decoder in self._decoders.values():
            decoder.add_word(word, phones, True)

    def align(self, pcm: bytes, words: list[str], tail: list[str], wide: bool, optional: bool = False) -> list[_Hit | None] | None:
        """Times (ms into ``pcm``) of ``words``, which must open the audio; any prefix of ``tail`` may follow.

        With ``optional``, a word may be passed over at a cost (``None`` in its place): a
        script word that was not said (a speaker label read as text, a word dropped) then costs
        that word, not its element."""
        decoder = self._decoder(wide)
        n = len(words)
        # with words optional the decoder no longer opens with silence by itself (it runs the first
        # word said from the start of the window): an opening silence is then a word of the grammar
        first = 1 if optional else 0
        arcs = [(first + i, first + i + 1, 1.0, w) for i, w in enumerate(words + tail)]
        if optional:
            arcs += [(0, 1, 1.0, "<sil>"), (0, 1, 1.0)] + [(1 + i, 2 + i, SKIP_PROBABILITY) for i in range(n)]
        final = first + n + len(tail)
        arcs += [(state, final, 1.0) for state in range(first + n, final)]  # stop anywhere in the tail
        decoder.add_fsg("castkit", decoder.create_fsg("castkit", 0, final, arcs))
        decoder.activate_search("castkit")
        decoder.start_utt()
        decoder.process_raw(pcm, full_utt=True)
        decoder.end_utt()
        segments = decoder.seg()
        if segments is None:
            return None
        frate = decoder.config["frate"]
        expected = words + tail
        found: list[_Hit | None] = []
        for s in segments:
            word = s.word.split("(")[0]
            if word in _NOT_WORDS or word.startswith(("[", "++")):
                continue
            at = next((k for k in range(len(found), len(expected)) if expected[k] == word), None)
            if at is None:
                return None
            found += [None] * (at - len(found))  # the words passed over
            score = math.log(s.ascore) if s.ascore > 0 else -math.inf
            found.append(_Hit(s.start_frame * 1000 // frate, (s.end_frame + 1) * 1000 // frate, score, s.end_frame + 1 - s.start_frame))
        if len(found) < n:
            return None
        return found[:n]


def _per_frame(hits: list[_Hit]) -> float:
    return sum(h.score for h in hits) / max(1, sum(h.frames for h in hits))


@dataclass
class _Piece:
    """Words to place: one element or one sentence, with what follows it as the optional tail."""

    unit: int
    tokens: range
    words: list[str]
    word_tokens: list[int]
    tail: list[str]


class _Aligner:
    def __init__(self, audio: Audio, spoken: list[SpokenElement], on_progress: Callable[[float], None] | None, refuse: bool) -> None:
        self.audio = audio
        self.refuse = refuse
        self.spoken = spoken
        self.on_progress = on_progress
        self.engine = _Engine()
        loud = frame_activity(audio)
        voiced = voice_activity(audio)
        self.regions = speech_regions(audio, voiced)
        self.active = loud | voiced[: len(loud)]  # a frame is silent only when neither hears anything
        self.transcripts = [self.engine.lexicon.transcribe(item.words) for item in spoken]
        letters = sum(len(w) for t in self.transcripts for w in t.words) or 1
        speech = sum(r.duration_ms for r in self.regions) or audio.duration_ms
        self.ms_per_letter = min(max(speech / letters, MS_PER_LETTER[0]), MS_PER_LETTER[1])
        self.spans: list[list[_Span | None]] = [[None] * len(item.words) for item in spoken]
        self.decoded: dict[tuple, list[_Hit | None] | None] = {}
        self.done = 0.0  # fraction of the work reported

    # ---------------------------------------------------------------- windows

    def expected_ms(self, words: list[str]) -> float:
        return sum(len(w) for w in words) * self.ms_per_letter

    def pause_after(self, at_ms: float) -> int:
        """A point in the first pause at or after ``at_ms`` (the audio's end if there is none)."""
        for before, after in zip(self.regions, self.regions[1:]):
            if after.start_ms >= at_ms and after.start_ms > before.end_ms:
                start = max(before.end_ms, int(at_ms))
                return min(start + (after.start_ms - start) // 2, start + 400)
        return self.audio.duration_ms

    def speech_after(self, at_ms: int) -> list[int]:
        """Starts of the next speech regions after ``at_ms`` (restart points for a lost sentence)."""
        return [r.start_ms for r in self.regions if at_ms + 100 < r.start_ms <= at_ms + SKIP_REACH_MS][:MAX_SKIPS]

    def piece(self, unit: int, tokens: range) -> _Piece:
        transcript = self.transcripts[unit]
        picked = [k for k, t in enumerate(transcript.tokens) if t in tokens]
        words = [transcript.words[k] for k in picked]
        tail: list[str] = []
        after = picked[-1] + 1
        reach = WINDOW_SLACK * self.expected_ms(words) + WINDOW_PAD_MS + 3000
        for t in self.transcripts[unit:]:
            for w in t.words[after:]:
                if self.expected_ms(tail) > reach:
                    break
                tail.append(w)
            after = 0
        return _Piece(unit, tokens, words, [transcript.tokens[k] for k in picked], tail)

    def place(self, piece: _Piece, start_ms: int, widen: bool = True, end_ms: int | None = None) -> int | None:
        """Align ``piece`` from ``start_ms``; record its token spans and return where it ends.

        ``widen`` retries with the wide beam when the default one finds no path: worth it where
        the piece is expected, not at each later place it is looked for (the wide beam is slow).
        When every sentence fits but a run of words does not, the piece is aligned again with
        each word optional: up to :data:`MAX_PASSED_OVER` words not said are then ``missing``.
        The window ends at ``end_ms``, by default at a pause comfortably past the expected end."""
        if end_ms is None:
            end_ms = self.pause_after(start_ms + WINDOW_SLACK * self.expected_ms(piece.words) + WINDOW_PAD_MS)
        if end_ms - start_ms < FRAME_MS:  # looked for past the end of the audio
            return None
        hits = self.decode(piece, start_ms, end_ms, False)
        if hits is None and widen:  # no path within the beam: the wider one may find it; a path found but misfit stays so
            hits = self.decode(piece, start_ms, end_ms, True)
        evidence = None if hits is None else self.evidence(piece, hits)
        if hits is not None and evidence is None and self.sentences_fit(piece, hits):
            hits = self.decode(piece, start_ms, end_ms, False, optional=True)
            said = [k for k, hit in enumerate(hits or []) if hit is not None]
            if said and len(hits) - len(said) <= MAX_PASSED_OVER:
                evidence = self.evidence(replace(piece, words=[piece.words[k] for k in said], word_tokens=[piece.word_tokens[k] for k in said]),
                                         [hits[k] for k in said])
        if hits is None or evidence is None:
            return None
        present = [hit for hit in hits if hit is not None]
        confidence = dict(zip([k for k, hit in enumerate(hits) if hit is not None], evidence))
        at = start_ms + present[0].start_ms
        for k, (token, hit) in enumerate(zip(piece.word_tokens, hits)):
            span = self.spans[piece.unit][token]
            if hit is None:  # not said: where it would have been
                self.spans[piece.unit][token] = _Span(at, at, "missing")
                continue
            start = span.start_ms if span else start_ms + hit.start_ms
            at = start_ms + hit.end_ms
            self.spans[piece.unit][token] = _Span(start, at, "measured", confidence[k])
        return start_ms + present[-1].end_ms

    def decode(self, piece: _Piece, start_ms: int, end_ms: int, wide: bool, optional: bool = False) -> list[_Hit | None] | None:
        """The decoder's hits for ``piece`` in the window, each window decoded once (the first pass's serve the second)."""
        key = (start_ms, end_ms, tuple(piece.words), tuple(piece.tail), wide, optional)
        if key not in self.decoded:
            self.decoded[key] = self.engine.align(self.audio.pcm(start_ms, end_ms), piece.words, piece.tail, wide, optional)
        return self.decoded[key]

    def sentences_fit(self, piece: _Piece, hits: list[_Hit]) -> bool:
        """Whether each sentence of ``piece`` scores above the misfit line as a whole (when a run of its words does not,
        a word or two may not have been said)."""
        return all(
            _per_frame([hits[k] for k, t in enumerate(piece.word_tokens) if t in sentence]) >= MISFIT_SCORE
            for sentence in self.spoken[piece.unit].sentences
            if any(t in sentence for t in piece.word_tokens)
        )

    def evidence(self, piece: _Piece, hits: list[_Hit]) -> list[float] | None:
        """Each word's confidence (0..1), or None when a sentence or a run of words is not in the audio there.

        Forced alignment always finds *some* path when the beam is wide enough; words forced
        onto other speech score far worse per frame than words that are there. A word's
        confidence is how far its sentence and the worst run of words around it score above
        that misfit line (per-frame log-likelihood). The line is absolute, not relative to
        the sentences accepted before: one wrong sentence accepted must not lower the bar.
        """
        runs = [_per_frame(hits[i : i + RUN_WORDS]) for i in range(max(1, len(hits) - RUN_WORDS + 1))]
        run_margins = [score - RUN_MISFIT_SCORE for score in runs]
        if min(run_margins) < 0:
            return None  # a few words stretched over speech that is not theirs
        margins = [0.0] * len(hits)
        for sentence in self.spoken[piece.unit].sentences:
            mine = [k for k, t in enumerate(piece.word_tokens) if t in sentence]
            for k in mine:
                margins[k] = _per_frame([hits[k] for k in mine]) - MISFIT_SCORE
        if min(margins) < 0:
            return None
        worst_run = [min(run_margins[max(0, k - RUN_WORDS + 1) : k + 1]) for k in range(len(hits))]
        return [round(min(1.0, min(a, b) / EVIDENCE_SPAN), 2) for a, b in zip(margins, worst_run)]

    # ---------------------------------------------------------------- the walk

    def run(self) -> None:
        """Find every element; when refusing the wrong recording, first look for each once, where it is expected.

        That first pass costs about one decode per element and stops at the first element
        found (whose window then serves the second pass): a recording in which it finds none is
        refused before the searches that make a missing element expensive (an unrelated
        recording at a fifth of the cost). Anything else is decided by the second pass.
        """
        if self.refuse:
            self.walk(quick=True)
            self.mismatch(needed=1)
            self.spans = [[None] * len(item.words) for item in self.spoken]
        self.walk(quick=False)

    def walk(self, quick: bool) -> None:
        """Each element in turn from where the last one found ends; after one that is not found,
        also from the speech where it should have ended, so one failure costs that element only.
        ``quick`` tries each element only where it is expected (and :data:`QUICK_RESTARTS` more
        places after one not found), with the default beam and no sentence-by-sentence search."""
        cursor = max(0, self.regions[0].start_ms - 300) if self.regions else 0
        behind = 0.0  # expected speech of the elements just before that were not found
        reached = cursor  # where the last element found ends: the next one begins there if those after it were not said
        for unit, item in enumerate(self.spoken):
            piece = self.piece(unit, range(len(item.words)))
            end = None
            unsaid = [reached] if behind and reached < cursor else []  # an anchor lead read live, not in the recording
            for start in [cursor, *unsaid, *self.restarts(cursor, behind)][: 1 + QUICK_RESTARTS if quick else None]:
                end = self.place(piece, start, widen=False)
                if end is not None:
                    break
            if end is None and not quick and unit + 1 < len(self.spoken) and self.opens_at(unit + 1, cursor):
                end = cursor  # not said (an anchor lead read live): the next element begins where this one should have
            elif end is None and unit == 0 and (begin := self.lead_in(cursor)) is not None:
                cursor = start = begin
                end = self.place(piece, start, widen=False)
            if end is not None and self.spans[unit][-1] is not None and self.runs_on(self.spans[unit][-1]) > EDGE_DOUBT_MS:
                end = self.refit(piece, start, end)
            if end is None and not quick:
                end = self.by_sentence(unit, cursor)
                widened = None if any(self.spans[unit]) else self.place(piece, cursor, widen=True)
                end = end if widened is None else widened  # a wider beam where it is expected, when no sentence of it is found
            if end is None:
                end = self.pause_after(cursor + self.expected_ms(item.words))
            cursor = end
            found = any(span is not None for span in self.spans[unit])
            behind = 0.0 if found else behind + self.expected_ms(item.words)
            reached = cursor if found else reached
            if quick and self.found():
                return
            if not quick and self.refuse and self.found() + len(self.spoken) - unit - 1 < FOUND_SHARE * len(self.spoken):
                self.mismatch()  # too few elements left to find: stop early
            if self.on_progress:
                self.done = max(self.done, min(1.0, cursor / max(1, self.audio.duration_ms)))
                self.on_progress(self.done)

    def opens_at(self, unit: int, at_ms: int) -> bool:
        """Whether the opening words of element ``unit`` are found at ``at_ms`` with confidence: a
        cheap probe (a few words, a short window) of where an element begins. Nothing is
        recorded: the element is placed on its own turn."""
        first = self.spoken[unit].sentences[0]
        probe = self.piece(unit, range(first.start, min(first.stop, first.start + PROBE_WORDS)))
        window = at_ms + WINDOW_SLACK * self.expected_ms(probe.words) + WINDOW_PAD_MS
        found = self.place(probe, at_ms, widen=False, end_ms=min(self.pause_after(window), int(window) + WINDOW_PAD_MS)) is not None
        confident = found and any(span is not None and span.confidence >= LOW_CONFIDENCE for span in self.spans[unit])
        self.spans[unit] = [None] * len(self.spoken[unit].words)
        return confident

    def lead_in(self, cursor: int) -> int | None:
        """Where the first element begins when the recording opens with speech that is not in the
        script: the first start of speech where it opens, or None. Looked for within
        :data:`LEAD_IN_MS`, or wherever the script still fits when the recording is longer than
        the script can take to read (one story's script against the whole bulletin it aired in)."""
        letters = sum(len(w) for t in self.transcripts for w in t.words)
        reach = max(LEAD_IN_MS, self.audio.duration_ms - letters * MS_PER_LETTER[0])
        return next((r.start_ms for r in self.regions if cursor + 100 < r.start_ms <= cursor + reach and self.opens_at(0, r.start_ms)), None)

    def found(self) -> int:
        """How many elements have a word found in the audio with confidence (a misfit that barely passes is no match)."""
        return sum(any(span is not None and span.confidence >= LOW_CONFIDENCE for span in spans) for spans in self.spans)

    def mismatch(self, needed: float | None = None) -> None:
        """Refuse the recording when fewer than ``needed`` elements (by default :data:`FOUND_SHARE` of them) are found in it."""
        if self.refuse and self.found() < (FOUND_SHARE * len(self.spoken) if needed is None else needed):
            found, total = self.found(), len(self.spoken)
            raise RecordingMismatch(f"recording does not match the script: {found} of {total} elements found ({self.audio.path})")

    def restarts(self, cursor: int, behind: float) -> list[int]:
        """Starts of speech where an element may begin when ``behind`` ms of script before it was not found."""
        if not behind:
            return []
        lo, hi = cursor + behind / WINDOW_SLACK / 2, cursor + behind * WINDOW_SLACK + WINDOW_PAD_MS
        return [r.start_ms for r in self.regions if lo <= r.start_ms <= hi][:MAX_RESTARTS]

    def trim(self) -> None:
        """Move measured word edges onto the sound, so times start and end where the speech does.

        Edges are moved off the silence the decoder gave a word (a pause after a comma tends to
        be counted into the next word). Word ends are not run on past the decoder's: on the
        synthetic sample that would catch a final stop's release the decoder gives to the
        silence, but on real voices it runs the last word into breath and room noise (sentence
        ends 100-180 ms late on the LibriVox voices, against 20-30 ms without).
        """
        placed = [(spans, k) for spans in self.spans for k, span in enumerate(spans) if span is not None and span.how != "missing"]
        for n, (spans, k) in enumerate(placed):
            span = spans[k]
            a, b = span.start_ms // FRAME_MS, span.end_ms // FRAME_MS
            loud = np.flatnonzero(self.active[a:b])
            if len(loud) == 0:
                continue
            first, last = a + int(loud[0]), a + int(loud[-1]) + 1
            start = first * FRAME_MS if first - a >= TRIM_MIN_FRAMES else span.start_ms
            end = last * FRAME_MS if b - last >= TRIM_MIN_FRAMES else span.end_ms
            spans[k] = _Span(start, end, span.how, span.confidence)

    def speech_at(self, at_ms: int) -> Region | None:
        return next((r for r in self.regions if r.start_ms <= at_ms < r.end_ms), None)

    def runs_on(self, span: _Span, after: int | None = None) -> int:
        """How far (ms) the speech ``span`` ends in runs on past it (a region that ends by ``after``)."""
        region = self.speech_at(span.end_ms)
        return region.end_ms - span.end_ms if region and (after is None or region.end_ms <= after) else 0

    def began_before(self, span: _Span, before: int) -> int:
        """How far (ms) the speech ``span`` starts in began before it (a region that begins at ``before`` or later)."""
        region = self.speech_at(span.start_ms)
        return span.start_ms - region.start_ms if region and region.start_ms >= before else 0

    def refit(self, piece: _Piece, start_ms: int, end_ms: int) -> int:
        """Align an element again in a window of its own speech, when its last word stops well short of that speech.

        The decoder normalises each window by its mean spectrum; a window that runs on into
        the next voice mixes two channels, and a voice over a telephone line, normalised with
        a studio voice, loses the end of its last word to the silence model (a final /z/ 300 ms
        short). Kept when the last word then ends nearer the end of its speech.
        """
        region = self.speech_at(self.spans[piece.unit][-1].end_ms)
        if region is None:
            return end_ms
        before = list(self.spans[piece.unit])
        self.spans[piece.unit] = [None] * len(before)
        end = self.place(piece, start_ms, widen=False, end_ms=self.pause_after(region.end_ms))
        last = self.spans[piece.unit][-1]
        if end is not None and last is not None and abs(region.end_ms - last.end_ms) < region.end_ms - before[-1].end_ms:
            return end
        self.spans[piece.unit] = before
        return end_ms

    def doubt_edges(self) -> None:
        """Lower the confidence of a word at a pause whose edge stops well short of the speech it is in.

        The decoder can end a word early where a telephone line took its high frequencies
        (a final /z/ or /s/), or start it late; the voice detector still hears the speech there.
        """
        placed = [(spans, k) for spans in self.spans for k, span in enumerate(spans) if span is not None and span.how == "measured"]
        for n, (spans, k) in enumerate(placed):
            span = spans[k]
            before = placed[n - 1][0][placed[n - 1][1]].end_ms if n else 0
            after = placed[n + 1][0][placed[n + 1][1]].start_ms if n + 1 < len(placed) else self.audio.duration_ms
            gap = max(self.runs_on(span, after), self.began_before(span, before))
            if gap > EDGE_DOUBT_MS:
                spans[k] = _Span(span.start_ms, span.end_ms, span.how, round(min(span.confidence, LOW_CONFIDENCE * EDGE_DOUBT_MS / gap), 2))

    def by_sentence(self, unit: int, cursor: int) -> int:
        """Place an element not found whole sentence by sentence, each where expected or at the next speech.

        No wide beam here: a sentence is short enough for the default one (on the test
        material the wide beam never found a sentence the default had not; it costs twice as much)."""
        for sentence in self.spoken[unit].sentences:
            piece = self.piece(unit, sentence)
            for start in [cursor, *self.speech_after(cursor)]:
                end = self.place(piece, start, widen=False)
                if end is not None:
                    cursor = end
                    break
        return cursor


def _estimate(aligner: _Aligner) -> None:
    """Spread runs of unplaced sentences over the speech between their placed neighbours, when it fits."""
    flat = [(u, s) for u, item in enumerate(aligner.spoken) for s in item.sentences]
    i = 0
    while i < len(flat):
        if aligner.spans[flat[i][0]][flat[i][1][0]] is not None:
            i += 1
            continue
        j = i
        while j < len(flat) and aligner.spans[flat[j][0]][flat[j][1][0]] is None:
            j += 1
        before = aligner.spans[flat[i - 1][0]][flat[i - 1][1][-1]] if i > 0 else None
        after = aligner.spans[flat[j][0]][flat[j][1][0]] if j < len(flat) else None
        lo = before.end_ms if before else 0
        hi = after.start_ms if after else aligner.audio.duration_ms
        speech = [Region(max(lo, r.start_ms), min(hi, r.end_ms)) for r in aligner.regions if r.end_ms > lo and r.start_ms < hi]
        tokens = [(u, t) for u, s in flat[i:j] for t in s]
        expected = aligner.expected_ms([aligner.spoken[u].words[t] for u, t in tokens])
        if speech and 0.5 * expected <= sum(r.duration_ms for r in speech) <= 2.0 * expected:
            _spread(aligner, tokens, speech)
        else:
            for u, t in tokens:
                aligner.spans[u][t] = _Span(lo, lo, "missing")
        i = j


def _spread(aligner: _Aligner, tokens: list[tuple[int, int]], speech: list[Region]) -> None:
    """Share the speech time out over the tokens in proportion to their length."""
    weights = [len(aligner.spoken[u].words[t]) + 1 for u, t in tokens]
    total_speech = sum(r.duration_ms for r in speech)
    scale = total_speech / sum(weights)

    def at(offset: float) -> int:  # a point ``offset`` ms into the speech, skipping the pauses
        for r in speech:
            if offset <= r.duration_ms:
                return int(r.start_ms + offset)
            offset -= r.duration_ms
        return speech[-1].end_ms

    done = 0.0
    for (u, t), weight in zip(tokens, weights):
        aligner.spans[u][t] = _Span(at(done), at(done + weight * scale), "estimated")  # no acoustic evidence
        done += weight * scale


def _mismatches(aligner: _Aligner) -> list[Mismatch]:
    """Sentences not found in the audio, and speech no script sentence covers, in time order."""
    found: list[Mismatch] = []
    covered: list[tuple[int, int]] = []
    for u, item in enumerate(aligner.spoken):
        for sentence in item.sentences:
            spans = [aligner.spans[u][t] for t in sentence]
            said = [span for span in spans if span.how != "missing"]
            if said:
                covered.append((said[0].start_ms - COVER_PAD_MS, said[-1].end_ms + COVER_PAD_MS))
            for run in _runs([t for t, span in zip(sentence, spans) if span.how == "missing"]):  # a sentence, or words of one
                at = aligner.spans[u][run[0]]
                found.append(Mismatch("missing_in_audio", " ".join(item.words[t] for t in run), at.start_ms, at.end_ms))
    covered.sort()
    stretches: list[list[int]] = []
    for region in aligner.regions:
        for a, b in _uncovered(region, covered):
            if stretches and a - stretches[-1][1] < 500:
                stretches[-1][1] = b
            else:
                stretches.append([a, b])
    for a, b in stretches:
        if b - a >= EXTRA_MIN_MS:
            found.append(Mismatch("extra_in_audio", f"speech not in the script ({(b - a) / 1000:.1f} s)", a, b))
    return sorted(found, key=lambda m: (m.start_ms, m.type))


def _runs(tokens: list[int]) -> list[list[int]]:
    """Consecutive tokens grouped: ``[1, 2, 5]`` -> ``[[1, 2], [5]]``."""
    runs: list[list[int]] = []
    for t in tokens:
        if runs and t == runs[-1][-1] + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return runs


def _uncovered(region: Region, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces, at = [], region.start_ms
    for a, b in covered:
        if b <= at or a >= region.end_ms:
            continue
        if a > at:
            pieces.append((at, a))
        at = max(at, b)
    if at < region.end_ms:
        pieces.append((at, region.end_ms))
    return pieces


def _timeline(aligner: _Aligner, path: str) -> Timeline:
    elements = []
    for u, item in enumerate(aligner.spoken):
        spans: list[_Span] = aligner.spans[u]  # every token has a span once _estimate has run
        words = [WordTiming(text, s.start_ms, s.end_ms, _status(s), s.confidence) for text, s in zip(item.words, spans)]
        present = [w for w in words if w.status is not Status.MISSING]
        statuses = {w.status for w in words}
        status = next((s for s in (Status.ESTIMATED, Status.LOW) if s in statuses), Status.MEASURED) if present else Status.MISSING
        start = present[0].start_ms if present else words[0].start_ms
        end = present[-1].end_ms if present else words[-1].end_ms
        speaker = item.element.speaker.name
        elements.append(ElementTiming(item.index, item.element.kind.value, speaker, start, end, status, words, item.story))
    return Timeline(elements, _mismatches(aligner), path, aligner.audio.duration_ms, dict(aligner.engine.lexicon.guessed))


def _status(span: _Span) -> Status:
    if span.how == "measured":
        return Status.MEASURED if span.confidence >= LOW_CONFIDENCE else Status.LOW
    return Status.MISSING if span.how == "missing" else Status.ESTIMATED


def align_bulletin(
    bulletin: Bulletin, audio: str | Path, *, allow_mismatch: bool = False, on_progress: Callable[[float], None] | None = None
) -> Timeline:
    """Measure when each spoken element and word of ``bulletin`` is said in ``audio``.

    Returns a :class:`castkit.timings.Timeline` whose words are exactly each element's
    :func:`castkit.text.words`, each ``measured``, ``low_confidence``, ``estimated`` or
    ``missing`` with a confidence from the acoustic evidence, and the script/audio
    ``mismatches``. ``on_progress`` receives the fraction of audio done (0..1).
    Raises :class:`castkit.errors.BadInput` for audio that cannot be decoded, or is empty or
    silent, and :class:`RecordingMismatch` when fewer than half the elements are found in it
    (the wrong recording), unless ``allow_mismatch``.
    """
    sound = load(audio)
    aligner = _Aligner(sound, spoken_elements(bulletin), on_progress, refuse=not allow_mismatch)
    aligner.run()
    aligner.mismatch()
    aligner.trim()
    aligner.doubt_edges()
    _estimate(aligner)
    if on_progress:
        on_progress(1.0)
    return _timeline(aligner, str(audio))
