"""Timed subtitles: cue building, line breaking, broadcast profiles, writers, reading and lint.

The flow is model + timeline ▸ :func:`castkit.subtitles.cues.build_cues` ▸ a writer from
:mod:`castkit.subtitles.formats`. :func:`castkit.subtitles.read.read_cues` loads any subtitle
file back into cues, which :mod:`castkit.subtitles.lint` checks against a profile.
"""
