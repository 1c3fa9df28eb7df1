"""Random valid seasons (any size, any Unicode, optional facts missing) load, export,
round-trip through the canonical writer, and the dashboard opens and shows every view."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import valid_datasets

from tui.core.export import export
from tui.core.loader import load_text
from tui.core.models import Dataset
from tui.core.writer import dump_text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_datasets())
def test_a_valid_season_loads_exports_and_round_trips(dataset: Dataset) -> None:
    text = dump_text(dataset)
    loaded = load_text(text, "generated.toml")
    assert loaded.ok, [str(p) for p in loaded.problems]
    assert loaded.dataset == dataset
    assert dump_text(loaded.dataset) == text

    results = sum(len(r.results) for r in dataset.rounds)
    data = json.loads(export(dataset, "json"))
    assert sum(len(r["results"]) for r in data["rounds"]) == results
    assert set(data["standings"]) == {c.id for c in dataset.classes}
    rows = list(csv.reader(io.StringIO(export(dataset, "csv"))))
    assert len(rows) == results + 1
    markdown = export(dataset, "md")
    assert markdown.count("\n## Round ") == len(dataset.rounds)
    for round_ in dataset.rounds:
        for car_class in dataset.classes:
            for fmt in ("json", "csv", "md"):
                export(dataset, fmt, round_number=round_.number, car_class=car_class.id)


#: Every view and filter, one after another (escape closes each view again).
TOUR = [
    "right_square_bracket", "1", "2", "3", "4", "0", "s", "escape", "i", "escape", "c", "escape",
    "question_mark", "escape", "d", "tab", "enter",
]


async def _tour(path: Path, size: tuple[int, int]) -> None:
    from tui.ui.app import SeasonApp
    from tui.ui.screens.main import MainScreen

    app = SeasonApp(path, config_path=None)
    app.animation_level = "none"
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen), app.screen
        await pilot.press(*TOUR)
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, MainScreen), app.screen
    assert app._exception is None


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_datasets(), st.sampled_from([(80, 24), (160, 48), (60, 16)]))
def test_the_dashboard_shows_every_view_of_a_valid_season(
    dataset: Dataset, size: tuple[int, int]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.toml"
        path.write_text(dump_text(dataset), encoding="utf-8")
        asyncio.run(_tour(path, size))
