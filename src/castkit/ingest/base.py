"""The contract between a house-style parser and the rest of castkit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from castkit.model import Bulletin
from castkit.notices import Notice

LEGACY_ENCODINGS = frozenset({"cp949", "cp1252"})
"""Encodings castkit can only guess at: a file read in one of them is always reported."""


@dataclass
class Parsed:
    """A parse result: the bulletin, which style read it, and what a human should know.

    ``warnings`` are things the producer should check (text kept as an instruction because it
    was not understood, a quote never closed); ``guesses`` are typed notices for what the parse
    guessed (topic ``style``: no house style recognised; ``speaker``: a speaker inferred from the
    narration; ``story``: a story boundary guessed); ``dropped`` lists the boilerplate lines that
    were removed (site navigation, login prompts), shown with ``--verbose``.
    """

    bulletin: Bulletin
    style: str
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    name: str = "<text>"
    guesses: list[Notice] = field(default_factory=list)

    @property
    def notices(self) -> list[Notice]:
        """What every command that reads this script says about it: a guessed encoding, the guesses, the warnings."""
        found = []
        if self.encoding in LEGACY_ENCODINGS:
            found.append(Notice("encoding", self.name, f"not UTF-8: decoded as {self.encoding}; check accented and non-Latin letters"))
        found.extend(Notice(g.topic, f"{self.name}: {g.where}" if g.where else self.name, g.message) for g in self.guesses)
        found.extend(Notice("script", self.name, w) for w in self.warnings)
        return found


@dataclass(frozen=True)
class Style:
    """A house style: ``sniff`` scores how likely a text is in it (0..1), ``parse`` reads it."""

    name: str
    description: str
    sniff: Callable[[str], float]
    parse: Callable[[str], Parsed]


_REGISTRY: dict[str, Style] = {}


def register(style: Style) -> Style:
    _REGISTRY[style.name] = style
    return style


def styles() -> dict[str, Style]:
    """All known styles by name, loading the style modules on first use."""
    if not _REGISTRY:
        import castkit.ingest.detect  # noqa: F401  (importing it registers every style)
    return dict(_REGISTRY)
