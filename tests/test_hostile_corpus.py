"""The hostile corpus: every bad file gets a located answer, every hostile but valid file
renders literally, and nothing crashes.

Files and what each must give are in ``tests/fixtures/{bad,hostile}/EXPECTED.toml``
(format: ``tests/fixtures/hostile/README.md``). Inputs that cannot be committed (a
directory, a FIFO, 17 MB, a 1 MB line, an unreadable file...) are built here in
``tmp_path`` and listed in ``GENERATED``. Each test records its file's outcome with
``record_property("hostile_corpus", ...)``; ``tests/conftest.py`` sums them up at the end.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from textual.widgets import DataTable, OptionList, Static

from tui.cli import main
from tui.core import loader
from tui.core.loader import load_path
from tui.core.problems import Problem
from tui.ui.app import SeasonApp
from tui.ui.screens.error import LoadErrorScreen
from tui.ui.screens.main import MainScreen

FIXTURES = Path(__file__).parent / "fixtures"
FOLDERS = (FIXTURES / "bad", FIXTURES / "hostile")
MINIMAL = FIXTURES / "good" / "minimal.toml"
ALMS_TUI = Path(sys.executable).with_name("alms-tui")

#: Problems about the whole file: no line, column or field to point at.
WHOLE_FILE = (
    "file is empty", "file holds no data", "file is UTF-16", "file is UTF-32", "file not found",
    "file is too large", "is a directory", "is a FIFO", "cannot read the file",
)


@dataclass(frozen=True)
class Case:
    folder: str  # "bad", "hostile" or "generated"
    name: str
    expect: tuple[str, ...] = ()  # every problem, in order, after "FILE:" (prefixes)
    valid: bool = False
    shows: tuple[str, ...] = ()
    search: str | None = None
    finds: str | None = None
    make: Callable[[Path, pytest.MonkeyPatch], Path] | None = field(default=None, compare=False)

    @property
    def id(self) -> str:
        return f"{self.folder}/{self.name}"

    def path(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        if self.make is not None:
            return self.make(tmp_path, monkeypatch)
        return FIXTURES / self.folder / self.name


def _manifest_cases() -> list[Case]:
    cases = []
    for folder in FOLDERS:
        manifest = tomllib.loads((folder / "EXPECTED.toml").read_text(encoding="utf-8"))
        for name, entry in manifest.items():
            cases.append(Case(
                folder.name, name, tuple(entry.get("expect", ())), entry.get("valid", False),
                tuple(entry.get("shows", ())), entry.get("search"), entry.get("finds"),
            ))
    return cases


# --- inputs built at test time -------------------------------------------------------


def _directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "season.toml").mkdir()
    return tmp_path / "season.toml"


def _fifo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    os.mkfifo(tmp_path / "pipe.toml")  # opening it with no writer would block forever
    return tmp_path / "pipe.toml"


def _missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return tmp_path / "nowhere.toml"


def _dangling_symlink(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "link.toml").symlink_to(tmp_path / "gone.toml")
    return tmp_path / "link.toml"


def _symlink_loop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "a.toml").symlink_to(tmp_path / "b.toml")
    (tmp_path / "b.toml").symlink_to(tmp_path / "a.toml")
    return tmp_path / "a.toml"


def _unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "secret.toml"
    path.write_bytes(MINIMAL.read_bytes())
    path.chmod(0)
    real_open = os.open

    def refuse(name, *args, **kwargs):  # root reads anything: make the open fail instead
        if os.fspath(name) == str(path):
            raise PermissionError(13, "Permission denied", name)
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    return path


def _too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "huge.toml"
    with path.open("wb") as file:  # sparse: no 16 MB written, but that is its size
        file.write(MINIMAL.read_bytes())
        file.truncate(loader.MAX_FILE_BYTES + 1)
    return path


def _one_megabyte_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "long-line.toml"
    path.write_text(MINIMAL.read_text().replace('name = "Cal Carter"', f'name = "{"Carter" * 174763}"'))
    return path


def _one_megabyte_comment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "long-comment.toml"
    path.write_text(MINIMAL.read_text().replace("[[rounds]]", f"# {'x' * 2**20}\n[[rounds]]", 1))
    return path


def _thousands_of_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    text = MINIMAL.read_text()
    extra = "".join(f'\n[[rounds.results]]\nclass = "LMP9"\nnumber = {n}\n' for n in range(100, 1000))
    path = tmp_path / "many.toml"
    path.write_text(text + extra)
    return path


GENERATED = [
    Case("generated", "directory", ("is a directory, not a regular file",), make=_directory),
    Case("generated", "fifo", ("is a FIFO (named pipe), not a regular file",), make=_fifo),
    Case("generated", "missing", ("file not found",), make=_missing),
    Case("generated", "dangling-symlink", ("file not found",), make=_dangling_symlink),
    Case("generated", "symlink-loop", ("cannot read the file: too many levels of symbolic links",),
         make=_symlink_loop),
    Case("generated", "unreadable", ("cannot read the file: permission denied",), make=_unreadable),
    Case("generated", "too-large",
         (f"file is too large ({loader.MAX_FILE_BYTES + 1:,} bytes); the limit is 16 MiB",),
         make=_too_large),
    Case("generated", "one-megabyte-name",
         ("69:8: a string of 1,048,578 characters: the limit is 64,000",),
         make=_one_megabyte_name),
    Case("generated", "thousands-of-problems",
         tuple(f"{199 + 4 * i}:1: round 2, car #{100 + i} (rounds[1].results[{2 + i}].class): unknown class 'LMP9'"
               for i in range(900)),
         make=_thousands_of_problems),
    Case("generated", "one-megabyte-comment", valid=True, shows=("North Park 2 Hours",),
         make=_one_megabyte_comment),
]

CASES = _manifest_cases() + GENERATED
BAD = [case for case in CASES if not case.valid]
VALID = [case for case in CASES if case.valid]


def ids(case: Case) -> str:
    return case.id


def record(record_property: Callable, case: Case, outcome: str) -> None:
    """Name the file and the check for the summary line (the test's result is its outcome)."""
    record_property("hostile_corpus", (case.id, outcome))


def as_listed(problem_lines: list[str], path: Path) -> list[str]:
    """Problem lines without their ``FILE:`` prefix."""
    return [line.removeprefix(f"{path}:").lstrip() for line in problem_lines]


def assert_matches(listed: list[str], expect: tuple[str, ...]) -> None:
    assert len(listed) == len(expect), listed[:5]
    for got, want in zip(listed, expect):
        assert got.startswith(want), (got, want)


def assert_located(problem: Problem) -> None:
    assert problem.line is not None or problem.path or problem.message.startswith(WHOLE_FILE), problem


# --- the corpus is complete ----------------------------------------------------------


def test_every_file_has_an_expectation_and_the_corpus_is_big_enough() -> None:
    for folder in FOLDERS:
        files = {p.name for p in folder.glob("*.toml") if p.name != "EXPECTED.toml"}
        listed = {case.name for case in CASES if case.folder == folder.name}
        assert files == listed, (folder.name, files ^ listed)
    assert len([c for c in CASES if c.folder == "hostile"]) >= 60


# --- bad files: a located answer, never a traceback ----------------------------------


@pytest.mark.parametrize("case", BAD, ids=ids)
def test_validate_lists_located_problems(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture,
    record_property: Callable,
) -> None:
    record(record_property, case, "located")
    path = case.path(tmp_path, monkeypatch)
    code = main(["validate", str(path)])
    out = capsys.readouterr()
    assert code == 1
    assert out.out == ""
    assert "Traceback" not in out.err
    *problem_lines, summary = out.err.splitlines()
    count = len(case.expect)
    assert summary == f"{path.name}: {count} problem{'s' if count != 1 else ''}"
    assert_matches(as_listed(problem_lines, path), case.expect)
    for problem in load_path(path).problems:
        assert_located(problem)


@pytest.mark.parametrize("case", BAD, ids=ids)
async def test_the_app_opens_on_the_error_screen(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, record_property: Callable
) -> None:
    record(record_property, case, "error screen")
    app = SeasonApp(case.path(tmp_path, monkeypatch), config_path=None)
    app.animation_level = "none"
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, LoadErrorScreen)
        listed = str(app.screen.query_one("#problems-list", Static).render())
        for expected in case.expect[:50]:
            assert expected in listed
        assert app.is_running


SUBPROCESS_CASES = [
    "hostile/syntax_unclosed_string.toml", "hostile/schema_huge_integer.toml",
    "hostile/meaning_several_problems.toml", "hostile/bytes_utf16_le_bom.toml",
    "hostile/text_window_title_in_round_name.toml", "bad/unknown_key.toml", "generated/directory",
    "generated/fifo",
]


@pytest.mark.parametrize("case", [c for c in CASES if c.id in SUBPROCESS_CASES], ids=ids)
def test_the_installed_command_answers_without_a_traceback(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = case.path(tmp_path, monkeypatch)
    done = subprocess.run([ALMS_TUI, "validate", str(path)], capture_output=True, text=True,
                          timeout=30, env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert_matches(as_listed(done.stderr.splitlines()[:-1], path), case.expect)


# --- valid but hostile: loads, and every view shows the text as written -------------

#: Characters a terminal acts on, or that reorder the rest of a line.
_RAW = {chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F),
                         *range(0x2066, 0x206A))} - {"\n"}


def shown_text(screen) -> str:
    """Everything the screen's tables, texts and option lists hold, as plain text."""
    parts = []
    for widget in screen.query("*"):
        if isinstance(widget, DataTable):
            parts += [" | ".join(map(str, widget.get_row_at(i))) for i in range(widget.row_count)]
        elif isinstance(widget, OptionList):
            parts += [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]
        elif isinstance(widget, Static):
            parts.append(str(widget.render()))  # the header (a TitleBar) is not a Static
    return "\n".join(parts)


@pytest.mark.parametrize("case", VALID, ids=ids)
def test_a_hostile_but_valid_file_validates(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    path = case.path(tmp_path, monkeypatch)
    assert load_path(path).ok
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "OK" in out and not _RAW & set(out)


@pytest.mark.parametrize("case", VALID, ids=ids)
async def test_a_hostile_but_valid_file_renders_literally(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, record_property: Callable
) -> None:
    from textual.command import CommandPalette

    record(record_property, case, "rendered literally")
    app = SeasonApp(case.path(tmp_path, monkeypatch), config_path=None)
    app.animation_level = "none"
    seen = []
    async with app.run_test(size=(250, 70)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        seen.append(shown_text(app.screen))
        # A pause after each key before reading: the screen a key opens fills its
        # widgets as it mounts, which a loaded machine may not have done yet.
        for key in ("i", "s", "c"):
            await pilot.press(key)
            await pilot.pause()
            seen.append(shown_text(app.screen))
            await pilot.press("escape")
        await pilot.press("right_square_bracket")  # the second round, if any
        await pilot.pause()
        seen.append(shown_text(app.screen))
        seen.append(app.screen.sub_title)  # the header names the round
        await pilot.press("i")  # its details name it in full (the calendar is compact)
        await pilot.pause()
        seen.append(shown_text(app.screen))
        await pilot.press("escape", "left_square_bracket")
        if case.search:
            await pilot.press("slash", *case.search)
            assert isinstance(app.screen, CommandPalette)
            await app.screen.workers.wait_for_complete()
            await pilot.pause()
            seen.append(shown_text(app.screen))
            await pilot.press("escape")
        assert app.is_running
    everything = "\n".join(seen)
    for expected in case.shows:
        assert expected in everything
    if case.finds:
        assert case.finds in seen[-1]
    assert not _RAW & set(everything), sorted(_RAW & set(everything))


async def test_the_header_shows_round_names_escaped() -> None:
    app = SeasonApp(FIXTURES / "hostile" / "valid_bidi_and_zero_width.toml", config_path=None)
    async with app.run_test(size=(160, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("right_square_bracket")
        title = app.screen.sub_title  # the main screen's own: the round
        assert title and title.startswith("R") and "\u202e" not in title


# --- saved over a good file while the app runs: last good data kept, error bar shown ---

SAVED_OVER = [case for case in BAD if case.make is None]


async def test_each_bad_file_saved_over_a_good_one_keeps_the_data_and_shows_the_bar(
    tmp_path: Path, record_property: Callable
) -> None:
    """One running app; every corpus file in turn is written over its data file.

    Reloads are triggered with ``r`` rather than by the follower, so the test
    waits on the load worker (deterministic) instead of on file events.
    """
    from tui.ui.widgets.live_bar import LiveBar

    data = tmp_path / "season.toml"
    good = MINIMAL.read_bytes()
    data.write_bytes(good)
    app = SeasonApp(data, config_path=None, follow="off")
    app.animation_level = "none"
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#classification-table")
        before = [list(map(str, table.get_row_at(i))) for i in range(table.row_count)]
        bar = app.screen.query_one(LiveBar)
        for case in SAVED_OVER:
            record(record_property, case, "saved over a good file")
            data.write_bytes((FIXTURES / case.folder / case.name).read_bytes())
            await pilot.press("r")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert bar.has_class("-error") and bar.display, case.id
            shown = [str(problem).removeprefix(f"{data}:").lstrip() for problem in app.live_state.problems]
            assert_matches(shown, case.expect)
            now = [list(map(str, table.get_row_at(i))) for i in range(table.row_count)]
            assert now == before, case.id  # the last good data stays on screen
        data.write_bytes(good)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not bar.display
