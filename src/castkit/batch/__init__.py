"""Many bulletins through one job: castkit's archive-scale front door.

A batch is a list of :class:`~castkit.batch.items.Item` (found in a folder or read from a
manifest), one job (``build``, ``subs``, ``align``, ``qa``) and an output folder. Items run on
any :class:`concurrent.futures.Executor` — local processes by default, a Dask cluster's
``client.get_executor()`` with ``--scheduler`` — so a laptop and a cluster share one code path.
A JSON Lines ledger in the output folder makes a batch resumable; each item's outputs appear
whole or not at all. Inputs and outputs may be fsspec URLs (``s3://…``).
"""

from __future__ import annotations

from castkit.batch.items import Item, find_items
from castkit.batch.jobs import JOBS
from castkit.batch.runner import BatchReport, ItemResult, run_batch

__all__ = ["JOBS", "BatchReport", "Item", "ItemResult", "find_items", "run_batch"]
