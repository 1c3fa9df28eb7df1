"""The JSON Schema for editors."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from tui.core.paths import bundled_dataset
from tui.core.schema import json_schema

FIXTURES = Path(__file__).parent / "fixtures" / "points"


def test_the_schema_is_plain_json_with_the_dataset_keys() -> None:
    schema = json.loads(json.dumps(json_schema()))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("urn:alms-tui:dataset:")
    assert schema["title"] and "schema_version 1" in schema["description"]
    assert set(schema["properties"]) == {
        "schema_version", "season", "sources", "classes", "points", "teams", "drivers", "rounds"
    }
    assert set(schema["required"]) == {"season", "sources", "classes", "points", "rounds"}
    assert schema["additionalProperties"] is False


def test_the_schema_uses_the_toml_key_names() -> None:
    result = json_schema()["$defs"]["Result"]["properties"]
    assert "class" in result and "car_class" not in result


def toml_as_json(path: Path) -> object:
    # TOML dates become ISO strings, as an editor's TOML-to-JSON mapping gives them.
    return json.loads(json.dumps(tomllib.loads(path.read_text(encoding="utf-8")), default=str))


BUNDLED = bundled_dataset()
DOCUMENTS = [
    *sorted(FIXTURES.glob("*.toml")),
    pytest.param(BUNDLED, id="bundled"),
]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: getattr(p, "name", str(p)))
def test_datasets_validate_against_the_schema(path: Path) -> None:
    # In the test extras (the app itself does not depend on it): a missing one fails.
    import jsonschema

    jsonschema.Draft202012Validator(json_schema()).validate(toml_as_json(path))
