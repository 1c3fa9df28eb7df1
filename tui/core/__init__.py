"""The core: season data, validation, points and export. Never imports Textual.

Modules:
- ``models``: the pydantic records a dataset file holds (facts as stored).
- ``classification``: what is derived from a round (class positions, gaps, coverage).
- ``source_map``: field path -> line and column in the TOML text.
- ``loader``: bytes -> TOML -> models -> checks; a dataset or located problems.
- ``checks``: the semantic rules that span records.
- ``points``: championship standings derived from results under the data's rules.
- ``export``: JSON, CSV and Markdown forms of classifications and standings.
- ``writer``: canonical TOML output, written atomically.
- ``schema``: the JSON Schema for editors.
- ``paths``: where the bundled dataset lives.
"""
