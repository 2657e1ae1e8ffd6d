"""Work that builds hundreds of thousands of small objects and no reference cycles.

Python's cyclic garbage collector walks every container object each time enough new ones
pile up; over a 64 MB subtitle file (600,000 cues) or a QA alignment of a million words it
walks them again and again, for nothing. :func:`paused` runs such work with it paused;
cycles made meanwhile are collected once it resumes.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

_Work = TypeVar("_Work", bound=Callable[..., Any])


def paused(work: _Work) -> _Work:
    """``work`` run with the cyclic garbage collector paused (left as it is when already paused)."""
    @wraps(work)
    def run(*args: Any, **kwargs: Any) -> Any:
        if not gc.isenabled():
            return work(*args, **kwargs)
        gc.disable()
        try:
            return work(*args, **kwargs)
        finally:
            gc.enable()

    return run  # type: ignore[return-value]
