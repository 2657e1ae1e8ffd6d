"""castkit: broadcast news scripts into rundown sheets, timed subtitles and transcript QA.

The library is the product; the ``castkit`` command is a thin layer over it.
Heavy modules are imported lazily so that ``castkit --help`` starts fast.
"""

__version__ = "0.1.0"
