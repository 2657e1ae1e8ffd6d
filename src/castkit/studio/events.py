"""Telling every open page of a show that it changed (server-sent events).

Each page listening on a show holds a queue; a change puts one small message in every
queue of that show, and the page fetches what it needs again. One server process holds the
listeners, so the studio runs as a single process.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

KEEPALIVE_S = 15.0


class Hub:
    def __init__(self) -> None:
        self._listeners: dict[int, set[asyncio.Queue[str]]] = {}

    def publish(self, show_id: int, message: dict[str, Any]) -> None:
        data = json.dumps(message)
        for queue in self._listeners.get(show_id, ()):
            queue.put_nowait(data)

    async def stream(self, show_id: int, stopping: asyncio.Event) -> AsyncIterator[str]:
        """The event stream of one page: a message per change, a comment now and then to keep it open."""
        queue: asyncio.Queue[str] = asyncio.Queue()
        self._listeners.setdefault(show_id, set()).add(queue)
        try:
            yield "retry: 1000\n\n"
            while not stopping.is_set():
                try:
                    data = await asyncio.wait_for(queue.get(), KEEPALIVE_S)
                except asyncio.TimeoutError:
                    yield ": keepalive\n\n"
                    continue
                yield f"data: {data}\n\n"
        finally:
            self._listeners[show_id].discard(queue)
