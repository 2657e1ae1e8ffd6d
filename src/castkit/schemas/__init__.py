"""JSON Schemas for castkit's documents, and validation with errors a user can act on.

The schema files are the documented contracts: ``segment`` (parsed scripts), ``timings``
(alignment output) and the report shapes. They ship inside the package.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from castkit.errors import BadInput


@cache
def load(name: str) -> dict[str, Any]:
    """The JSON Schema called ``name`` (``segment``, ``timings``, ...)."""
    text = resources.files(__name__).joinpath(f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


def validate(data: Any, name: str, *, where: str | None = None) -> None:
    """Raise :class:`BadInput` naming the first offending field when ``data`` breaks the schema."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(load(name))
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        path = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        raise BadInput(f"invalid {name} JSON at {path}: {error.message}", where=where)
