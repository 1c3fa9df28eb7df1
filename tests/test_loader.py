"""Loading: every way a file can be wrong becomes a located problem, never an exception."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core import loader
from tui.core.loader import LoadResult, load_bytes, load_path, load_text
from tui.core.source_map import SourceMap

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "good" / "minimal.toml"
BAD = FIXTURES / "bad"


def only_problem(result: LoadResult) -> str:
    assert len(result.problems) == 1, [str(p) for p in result.problems]
    return str(result.problems[0])


# --- a good file ---------------------------------------------------------------------


def test_the_minimal_fixture_loads_without_problems() -> None:
    result = load_path(MINIMAL)
    assert result.ok
    assert result.problems == ()
    assert [r.name for r in result.dataset.rounds] == ["North Park 2 Hours", "South Bay 300"]
    assert result.dataset.rounds[0].results[3].car_class == "GT"


def test_a_valid_file_is_never_scanned_for_positions(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("located a problem in a valid file")

    monkeypatch.setattr(SourceMap, "locate", fail)
    assert load_path(MINIMAL).ok


# --- schema errors, one fixture each -------------------------------------------------

SCHEMA_CASES = {
    "unknown_key": "132:1: round 1, car #3 (rounds[0].results[1].lpas): unknown key 'lpas' (did you mean 'laps'?)",
    "missing_field": "88:1: round 1 (rounds[0].circuit): missing required field 'circuit'",
    "wrong_type": '123:1: round 1, car #1 (rounds[0].results[0].laps): expected an integer, got a string "ninety"',
    "below_minimum": "129:1: round 1, position 2 (rounds[0].results[1].number): must be at least 0, got -3",
    "bad_gap": (
        '133:1: round 1, car #3 (rounds[0].results[1].gap): expected a gap like "+2 laps" or "+12.345 s", '
        'got a string "6 laps"'
    ),
    "control_characters": (
        "130:1: round 1, car #3 (rounds[0].results[1].team): expected an id (letters, digits, '_', '.', '-'), "
        'got a string "bra\\u001B[2Jvo"'
    ),
    "bad_timezone": "95:1: round 1 (rounds[0].timezone): unknown IANA time zone 'America/Northville'",
    "dnf_with_position": "152:1: round 1, car #2 (rounds[0].results[4]): a DNF car has no finishing position",
    "syntax_error": "141:7: missing value after '='",
}


@pytest.mark.parametrize("name", SCHEMA_CASES)
def test_a_schema_or_syntax_error_is_located(name: str) -> None:
    path = BAD / f"{name}.toml"
    result = load_bytes(path.read_bytes(), path.name)
    assert result.dataset is None
    assert only_problem(result) == f"{name}.toml:{SCHEMA_CASES[name]}"


def test_problem_fields_are_set_separately() -> None:
    (problem,) = load_text((BAD / "unknown_key.toml").read_text(), "lpas.toml").problems
    assert (problem.file, problem.line, problem.col) == ("lpas.toml", 132, 1)
    assert problem.path == "rounds[0].results[1].lpas"
    assert problem.message == "unknown key 'lpas' (did you mean 'laps'?)"


def test_the_python_name_of_an_aliased_field_is_refused() -> None:
    text = MINIMAL.read_text().replace('class = "GTS"\nnumber = 3', 'car_class = "GTS"\nnumber = 3')
    messages = [f"{p.line}: {p.path}: {p.message}" for p in load_text(text).problems]
    assert messages == [
        "126: rounds[0].results[1].class: missing required field 'class'",
        "128: rounds[0].results[1].car_class: unknown key 'car_class' (did you mean 'class'?)",
    ]


def test_every_schema_error_is_reported_in_file_order() -> None:
    text = (
        MINIMAL.read_text()
        .replace("laps = 110", "laps = -1")
        .replace("year = 2004", "year = 1066")
        .replace('name = "Standard"', 'nmae = "Standard"')
    )
    assert [(p.line, p.path, p.message) for p in load_text(text).problems] == [
        (9, "season.year", "must be at least 1900, got 1066"),
        (43, "points.scales[0].name", "missing required field 'name'"),
        (45, "points.scales[0].nmae", "unknown key 'nmae' (did you mean 'name'?)"),
        (188, "rounds[1].results[0].laps", "must be at least 0, got -1"),
    ]


def test_long_bad_values_are_cut_short() -> None:
    text = MINIMAL.read_text().replace('team = "bravo"', f'team = "{"x" * 30} {"y" * 30}"')
    (problem,) = load_text(text).problems
    assert problem.message.endswith(f'got a string "{"x" * 30} {"y" * 9}"…')


def test_a_bad_dict_key_is_located_at_the_key() -> None:
    text = MINIMAL.read_text().replace("GT = 2 }", '"G T" = 2 }')
    (problem,) = load_text(text).problems
    assert (problem.line, problem.col) == (106, 56)
    assert problem.path == 'rounds[0].stats.entries.by_class."G T"'
    assert problem.message.startswith("expected an id")


def test_a_missing_tuple_value() -> None:
    text = MINIMAL.read_text().replace('name = "Grand Touring"\n', 'name = "GT"\npower_hp = [1]\n')
    (problem,) = load_text(text).problems
    assert str(problem) == "<string>:38:1: classes[2].power_hp[1]: missing value"


# --- TOML syntax ---------------------------------------------------------------------


def test_an_error_at_the_end_of_the_document_points_there() -> None:
    result = load_text("a = 1\nb = [1,\n", "end.toml")
    assert only_problem(result) == "end.toml:3:1: invalid value"


def test_python_3_14_error_attributes_are_preferred(monkeypatch: pytest.MonkeyPatch) -> None:
    error = tomllib.TOMLDecodeError("Unclosed array (at line 9, column 9)")
    error.msg, error.lineno, error.colno = "Unclosed array", 2, 5

    def raise_error(text: str) -> dict:
        raise error

    monkeypatch.setattr(tomllib, "loads", raise_error)
    assert only_problem(load_text("x = 1")) == "<string>:2:5: unclosed array"


# More clearer messages are in tests/fixtures/hostile/EXPECTED.toml (syntax_*).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x = 'abc\ny = 1", "1:5: unclosed string: the ' that opens it is never closed"),
        ("x = '''abc\ny = 1", "1:5: unclosed string: the ''' that opens it is never closed"),
        ("a = 1\nb = 2\ra = 3\n", "2:6: carriage return without a line feed"),
        ("a = {b = 1}\na.c = 2", "2:8: cannot add to 'a': it is already written as a value"),
        ("a.b = 1\na.b.c = 2", "2:10: dotted key a.b.c conflicts with a value already defined"),
        ("x = 1979-05-27T25:00:00", "1:15: invalid date 1979-05-27T25:00:00: dates are written"),
        ("x = 07:32:00Z", "1:13: expected newline or end of document"),  # a time, no number
        ("a = 1\n[[a\r]]\n", "2:"),  # a header with a CR: tomllib's words, never a raw CR
    ],
)
def test_syntax_errors_are_worded_in_the_file_s_terms(text: str, expected: str) -> None:
    problem = only_problem(load_text(text, "f.toml"))
    assert problem.startswith(f"f.toml:{expected}"), problem
    assert problem.isprintable()


def test_deep_nesting_is_refused_where_it_gets_too_deep() -> None:
    result = load_text("a = " + "[" * 5000 + "]" * 5000)
    assert only_problem(result) == "<string>:1:37: arrays or tables nested more than 32 deep"


def test_a_file_of_comments_holds_no_data() -> None:
    assert only_problem(load_text("# nothing\n\n")) == (
        "<string>: file holds no data, only blank lines and comments"
    )


# --- bytes ---------------------------------------------------------------------------


def test_a_utf8_bom_is_accepted() -> None:
    assert load_bytes(codecs.BOM_UTF8 + MINIMAL.read_bytes(), "bom.toml").ok


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_bom_is_refused(encoding: str) -> None:
    data = MINIMAL.read_text().encode(encoding)
    if encoding != "utf-16":  # the -le/-be codecs write no BOM
        data = (codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE) + data
    expected = "wide.toml: file is UTF-16; save it as UTF-8"
    assert only_problem(load_bytes(data, "wide.toml")) == expected


def test_utf16_without_a_bom_is_refused_at_its_first_nul() -> None:
    result = load_bytes("a = 1".encode("utf-16-le"), "wide.toml")
    assert only_problem(result) == (
        "wide.toml:1:2: NUL byte: this is a binary file, or UTF-16 without a byte-order mark"
    )


def test_invalid_utf8_is_located_by_character_column() -> None:
    data = 'a = 1\nname = "Jörg \xe9"\n'.encode().replace("\xe9".encode(), b"\xe9")
    assert only_problem(load_bytes(data, "latin.toml")) == (
        "latin.toml:2:14: invalid UTF-8 (byte 0xE9); save the file as UTF-8"
    )


def test_a_nul_byte_is_located() -> None:
    result = load_bytes(b'a = 1\nb = "x\x00"\n', "nul.toml")
    assert result.problems[0].line == 2
    assert result.problems[0].col == 7


@pytest.mark.parametrize("data", [b"", codecs.BOM_UTF8])
def test_an_empty_file_is_refused(data: bytes) -> None:
    assert only_problem(load_bytes(data, "empty.toml")) == "empty.toml: file is empty"


# --- paths ---------------------------------------------------------------------------


def test_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    assert only_problem(load_path(path)) == f"{path}: file not found"
    assert only_problem(load_path(MINIMAL / "x")) == f"{MINIMAL / 'x'}: file not found"


def test_a_directory(tmp_path: Path) -> None:
    assert only_problem(load_path(tmp_path)) == f"{tmp_path}: is a directory, not a regular file"


def test_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    # Opening a FIFO with no writer would block: a refusal here proves it was not opened.
    assert only_problem(load_path(fifo)) == f"{fifo}: is a FIFO (named pipe), not a regular file"


def test_a_device_is_refused() -> None:
    assert only_problem(load_path("/dev/null")) == "/dev/null: is a device, not a regular file"


def test_a_file_above_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.toml"
    path.write_bytes(MINIMAL.read_bytes())
    size = path.stat().st_size
    assert only_problem(load_path(path)) == (
        f"{path}: file is too large ({size:,} bytes); the limit is 1,000 bytes"
    )


def test_the_limit_is_named_in_mebibytes() -> None:
    assert loader.MAX_FILE_BYTES == 16 * 1024 * 1024
    assert loader._too_large(None) == "file is too large; the limit is 16 MiB"


def test_a_file_that_grows_past_the_limit_is_read_no_further(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "growing.toml"
    path.write_bytes(b"a = 1\n")
    read_sizes = []
    real_read = loader._read_regular

    def grown(name: str, limit: int) -> bytes | None:
        read_sizes.append(limit)
        return real_read(name, limit) + b"#" * 100

    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 50)
    monkeypatch.setattr(loader, "_read_regular", grown)
    assert only_problem(load_path(path)) == f"{path}: file is too large; the limit is 50 bytes"
    assert read_sizes == [51]


def test_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.toml"
    path.write_bytes(MINIMAL.read_bytes())
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: make the open fail instead
        real_open = os.open

        def refuse(name, *args, **kwargs):
            if os.fspath(name) == str(path):
                raise PermissionError(13, "Permission denied", name)
            return real_open(name, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    assert only_problem(load_path(path)) == f"{path}: cannot read the file: permission denied"


def test_a_path_with_a_nul_is_refused() -> None:
    problem = only_problem(load_path("bad\0name.toml"))
    assert problem == "bad\0name.toml: cannot read the file: embedded null byte"


# --- robustness ----------------------------------------------------------------------

MINIMAL_BYTES = MINIMAL.read_bytes()


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(MINIMAL_BYTES)),
            st.integers(0, 8),
            st.one_of(st.text(max_size=6).map(str.encode), st.binary(max_size=3)),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_damaged_files_give_problems_not_exceptions(edits: list[tuple[int, int, bytes]]) -> None:
    data = MINIMAL_BYTES
    for at, cut, insert in edits:
        data = data[:at] + insert + data[at + cut :]
    result = load_bytes(data, "fuzz.toml")
    assert result.ok or result.problems
    lines = data.count(b"\n") + 1
    for problem in result.problems:
        assert problem.line is None or 1 <= problem.line <= lines
        assert str(problem).isprintable()  # safe to print: no control character from the file


def test_the_loader_never_imports_textual() -> None:
    code = "import sys, tui.core.loader; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ('"Test\\u001bSeries"', "U+001B"),  # an escape
        ('"Test\tSeries"', "U+0009"),  # a raw tab
        ("'Test\tSeries'", "U+0009"),
        ('"Test\u0085Series"', "U+0085"),  # a raw C1 control, which TOML allows
        ('"""Test\nSeries"""', "U+000A"),  # a line break in a multi-line string
        ("'''Test\nSeries'''", "U+000A"),
    ],
    ids=["escape", "raw-tab", "raw-tab-literal", "raw-c1", "multi-line", "multi-line-literal"],
)
def test_every_way_a_control_character_gets_into_a_name_is_reported(written: str, code: str) -> None:
    # The loader skips the per-string rule for a text with none of these ways.
    text = MINIMAL.read_text(encoding="utf-8")
    assert 'series = "Test Sports Car Series"' in text
    result = load_text(text.replace('"Test Sports Car Series"', written, 1), "season.toml")
    assert not result.ok
    assert [p.message.split(" (")[0].split(" in ")[0] for p in result.problems] == [f"control character {code}"]


# --- validation a round at a time (loader._validate) --------------------------------


def _one_call(document: dict) -> object:
    from tui.core.models import Dataset

    return Dataset.model_validate(document, by_alias=True, by_name=False)


@pytest.mark.parametrize("source", ["bundled", "synthetic"])
def test_a_round_at_a_time_gives_the_dataset_one_call_gives(source: str) -> None:
    if source == "bundled":
        text = (Path(__file__).parents[1] / "data" / "alms-2004.toml").read_text(encoding="utf-8")
    else:
        sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
        import synthetic

        text = synthetic.season_text(1000)
    document = tomllib.loads(text)
    by_round, whole = loader._validate(document), _one_call(document)
    assert by_round == whole
    assert by_round.model_dump() == whole.model_dump()


def test_bad_files_get_the_problems_one_call_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every bad fixture: the same problems, in the same places, as before."""
    names = sorted((FIXTURES / "bad").glob("*.toml"))
    assert len(names) > 20
    by_round = {path.name: load_path(path).problems for path in names}
    monkeypatch.setattr(loader, "_validate", _one_call)
    whole = {path.name: load_path(path).problems for path in names}
    assert by_round == whole


def test_an_error_in_a_later_round_is_located_in_that_round() -> None:
    text = (Path(__file__).parents[1] / "data" / "alms-2004.toml").read_text(encoding="utf-8")
    document = tomllib.loads(text)
    document["rounds"][3]["results"][2]["laps"] = "many"
    with pytest.raises(Exception) as raised:
        loader._validate(document)
    locations = [error["loc"] for error in raised.value.errors()]  # type: ignore[attr-defined]
    assert ("rounds", 3, "results", 2, "laps") in locations


#: The definition the fast check must agree with (one regex: 70 ms at 10,000 results).
_CONTROLS_REFERENCE = __import__("re").compile(r'[\\\t\x7f-\x9f]|"""|\'\'\'')


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from(list("ab\\\t\"'#\n \x7e\x7f\x80\x9f\xa0ö")), max_size=12))
def test_the_controls_check_agrees_with_its_definition(text: str) -> None:
    assert loader._controls_possible(text) == (_CONTROLS_REFERENCE.search(text) is not None)
