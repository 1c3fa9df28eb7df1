"""The command line where the terminal or the reader is hostile: an ASCII-only locale,
a pipe closed early, names with controls in file paths. Never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import _shown, main

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "alms-2004.toml"
MINIMAL = ROOT / "tests" / "fixtures" / "good" / "minimal.toml"
ALMS_TUI = Path(sys.executable).with_name("alms-tui")


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ALMS_TUI, *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **env}, errors="replace")


@pytest.mark.parametrize("args", [["export", "--format", "md"], ["schema"], ["validate"]])
def test_an_ascii_only_terminal_gets_escapes_not_a_traceback(args: list[str]) -> None:
    done = run(*args, PYTHONIOENCODING="ascii")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    if args[0] == "export":
        assert "J\\xf6rg Bergmeister" in done.stdout  # "Jörg", written as an escape


@pytest.mark.parametrize("args", [["export", "--format", "json"], ["export", "--format", "csv"],
                                  ["schema"]])
def test_a_reader_that_stops_early_is_not_a_traceback(args: list[str]) -> None:
    process = subprocess.Popen([ALMS_TUI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout.read(10)
    process.stdout.close()  # like `| head -c 10`
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
    assert process.returncode in (0, 1)


def test_a_file_name_with_control_characters_is_printed_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    path = tmp_path / "evil\x1b]2;PWNED\x07.toml"
    path.write_text("# nothing\n")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "evil\\x1b]2;PWNED\\x07.toml: file holds no data" in err


def test_export_to_an_unwritable_place_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["export", "--output", str(tmp_path), str(MINIMAL)]) == 1
    assert f"alms-tui export: cannot write {tmp_path}: Is a directory" in capsys.readouterr().err


def test_export_of_a_round_or_class_that_does_not_exist(capsys: pytest.CaptureFixture) -> None:
    assert main(["export", "--round", "99", str(MINIMAL)]) == 2
    assert "no round 99 (rounds: 1, 2)" in capsys.readouterr().err
    assert main(["export", "--class", "[bold]LMP9", str(MINIMAL)]) == 2
    assert "no class '[bold]LMP9' (classes: LMP1, GTS, GT)" in capsys.readouterr().err


def test_shown_escapes_controls_and_bidi_but_keeps_other_text() -> None:
    assert _shown("Jörg [b]x[/b] 東京") == "Jörg [b]x[/b] 東京"
    assert _shown("a\x1b[2Jb\u202ec\x00\U000e0001") == "a\\x1b[2Jb\\u202ec\\x00\\U000e0001"


# --- outside text in messages and exports: escaped ------------------------------------

#: What a terminal acts on, or what reorders a line (a line feed excepted).
RAW_CONTROLS = {chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F),
                                 *range(0x2066, 0x206A))} - {"\n"}
VALID_HOSTILE = sorted((ROOT / "tests" / "fixtures" / "hostile").glob("valid_*.toml"))


@pytest.mark.parametrize("fmt", ["json", "csv", "md"])
@pytest.mark.parametrize("path", VALID_HOSTILE, ids=lambda p: p.stem)
def test_an_export_never_holds_a_raw_control_or_bidi_character(
    path: Path, fmt: str, capsys: pytest.CaptureFixture
) -> None:
    assert main(["export", "--format", fmt, str(path)]) == 0
    out = capsys.readouterr().out
    assert not RAW_CONTROLS & set(out), sorted(RAW_CONTROLS & set(out))


def test_json_export_escapes_bidi_and_keeps_the_text() -> None:
    """JSON writes such characters as \\uXXXX: a terminal never sees them, a parser does."""
    import json

    from tui.core.export import export_data
    from tui.core.loader import load_path

    path = ROOT / "tests" / "fixtures" / "hostile" / "valid_bidi_and_zero_width.toml"
    assert main(["export", "--format", "json", str(path)]) == 0
    text = subprocess.run([ALMS_TUI, "export", "--format", "json", str(path)], capture_output=True,
                          text=True, timeout=60).stdout
    assert "\\u202e" in text.lower()
    assert json.loads(text) == json.loads(json.dumps(export_data(load_path(path).dataset)))


def test_an_unknown_class_argument_is_printed_escaped(capsys: pytest.CaptureFixture) -> None:
    assert main(["export", "--class", "GT\x1b]0;x\x07\u202e", str(MINIMAL)]) == 2
    err = capsys.readouterr().err
    assert not RAW_CONTROLS & set(err) and "GT\\x1b]0;x\\x07\\u202e" in err


def test_csv_cells_that_a_spreadsheet_would_run_are_made_text(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """OWASP CSV injection: data text starting with = + - @ gets a leading '; our gaps do not."""
    import csv
    import io

    text = MINIMAL.read_text()
    hostile = (text.replace('name = "Cal Carter"', 'name = "=HYPERLINK(\\"http://x\\",\\"y\\")"')
               .replace('name = "Alpha Racing"', 'name = "+cmd|\' /C calc\'!A0"')
               .replace('name = "Bravo Motorsport"', 'name = "@SUM(A1)"'))
    assert hostile != text
    path = tmp_path / "formula.toml"
    path.write_text(hostile)
    assert main(["validate", str(path)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert main(["export", "--format", "csv", str(path)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    cells = [row[field] for row in rows for field in row]
    assert not any(cell.startswith(("=", "@")) for cell in cells), cells
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    assert any(row["team"].startswith("'+cmd") for row in rows)
    assert any(row["team"].startswith("'@SUM") for row in rows)
    gaps = [row["gap"] for row in rows if row["gap"]]
    assert gaps and all(gap.startswith("+") for gap in gaps)  # ours: kept readable
