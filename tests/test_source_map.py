"""Field path -> line and column, for each TOML construct a dataset may use."""

from __future__ import annotations

import threading
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.source_map import SourceMap, render_path, toml_quote

FIXTURES = Path(__file__).parent / "fixtures"
BUNDLED = Path(__file__).resolve().parents[1] / "data" / "alms-2004.toml"


def where(text: str, *loc: str | int) -> tuple[int, int] | None:
    tomllib.loads(text)  # the map is only ever built for text tomllib accepts
    return SourceMap.from_text(text).locate(loc)


def test_top_level_keys_and_table_headers() -> None:
    text = 'schema_version = 1\n\n[season]\nseries = "X"\n  year = 2004\n[a.b.c]\nd = 1\n'
    assert where(text, "schema_version") == (1, 1)
    assert where(text, "season") == (3, 1)
    assert where(text, "season", "series") == (4, 1)
    assert where(text, "season", "year") == (5, 3)
    assert where(text, "a", "b", "c", "d") == (7, 1)
    # Tables only implied by a header are placed at that header.
    assert where(text, "a") == (6, 1)
    assert where(text, "a", "b") == (6, 1)


def test_arrays_of_tables_count_per_parent_element() -> None:
    text = (
        "[[rounds]]\n"  # 1
        "number = 1\n"
        "[[rounds.results]]\n"  # 3
        "laps = 1\n"
        "[[rounds.results]]\n"  # 5
        "laps = 2\n"
        "[rounds.stats]\n"  # 7: a sub-table of the latest round
        "winner_time = '1:00:00'\n"
        "[[rounds]]\n"  # 9
        "number = 2\n"
        "[[rounds.results]]\n"  # 11: results[0] again, under rounds[1]
        "laps = 3\n"
    )
    assert where(text, "rounds", 0) == (1, 1)
    assert where(text, "rounds", 0, "results", 1, "laps") == (6, 1)
    assert where(text, "rounds", 0, "stats", "winner_time") == (8, 1)
    assert where(text, "rounds", 1) == (9, 1)
    assert where(text, "rounds", 1, "number") == (10, 1)
    assert where(text, "rounds", 1, "results", 0, "laps") == (12, 1)


def test_dotted_keys_point_at_each_part() -> None:
    text = "[round]\nstats.winner_time = '2:00:00'\nstats . entries.total = 30\n"
    assert where(text, "round", "stats") == (2, 1)
    assert where(text, "round", "stats", "winner_time") == (2, 7)
    assert where(text, "round", "stats", "entries") == (3, 9)
    assert where(text, "round", "stats", "entries", "total") == (3, 17)


def test_inline_tables_locate_their_keys() -> None:
    text = 'format = { kind = "timed", duration_minutes = 165, sources = ["a", "b"] }\n'
    assert where(text, "format") == (1, 1)
    assert where(text, "format", "kind") == (1, 12)
    assert where(text, "format", "duration_minutes") == (1, 28)
    assert where(text, "format", "sources", 1) == (1, 68)
    assert where(text, "format", "distance_miles") == (1, 1)  # missing: the table's key


def test_nested_inline_tables() -> None:
    text = "entries = { total = 6, by_class = { LMP1 = 2, GT = 4 } }\n"
    assert where(text, "entries", "by_class", "GT") == (1, 47)


def test_multi_line_arrays_with_comments() -> None:
    text = (
        "drivers = [\n"
        '  "ann-archer",  # first, [not a header]\n'
        "  # a comment line, with = and ]\n"
        '  "ben-baker",\n'
        "]\n"
        "after = 1\n"
    )
    assert where(text, "drivers", 0) == (2, 3)
    assert where(text, "drivers", 1) == (4, 3)
    assert where(text, "drivers", 2) == (1, 1)  # no such element: the array's key
    assert where(text, "after") == (6, 1)


def test_nested_arrays_and_arrays_of_inline_tables() -> None:
    text = (
        "power = [[1, 2], [3, [4, 5]]]\n"
        "results = [\n"
        '  { class = "GT", laps = 5 },\n'
        '  { class = "GTS" },\n'
        "]\n"
    )
    assert where(text, "power", 1, 1) == (1, 22)
    assert where(text, "power", 1, 1, 0) == (1, 23)
    assert where(text, "results", 0, "laps") == (3, 19)
    assert where(text, "results", 1) == (4, 3)
    assert where(text, "results", 1, "class") == (4, 5)


def test_multi_line_strings_are_skipped() -> None:
    text = (
        'text = """\n'
        "[[rounds]]\n"
        'laps = 1 """\n'
        "literal = '''\n"
        "[fake]\n"
        "x = ''''' \n"
        "quotes = \"\"\"a \\\"\"\" b\"\"\"\"\"\n"
        "[[rounds]]\n"
        "laps = 2\n"
    )
    assert where(text, "literal") == (4, 1)
    assert where(text, "quotes") == (7, 1)
    assert where(text, "rounds", 0) == (8, 1)
    assert where(text, "rounds", 0, "laps") == (9, 1)
    assert where(text, "fake") is None


def test_strings_and_comments_holding_toml_syntax() -> None:
    text = (
        '# [rounds] = "no"\n'
        'a = "x = [1, 2] # not a comment"  # a comment\n'
        "b = 'c:\\path' # literal\n"
        'c = ["]", "#", "\\"", \'{\']\n'
        "d = 1\n"
    )
    assert where(text, "a") == (2, 1)
    assert where(text, "b") == (3, 1)
    assert where(text, "c", 3) == (4, 22)
    assert where(text, "d") == (5, 1)


def test_quoted_keys() -> None:
    text = (
        '"quoted key" = 1\n'
        "'literal.key' = 2\n"
        '"esc\\u0041ped" = 3\n'
        '[by_class."GT 1"]\n'
        "total = 4\n"
    )
    assert where(text, "quoted key") == (1, 1)
    assert where(text, "literal.key") == (2, 1)
    assert where(text, "escAped") == (3, 1)
    assert where(text, "by_class", "GT 1", "total") == (5, 1)


def test_dates_with_a_space_and_crlf_line_ends() -> None:
    text = "when = 2004-03-20 10:30:00\r\nnext = 1\r\n[t]\r\nx = [\r\n  1,\r\n  2,\r\n]\r\n"
    assert where(text, "next") == (2, 1)
    assert where(text, "t", "x", 1) == (6, 3)


def test_a_missing_path_falls_back_to_its_nearest_ancestor() -> None:
    text = "[[rounds]]\nnumber = 1\n\n[[rounds]]\nnumber = 2\n"
    assert where(text, "rounds", 1, "circuit") == (4, 1)
    assert where(text, "rounds", 1, "stats", "entries", "by_class", "X", "[key]") == (4, 1)
    assert where(text, "rounds", 5, "number") == (1, 1)  # no such round: the array
    assert where(text, "season", "series") is None  # nothing of it is written


@pytest.mark.parametrize("path", [FIXTURES / "good" / "minimal.toml", BUNDLED])
def test_every_key_and_element_of_a_real_file_is_found_where_written(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    document = tomllib.loads(text)
    assert document, f"{path.name} is empty: nothing would be checked"
    source_map = SourceMap.from_text(text)
    lines = text.splitlines()
    checked = 0
    for loc, _value in _paths(document):
        located = source_map.locate(loc)
        assert located is not None, render_path(loc)
        line, col = located
        written = lines[line - 1][col - 1 :]
        last = loc[-1]
        if isinstance(last, str):
            # The key, or the header of the table (or array of tables) that holds it.
            assert written.startswith((last, f'"{last}"', "[")), (render_path(loc), written)
        else:
            # An element at its own place, not fallen back to its array's key.
            assert located != source_map.locate(loc[:-1]) or written.startswith("[["), (
                render_path(loc),
                written,
            )
        checked += 1
    assert checked > 200


def _paths(value, loc=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*loc, key), item
            yield from _paths(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*loc, index), item
            yield from _paths(item, (*loc, index))


def test_render_path() -> None:
    assert render_path(("rounds", 6, "results", 3, "laps")) == "rounds[6].results[3].laps"
    assert render_path(("power", 0, 1)) == "power[0][1]"
    assert render_path(("by_class", "GT 1")) == 'by_class."GT 1"'
    assert render_path(("by_class", "\x1b[2J")) == 'by_class."\\u001B[2J"'
    assert render_path(()) == ""


def test_toml_quote_escapes_what_a_terminal_would_act_on() -> None:
    assert toml_quote('say "hi"\\') == '"say \\"hi\\"\\\\"'
    assert toml_quote("a\nb\tc\x1b\u202e\u00e9") == '"a\\u000Ab\\u0009c\\u001B\\u202Eé"'
    assert toml_quote("\U000e0001") == '"\\U000E0001"'


def _big_season(style: str) -> str:
    """10 rounds of 1,000 results, hand-written style or as tomli-w writes it."""
    if style == "tomli-w":
        result = {
            "position": 1, "class": "GTS", "number": 3, "team": "corvette-racing",
            "drivers": ["ron-fellows", "johnny-oconnell"], "chassis": "Chevrolet Corvette C5-R",
            "laps": 300, "gap": "+1 lap", "sources": ["imsa"],
        }
        rounds = [{"number": n, "results": [result] * 1000} for n in range(1, 11)]
        return tomli_w.dumps({"rounds": rounds})
    result = (
        "[[rounds.results]]\n"
        "position = 1\n"
        'class = "GTS"\n'
        "number = 3\n"
        'team = "corvette-racing"\n'
        'drivers = ["ron-fellows", "johnny-oconnell"]  # a comment\n'
        'chassis = "Chevrolet Corvette C5-R"\n'
        "laps = 300\n"
        'gap = "+1 lap"\n'
        'sources = ["imsa"]\n\n'
    )
    return "".join(
        f'[[rounds]]\nnumber = {n}\nformat = {{ kind = "timed", duration_minutes = 165 }}\n'
        + result * 1000
        for n in range(1, 11)
    )


@pytest.mark.parametrize("style", ["hand", "tomli-w"])
def test_the_map_is_built_only_when_asked_and_finds_the_last_of_10000_results(style: str) -> None:
    # How long it takes is measured in benchmarks/, not asserted here.
    text = _big_season(style)
    last_driver = text.rindex("johnny-oconnell") - 1  # its opening quote
    source_map = SourceMap.from_text(text)
    assert "_scanner" not in vars(source_map)  # nothing scanned yet
    located = source_map.locate(("rounds", 9, "results", 999, "drivers", 1))
    line = text.count("\n", 0, last_driver) + 1
    assert located == (line, last_driver - text.rfind("\n", 0, last_driver))


@pytest.mark.parametrize("filler", [" ", "#", " # ", "\n"])
def test_long_runs_of_blanks_or_comments_do_not_blow_up(filler: str) -> None:
    # Regression: a gap of n blanks before a line that fails the fast match was
    # once tried 2**n ways, which never finishes. The bound only catches a hang.
    text = "a = 1\n" + filler * 5000 + "\n[x]\nb = [1,\n" + filler * 5000 + "\n 2, { c = 3 }]\n"
    found: list[object] = []
    worker = threading.Thread(
        target=lambda: found.append(SourceMap.from_text(text).locate(("x", "b", 2, "c"))), daemon=True
    )
    worker.start()
    worker.join(30)
    assert found and found[0] is not None


_keys = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=4)
_scalars = st.one_of(
    st.integers(), st.booleans(), st.text(st.characters(exclude_categories=["Cs"]), max_size=6)
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_keys, inner, max_size=3)),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(_keys, _values, max_size=4), st.booleans())
def test_whatever_tomli_w_writes_is_located(document: dict, multiline_strings: bool) -> None:
    text = tomli_w.dumps(document, multiline_strings=multiline_strings)
    source_map = SourceMap.from_text(text)
    for loc, value in _paths(document):
        assert source_map.locate(loc) is not None
        if isinstance(value, list):
            # Elements in order, each at its own place: none fell back to the array.
            places = [source_map.locate((*loc, index)) for index in range(len(value))]
            assert places == sorted(set(places)), (text, loc)
        elif isinstance(value, dict):
            places = {source_map.locate((*loc, key)) for key in value}
            assert len(places) == len(value), (text, loc)


@pytest.mark.parametrize("text", ["a = [\n", "[[a]\n", 'a = "x\n', "= 1\n"])
def test_text_tomllib_would_refuse_does_not_crash_the_map(text: str) -> None:
    source_map = SourceMap.from_text(text)
    source_map.locate(("a", 0))  # any answer; no exception
