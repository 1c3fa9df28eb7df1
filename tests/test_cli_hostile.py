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
    assert main(["export", "--output", str(tmp_path), str(MINIMAL)]) == 2  # a directory
    assert "is a directory, not a regular file" in capsys.readouterr().err
    assert main(["export", "--output", str(tmp_path / "no" / "out.json"), str(MINIMAL)]) == 1
    assert f"alms-tui export: cannot write {tmp_path}/no/out.json: " in capsys.readouterr().err


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


# --- where the output goes: atomic, never the dataset, never blocking, stdout errors ---


def _limited_file_size(limit: int):
    """For a subprocess: files may not grow past ``limit`` bytes (a full disk, in effect)."""
    import resource
    import signal

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_an_export_that_fails_half_way_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old contents\n")
    done = subprocess.run([ALMS_TUI, "export", "--format", "json", "-o", str(target), str(BUNDLED)],
                          capture_output=True, text=True, timeout=60,
                          preexec_fn=_limited_file_size(4096))
    assert done.returncode == 1
    assert target.read_text() == "old contents\n"  # not truncated
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temporary file left
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1, done.stderr


def test_an_export_over_its_own_dataset_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    data = tmp_path / "season.toml"
    data.write_bytes(MINIMAL.read_bytes())
    link = tmp_path / "link.toml"
    link.symlink_to(data)
    for target in (data, link):
        assert main(["export", "--format", "csv", "-o", str(target), str(data)]) == 2
        assert "is the dataset being exported" in capsys.readouterr().err
    assert data.read_bytes() == MINIMAL.read_bytes()


def test_an_export_onto_a_fifo_is_refused_not_blocked(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    done = subprocess.run([ALMS_TUI, "export", "-o", str(fifo), str(MINIMAL)], capture_output=True,
                          text=True, timeout=30, check=False)
    assert done.returncode == 2
    assert "is a FIFO (named pipe), not a regular file" in done.stderr
    assert fifo.is_fifo()


def test_output_dash_means_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--format", "csv", "-o", "-", str(MINIMAL)]) == 0
    assert capsys.readouterr().out.startswith("round,round_name,")
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("args", [["schema"], ["validate"], ["export", "--format", "json"]])
def test_a_full_disk_on_standard_output_is_one_line_not_a_traceback(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([ALMS_TUI, *args], stdout=full, stderr=subprocess.PIPE, text=True,
                              timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    assert done.stderr.splitlines() == [
        f"alms-tui {args[0]}: cannot write the output: no space left on device"
    ]


@pytest.mark.parametrize("args", [["schema"], ["validate"], ["export", "--format", "json"]])
def test_a_closed_standard_output_is_one_line_not_a_traceback(args: list[str]) -> None:
    done = subprocess.run([ALMS_TUI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, timeout=60, preexec_fn=lambda: os.close(1))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stderr.splitlines() == [f"alms-tui {args[0]}: standard output is closed"]
