"""castkit studio: the newsroom's web app, where producers, editors and QA work on the same show.

:func:`castkit.studio.server.run` serves it (``castkit serve``); :mod:`castkit.studio.app`
holds the pages and the JSON they use, :mod:`castkit.studio.store` what is stored (with
versions and history), and :mod:`castkit.studio.derived` what castkit's library computes
from it. See docs/studio.md.
"""
