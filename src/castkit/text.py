"""Words, syllables and sentences of news copy.

Counting decides read times and subtitle limits, so it is done in one place: a word is a
whitespace-separated token holding a letter or a digit; Korean copy is counted in Hangul
syllables. Sentence splitting knows the abbreviations and initials of news copy.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

_UNPRINTABLE = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_WORD = re.compile(r"(?<!\S)\S*?[^\W_]\S*")
"""A whitespace-separated token holding a letter or digit (found in one pass, linear however long the token)."""
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LETTER = re.compile(r"[^\W\d_]")
_LETTER_CHUNK = 8192


_NOT_CONTROL_BYTES = bytes(b for b in range(256) if not (b <= 0x08 or 0x0e <= b <= 0x1f))
"""Every byte but the control characters :data:`_UNPRINTABLE` takes out (in UTF-8 only they are such bytes)."""


def printable(text: str) -> str:
    """``text`` without the control characters XML and spreadsheets cannot hold; page and line feeds become line breaks.

    Text holding none (nearly all) is told so by its UTF-8 bytes, ten times sooner than by the pattern.
    """
    text = text.replace("\x0b", "\n").replace("\x0c", "\n")  # replace: translate is slow on long text
    try:
        data = text.encode("utf-8")  # refuses a lone surrogate, which the pattern takes out
    except UnicodeEncodeError:
        return _UNPRINTABLE.sub("", text)
    if data.translate(None, _NOT_CONTROL_BYTES) or "\ufffe" in text or "\uffff" in text:
        return _UNPRINTABLE.sub("", text)
    return text


def words(text: str) -> list[str]:
    """Whitespace tokens that carry at least one letter or digit (punctuation-only tokens drop)."""
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return len(words(text))


def hangul_syllables(text: str) -> int:
    """Number of precomposed Hangul syllable blocks (NFC first, so jamo sequences count too)."""
    return len(_HANGUL.findall(unicodedata.normalize("NFC", text)))


_FULL_WIDTH = re.compile("[\u1100-\u11ff\u2e80-\u303f\u3130-\u318f\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff01-\uff60]")


def korean_width(text: str) -> float:
    """The width of a Korean subtitle line as Netflix's Korean guide counts it.

    Hangul (and other full-width characters) count one each; Latin letters, digits, spaces
    and punctuation count half ("KBS 뉴스" is 4).
    """
    full = len(_FULL_WIDTH.findall(text))
    return full + (len(text) - full) / 2


def is_korean(text: str) -> bool:
    """True when Hangul makes up most of the letters: such copy is timed by syllables."""
    if text.isascii():  # English copy, told at once
        return False
    hangul = len(_HANGUL.findall(text))
    if not hangul:  # English copy: no need to count every letter
        return False
    letters = 0
    for start in range(0, len(text), _LETTER_CHUNK):  # stop counting once the letters outnumber twice the Hangul
        letters += len(_LETTER.findall(text, start, start + _LETTER_CHUNK))
        if hangul * 2 <= letters:
            return False
    return True


# ---------------------------------------------------------------- sentences

# Words that end in a full stop without ending the sentence: titles always followed by a name
# ("Dr. Kim", "Rep. Smith"), and short forms followed by a number ("No. 3", "Jan. 5").
_TITLES = frozenset(
    "mr mrs ms mx dr prof rep reps sen sens gov pres lt col gen maj capt cpt sgt adm cmdr st mt ft rev fr messrs".split()
)
_NUMBERED = frozenset("no nos vol fig pp jan feb mar apr jun jul aug sep sept oct nov dec".split())
# Other short forms ("Inc.", "Jr.", "etc.") end a sentence only when a sentence-opening word follows,
# like dotted ones ("U.S.", "a.m.").
_SHORT = frozenset("inc co corp ltd bros jr sr vs etc approx dept univ assn".split())
# Words that start a sentence: after a short form they show it ended one ("... in the U.S. The talks").
_OPENERS = frozenset(
    """the a an he she it they we i you this that these those there here but and or so yet
    in on at for meanwhile however still now then after before while when as his her their
    its our my if since despite although though also according officials analysts experts""".split()
)
_CANDIDATE = re.compile(r"(?:\.\.\.|…|\.(?<![.!?]\.)[.!?]*|!(?<![.!?]!)[.!?]*|\?(?<![.!?]\?)[.!?]*)[\"'”’)\]]*(?=\s)")
"""A mark that may end a sentence: "...", "…", or a run of . ! ? tried from its start only (the look-behind
after the run's first mark). Every branch opens with a literal mark, so the regex engine skips straight
from mark to mark instead of trying the pattern at every character (4× faster on news copy)."""
_MARKS_AND_CLOSERS = ".!?…\"'”’)]"
"""The marks :data:`_CANDIDATE` opens with, and the closing quotes and brackets it takes after them."""
_NEXT_WORD = re.compile(r"\s+[\"'“‘(\[]*(\S*)")


def _last_word(text: str) -> str:
    """The word ``text`` ends with ("" when it ends in a space), as the pattern ``(?<!\\S)(\\S+)$`` finds it
    (its ``$`` also matches before a final line break), without trying the pattern from every word."""
    core = text[:-1] if text.endswith("\n") else text
    return "" if not core or core[-1].isspace() else core.rsplit(None, 1)[-1]


def _ends_sentence(before: str, mark: str, after: str) -> bool:
    """Whether the terminal ``mark`` (with any closing quotes) after ``before`` ends a sentence."""
    following = _NEXT_WORD.match(after)
    nxt = following.group(1) if following else ""
    if not nxt:
        return True
    first = nxt[0]
    if first.islower():
        return False  # "... said Dr. lee" never happens; lowercase continues ("...and then", '"Stop!" she said')
    core = mark.rstrip("\"'”’)]")
    if core in ("...", "…"):
        return not before.endswith(",")  # ",..." is a pause; "... The" starts anew
    if core != ".":
        return True
    bare = _last_word(before).lstrip("\"'“‘([").lower()
    if bare in _TITLES or (bare in _NUMBERED and first.isdigit()):
        return False
    if len(bare) == 1 and bare.isalpha():
        return False  # an initial: "N. Korea", "Donald J. Trump"
    if bare.isdigit() and first.isdigit():
        return False  # a date written with full stops: "2024. 10. 14"
    if "." in bare or bare in _SHORT:  # "U.S.", "a.m.", "Ph.D.", "Inc."
        return nxt.lower().strip("\"'“‘") in _OPENERS
    return True


_TERMINAL = re.compile(r"(?:\.\.\.|…|(?<![.!?])[.!?]+)[\"'”’)\]]*$")
_TERMINAL_LAST = frozenset(_MARKS_AND_CLOSERS + "\n")
"""The last character of any token :data:`_TERMINAL` matches (``$`` also matches before a final newline)."""


def ends_sentence(tokens: Sequence[str], i: int) -> bool:
    """Whether token ``i`` of a tokenised text ends a sentence, by :func:`split_sentences`'s rules."""
    if tokens[i][-1:] not in _TERMINAL_LAST:
        return False
    mark = _TERMINAL.search(tokens[i])
    if not mark:
        return False
    after = " " + tokens[i + 1] if i + 1 < len(tokens) else ""
    return _ends_sentence(tokens[i][: mark.start()], mark.group(0), after)


def sentence_spans(tokens: Sequence[str]) -> list[range]:
    """The sentences of a tokenised text, as ranges of token indices covering every token."""
    spans: list[range] = []
    start = 0
    for i in range(len(tokens)):
        if i == len(tokens) - 1 or ends_sentence(tokens, i):
            spans.append(range(start, i + 1))
            start = i + 1
    return spans


_BEFORE = 200
_SPACE = re.compile(r"\s")


def _text_before(text: str, start: int, at: int) -> str:
    """What :func:`_ends_sentence` reads before a mark: the last ``_BEFORE`` characters when they hold
    the whole last word, so a long sentence of marks that end nothing ("Dr. Dr. ...") is not copied
    and rescanned at every mark."""
    near = text[max(start, at - _BEFORE) : at]
    return near if len(near) < _BEFORE or _SPACE.search(near) else text[start:at]


def split_sentences(text: str) -> list[str]:
    """Split running text into sentences, knowing the abbreviations and initials of news copy.

    "U.S. President ...", "N. Korea", "Rep. Kim", "9 a.m. Tuesday" and decimals ("3.5",
    "1,000") do not end a sentence; closing quotes stay with the sentence they close; an
    ellipsis ends a sentence only when a capitalised word follows (",..." never does).
    """
    whole = text.strip()
    body = whole.rstrip(_MARKS_AND_CLOSERS)
    if "." not in body and "!" not in body and "?" not in body and "…" not in body:  # the marks that open a candidate
        return [whole] if whole else []  # one sentence: its only marks end it (most lines of copy)
    return _split_at_marks(text)


def _split_at_marks(text: str) -> list[str]:
    """:func:`split_sentences`, each mark that may end a sentence tried in turn."""
    sentences: list[str] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        if _ends_sentence(_text_before(text, start, match.start()), match.group(0), text[end:end + 80]):
            piece = text[start:end].strip()
            if piece:
                sentences.append(piece)
            start = end
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences
