"""The JSON Schema of a dataset file, for editors that check TOML against one.

Generated from the models, so it never drifts from what the loader accepts
field by field. Rules that span records (ids that must exist, class positions
that must not contradict the overall order) are checked by
:mod:`tui.core.checks`, not by the schema. TOML dates appear in the schema as
strings with ``format: date``, the form editors' TOML-to-JSON mapping gives them.
"""

from __future__ import annotations

from typing import Any

from .models import SCHEMA_VERSION, Dataset

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:alms-tui:dataset:v{SCHEMA_VERSION}"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a dataset file, by TOML key names."""
    generated = Dataset.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        **generated,
        "title": "alms-tui season dataset",
        "description": (
            f"A season of the American Le Mans Series as alms-tui reads it "
            f"(schema_version {SCHEMA_VERSION}). Absent keys mean unknown."
        ),
    }
