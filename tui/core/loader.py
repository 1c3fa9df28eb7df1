"""Bytes -> text -> TOML -> models -> checks: a dataset, or located problems.

Nothing here raises for bad input: every way a file can be wrong (missing,
unreadable, not UTF-8, not TOML, not the schema, not consistent) becomes a
:class:`~tui.core.problems.Problem` with a line and column where one exists.
"""

from __future__ import annotations

import ast
import codecs
import datetime as dt
import os
import re
import stat
import tomllib
import types
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .checks import check
from .models import ID_PATTERN, Dataset, Round
from .prescan import ShapeError, prescan
from .problems import MAX_PROBLEMS, Problem, location_name, not_listed
from .source_map import Loc, Locator, SourceMap, render_path, toml_quote
from .suggest import Suggester

#: Larger files are refused unread: a season is ~100 KiB, and a wrong path
#: (a disk image, a log) must not be read into memory.
MAX_FILE_BYTES = 16 * 1024 * 1024

_SHOWN_CHARS = 40  # of a bad string value, in messages

_DEL_OR_C1 = re.compile("[\x7f-\x9f]")


@dataclass(frozen=True)
class Loaded:
    """A season without a single problem: the only kind a viewer shows."""

    dataset: Dataset
    problems: tuple[()] = ()

    @property
    def ok(self) -> Literal[True]:
        return True


@dataclass(frozen=True)
class Failed:
    """Located problems. ``dataset`` is set when the text parsed and matched the
    schema but the semantic checks then found problems."""

    problems: tuple[Problem, ...]
    dataset: Dataset | None = None

    @property
    def ok(self) -> Literal[False]:
        return False


#: What loading gave. ``if result.ok:`` narrows it to :class:`Loaded`, whose
#: ``dataset`` is a ``Dataset`` (type checkers follow the ``Literal`` of ``ok``).
LoadResult = Loaded | Failed


def load_path(path: str | os.PathLike[str]) -> LoadResult:
    """Load a dataset file; refuse anything that is not a readable regular file.

    The file type is checked before opening so a FIFO or device never blocks,
    and at most ``MAX_FILE_BYTES + 1`` bytes are read.
    """
    name = os.fspath(path)
    try:
        info = os.stat(name)
    except (FileNotFoundError, NotADirectoryError):
        return _refused(name, "file not found")
    except PermissionError:
        return _refused(name, "cannot read the file: permission denied")
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        return _refused(name, f"cannot read the file: {_os_reason(error)}")
    if not stat.S_ISREG(info.st_mode):
        return _refused(name, f"is {file_kind(info.st_mode)}, not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        return _refused(name, _too_large(info.st_size))
    try:
        data = _read_regular(name, MAX_FILE_BYTES + 1)
    except PermissionError:
        return _refused(name, "cannot read the file: permission denied")
    except OSError as error:
        return _refused(name, f"cannot read the file: {_os_reason(error)}")
    if data is None:
        return _refused(name, "is no longer a regular file")
    if len(data) > MAX_FILE_BYTES:  # it grew after the stat
        return _refused(name, _too_large(None))
    return load_bytes(data, name)


def load_bytes(data: bytes, filename: str = "<bytes>") -> LoadResult:
    """Load a dataset from the bytes of a file: UTF-8, with or without a BOM."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _refused(filename, "file is UTF-32; save it as UTF-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _refused(filename, "file is UTF-16; save it as UTF-8")
    data = data.removeprefix(codecs.BOM_UTF8)
    if not data:
        return _refused(filename, "file is empty")
    nul = data.find(b"\0")
    if nul >= 0:
        message = "NUL byte: this is a binary file, or UTF-16 without a byte-order mark"
        return _refused(filename, message, *_byte_position(data, nul))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        message = f"invalid UTF-8 (byte 0x{data[error.start]:02X}); save the file as UTF-8"
        return _refused(filename, message, *_byte_position(data, error.start))
    return load_text(text, filename)


def load_text(text: str, filename: str = "<string>") -> LoadResult:
    """Parse, validate and check a dataset's TOML text."""
    text = text.removeprefix("\ufeff")
    if not text:
        return _refused(filename, "file is empty")
    try:
        prescan(text)  # shapes that would cost the parser gigabytes or minutes
    except ShapeError as error:
        return _refused(filename, error.message, *_text_position(text, error.offset))
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return _refused(filename, *_syntax_error(error, text))
    except RecursionError:
        return _refused(filename, "arrays or tables are nested too deeply")
    if not document:
        return _refused(filename, "file holds no data, only blank lines and comments")
    # Built lazily: a valid file never scans its text a second time.
    source_map = SourceMap.from_text(text)
    try:
        dataset = _validate(document)
    except ValidationError as error:
        suggester = Suggester()
        errors = error.errors(include_url=False)
        problems = [
            _schema_problem(e, source_map, filename, document, suggester) for e in errors[:MAX_PROBLEMS]
        ]
        problems += not_listed(filename, len(errors) - MAX_PROBLEMS)
        return Failed(_in_file_order(problems))
    controls_possible = _controls_possible(text)
    found = _in_file_order(check(dataset, source_map, filename, controls_possible=controls_possible))
    return Failed(found, dataset) if found else Loaded(dataset)


def _controls_possible(text: str) -> bool:
    """Could a string parsed from ``text`` hold a control character?

    Only through an escape, a raw tab, a DEL or C1 character (TOML refuses every
    other raw control character in strings), or a multi-line string (line breaks).
    A text with none of these (most seasons) skips the per-string check, a third of
    the checks' time at 10,000 results. Substring searches, not one regex with
    alternatives: that regex took 70 ms over a 3.5 MB file, holding the
    interpreter's lock, a stall of the dashboard during each reload; these take 6.
    """
    return (
        "\\" in text or "\t" in text or '"""' in text or "'''" in text
        # An ASCII text holds no C1 character: only DEL is left to look for.
        or ((not text.isascii() or "\x7f" in text) and _DEL_OR_C1.search(text) is not None)
    )


def _validate(document: dict[str, Any]) -> Dataset:
    """The document as a Dataset, validated a round at a time where it can be.

    pydantic validates in Rust without letting go of the interpreter's lock: a
    10,000-result season validated in one call held it 140 ms, and the dashboard's
    event loop, in another thread, froze that long during each reload (the
    reload's longest stall, ``benchmarks/run.py`` figure 5). Round by round, the
    lock can change hands between rounds (a few milliseconds each); the validated
    rounds then go into the Dataset as they are (pydantic does not validate a
    model instance again). Any error: the whole document is validated in one
    call, so a problem is found and located exactly as it always was.
    """
    # By alias only: the file spells a result's class ``class``, never ``car_class``.
    rounds = document.get("rounds")
    if isinstance(rounds, list) and len(rounds) > 1:
        try:
            validated = [Round.model_validate(round_, by_alias=True, by_name=False) for round_ in rounds]
            return Dataset.model_validate({**document, "rounds": validated}, by_alias=True, by_name=False)
        except ValidationError:
            pass  # located by the whole document's validation, below
    return Dataset.model_validate(document, by_alias=True, by_name=False)


def _refused(
    filename: str, message: str, line: int | None = None, col: int | None = None
) -> LoadResult:
    return Failed((Problem(filename, message, line, col),))


def _in_file_order(problems: list[Problem]) -> tuple[Problem, ...]:
    # A problem with neither a line nor a field ("… and N more") goes last.
    return tuple(sorted(problems, key=lambda p: (p.line is None and p.path is None, p.line or 0, p.col or 0)))


# --- reading files -------------------------------------------------------------------


def _read_regular(path: str, limit: int) -> bytes | None:
    """At most ``limit`` bytes of ``path``; ``None`` if it is not a regular file once open.

    Opened non-blocking and checked again with fstat: the path may have been
    replaced by a FIFO since the stat, and opening a FIFO would otherwise block.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return file.read(limit)


def file_kind(mode: int) -> str:
    """What a path that is not a regular file is, for messages: ``a FIFO (named pipe)``."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _too_large(size: int | None) -> str:
    limit = MAX_FILE_BYTES
    shown = f"{limit // (1024 * 1024)} MiB" if limit % (1024 * 1024) == 0 else f"{limit:,} bytes"
    of = f" ({size:,} bytes)" if size is not None else ""
    return f"file is too large{of}; the limit is {shown}"


def _os_reason(error: OSError | ValueError) -> str:
    return (getattr(error, "strerror", None) or str(error)).lower()


def _text_position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of character ``index``."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _byte_position(data: bytes, index: int) -> tuple[int, int]:
    """1-based line and character column of byte ``index``."""
    line_start = data.rfind(b"\n", 0, index) + 1
    column = len(data[line_start:index].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, index) + 1, column


# --- TOML syntax ---------------------------------------------------------------------

_POSITION = re.compile(r" \(at (?:line (\d+), column (\d+)|end of document)\)$")


def _syntax_error(error: tomllib.TOMLDecodeError, text: str) -> tuple[str, int, int]:
    """Message, line and column of a tomllib error on Python 3.11 to 3.14+.

    Before 3.14 the position is only in the message ("(at line 3, column 5)" or
    "(at end of document)"); 3.14 adds ``msg``, ``lineno`` and ``colno``.
    """
    message = getattr(error, "msg", None) or str(error)
    found = _POSITION.search(message)
    if found:
        message = message[: found.start()]
    line, col = getattr(error, "lineno", None), getattr(error, "colno", None)
    if line is None or col is None:
        if found and found[1]:
            line, col = int(found[1]), int(found[2])
        else:
            line = text.count("\n") + 1
            col = len(text) - (text.rfind("\n") + 1) + 1
    if unclosed := _unclosed_string(message, text):
        message, line, col = unclosed
    else:
        message = _clearer(message, text, line, col) or message
    return message[:1].lower() + message[1:], line, col


# An unclosed multi-line or 'literal' string runs to the end of the file, where
# tomllib reports it. No closing quotes follow its opening ones, so the last
# opening quotes in the file are where it starts: point there.
_UNCLOSED = {"Unterminated string": '"""', "Expected \"'''\"": "'''", "Expected \"'\"": "'"}


def _unclosed_string(message: str, text: str) -> tuple[str, int, int] | None:
    quotes = _UNCLOSED.get(message)
    if quotes is None:
        return None
    start = text.rfind(quotes)
    if quotes == '"""' and text.rfind("'''") > start:  # tomllib says the same for both
        quotes, start = "'''", text.rfind("'''")
    if start < 0:
        return None
    return f"unclosed string: the {quotes} that opens it is never closed", *_text_position(text, start)


# tomllib's words for some mistakes name its own state ("Illegal character '\n'",
# "Cannot overwrite a value"); these say what is wrong in the file's terms.
_DECLARED_TWICE = re.compile(r"Cannot declare (\(.*\)) twice")
_NAMESPACE = re.compile(r"Cannot (?:mutate immutable|redefine) namespace (\(.*\))")
_ILLEGAL = re.compile(r"(?:Illegal|Found invalid) character ('.*'|\".*\")")
_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:[Tt ]\d{1,2}:[0-9:.]*)?(?:[Zz]|[+-]\d{2}:\d{2})?")
_BARE_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_HEADER_NAME = re.compile(r"\[\[?\s*([^\]]*?)\s*\]")


def _clearer(message: str, text: str, line: int, col: int) -> str | None:
    """A clearer wording of a tomllib message, or ``None`` to keep its own."""
    line_start = 0
    for _ in range(line - 1):
        line_start = text.find("\n", line_start) + 1
    line_end = text.find("\n", line_start)
    source_line = text[line_start : line_end if line_end >= 0 else len(text)].rstrip("\r")
    before, after = source_line[: col - 1], source_line[col - 1 :]
    statement = source_line.lstrip()
    if found := _ILLEGAL.fullmatch(message):
        char = ast.literal_eval(found[1])
        if char == "\n":
            return "unclosed string: a quoted string must end on the line it starts"
        if len(char) == 1:
            code = f"{ord(char):04X}"
            return f"control character U+{code}: write it as \\u{code} in a string, or remove it"
        return None
    if found := _DECLARED_TWICE.fullmatch(message):
        return f"table [{_dotted(found[1])}] is declared twice"
    if found := _NAMESPACE.fullmatch(message):
        name = _dotted(found[1])
        return f"cannot add to '{name}': it is already written as a value (an inline table or array)"
    if message == "Cannot overwrite a value":
        if statement.startswith("["):
            return _header_conflict(statement, text[:line_start])
        key = statement.partition("=")[0].strip()
        if not key or not key.isprintable():
            return None
        if "." in key:
            return f"dotted key {key} conflicts with a value already defined in this table"
        return f"duplicate key {key}: it is already defined in this table"
    if message == "Unescaped '\\' in a string":
        return "unescaped '\\' in a string: write \\\\ for a backslash, or use 'single quotes'"
    if message == "Invalid hex value":
        return "invalid \\u escape: write \\u and 4 hex digits, or \\U and 8"
    if message == "Invalid initial character for a key part":
        if after.lstrip().startswith("}") and before.rstrip().endswith(","):
            return "trailing comma: an inline table { ... } must not end with ','"
        return None
    at = line_start + col - 1
    if text[at : at + 1] == "\r" and text[at + 1 : at + 2] != "\n":
        return "carriage return without a line feed: save the file with LF or CRLF line endings"
    if message in ("Invalid date or datetime", "Expected newline or end of document after a statement"):
        value = before.rpartition("=")[2].strip() + after
        if date := _DATE_LIKE.match(value) or re.match(r"\d{4}-\S*", value):
            shown = date[0].rstrip(",]}")
            if shown.isprintable():
                return f"invalid date {shown}: dates are written YYYY-MM-DD"
        if re.match(r"[+-]?0[\d_]+(?![\d_:.eE])", value):
            return "invalid number: numbers must not start with 0"
        return None
    if message == "Invalid value":
        rest = after.strip()
        if not rest or rest.startswith("#"):
            return "missing value after '='" if before.rstrip().endswith("=") else None
        word = _BARE_WORD.match(rest)
        if word and word[0].lower() in ("true", "false"):
            return f"invalid value {word[0]}: true and false are written in lower case"
        if word and word[0] not in ("inf", "nan"):
            return f"invalid value {word[0]}: text must be in quotes (\"{word[0]}\")"
    return None


def _dotted(key_tuple: str) -> str:
    """``"('rounds', 'coverage')"`` (tomllib's repr of a key) -> ``rounds.coverage``."""
    try:
        parts = ast.literal_eval(key_tuple)
    except (ValueError, SyntaxError):
        return key_tuple
    return render_path(tuple(str(part) for part in parts))


def _header_conflict(statement: str, text_before: str) -> str | None:
    """``[[rounds]]`` where ``rounds`` is already a table or a value."""
    found = _HEADER_NAME.match(statement)
    if found is None or not found[1].isprintable():
        return None
    name = found[1]
    header = statement[: found.end()]
    if header.startswith("[[") and not header.endswith("]]"):
        header += "]"
    if not header.isprintable():
        return None
    message = f"{header} conflicts with a table or value of that name defined above"
    # The common cause: ``[[rounds.results]]`` before the first ``[[rounds]]``,
    # which makes ``rounds`` a plain table.
    earlier = re.search(rf"^[ \t]*(\[\[?[ \t]*{re.escape(name)}\.[^\]\n]*\]\]?)", text_before, re.M)
    if earlier:
        line = text_before.count("\n", 0, earlier.start()) + 1
        return f"{message}: {earlier[1]} on line {line} made it a table; write {header} first"
    return message


# --- schema errors -------------------------------------------------------------------

_EXPECTED = {
    "int_type": "an integer",
    "int_parsing": "an integer",
    "int_from_float": "an integer",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "string_type": "a string",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "an array",
    "tuple_type": "an array",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date without a time of day",
}
_BOUNDS = {
    "greater_than": ("greater than", "gt"),
    "greater_than_equal": ("at least", "ge"),
    "less_than": ("less than", "lt"),
    "less_than_equal": ("at most", "le"),
}
_PATTERN_HINTS = {
    "gap": 'a gap like "+2 laps" or "+12.345 s"',
    "class_gap": 'a gap like "+2 laps" or "+12.345 s"',
    "winner_time": 'a race time like "2:45:01.234"',
    "time": 'a lap time like "1:12.345"',
    "timezone": 'an IANA time zone like "America/New_York"',
}
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _schema_problem(
    error: ErrorDetails,
    locator: Locator,
    filename: str,
    document: dict[str, Any],
    suggester: Suggester,
) -> Problem:
    # "[key]" marks an error in a dict key itself; the key is already in the path.
    loc: Loc = tuple(part for part in error["loc"] if part != "[key]")
    line, col = locator.locate(loc) or (None, None)
    message = _schema_message(error, loc, suggester)
    return Problem(filename, message, line, col, render_path(loc) or None, location_name(document, loc))


def _schema_message(error: ErrorDetails, loc: Loc, suggester: Suggester) -> str:
    """A short message for one pydantic error, naming the bad value."""
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    field = loc[-1] if loc else ""
    got = f", got {_describe(value)}"
    if kind == "missing":
        if isinstance(field, int):  # an element of a tuple too short: ``power_hp = [500]``
            return "missing value"
        return f"missing required field {_key(field)}"
    if kind == "extra_forbidden":
        return _unknown_key(loc, suggester)
    if kind == "value_error":
        return str(ctx["error"])
    if kind == "list_type" and isinstance(value, dict) and _model_at((*loc, 0)) is not None:
        # ``[rounds]`` for ``[[rounds]]``, or ``[[rounds.results]]`` with no ``[[rounds]]``.
        header = render_path(tuple(part for part in loc if isinstance(part, str)))
        return f"expected [[{header}]] tables (an array), got a single table"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}{got}"
    if kind in ("literal_error", "enum"):
        return f"expected {ctx['expected']}{got}"
    if kind in _BOUNDS:
        words, bound = _BOUNDS[kind]
        return f"must be {words} {ctx[bound]}{got}"
    if kind == "string_too_short":
        least = ctx["min_length"]
        return "must not be empty" if least == 1 else f"must be at least {least} characters long"
    if kind == "string_too_long":
        return f"must be at most {ctx['max_length']} characters long (it has {len(value)})"
    if kind == "too_short":
        return f"needs at least {_entries(ctx['min_length'])} (it has {ctx['actual_length']})"
    if kind == "too_long":
        return f"allows at most {_entries(ctx['max_length'])} (it has {ctx['actual_length']})"
    if kind == "string_pattern_mismatch":
        field_name = next((p for p in reversed(loc) if isinstance(p, str)), "")
        if field_name in _PATTERN_HINTS:
            return f"expected {_PATTERN_HINTS[field_name]}{got}"
        if ctx["pattern"] == ID_PATTERN:
            return f"expected an id (letters, digits, '_', '.', '-'){got}"
        return f"does not match the pattern {ctx['pattern']}{got}"
    message = error["msg"]
    return f"{message[:1].lower()}{message[1:]}{got}"


def _entries(count: int) -> str:
    return f"{count} entry" if count == 1 else f"{count} entries"


def _unknown_key(loc: Loc, suggester: Suggester) -> str:
    key = loc[-1]
    message = f"unknown key {_key(key)}"
    model = _model_at(loc[:-1]) if suggester.active else None
    if model is not None and isinstance(key, str):
        names = [field.alias or name for name, field in model.model_fields.items()]
        if close := suggester.closest(key, names):
            message += f" (did you mean {_key(close)}?)"
    return message


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The model class that validates the table at ``loc``, found through annotations."""
    annotation: Any = Dataset
    for part in loc:
        annotation = _unwrap(annotation)
        if _is_model(annotation):
            fields = {field.alias or name: field for name, field in annotation.model_fields.items()}
            if part not in fields:
                return None
            annotation = fields[part].annotation
        elif get_origin(annotation) in (list, tuple) and isinstance(part, int):
            annotation = get_args(annotation)[0]
        elif get_origin(annotation) is dict:
            annotation = get_args(annotation)[1]
        else:
            return None
    annotation = _unwrap(annotation)
    return annotation if _is_model(annotation) else None


def _unwrap(annotation: Any) -> Any:
    """``Annotated[X, ...]`` and ``X | None`` -> ``X``."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            options = [arg for arg in get_args(annotation) if arg is not type(None)]
            if len(options) != 1:
                return annotation
            annotation = options[0]
        else:
            return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _key(key: str | int) -> str:
    """A key as messages show it: ``'laps'``, or quoted and escaped if it is unusual."""
    text = str(key)
    return f"'{text}'" if _BARE_KEY.fullmatch(text) else toml_quote(text)


def _describe(value: Any) -> str:
    """A bad value, short and safe to print: control characters are escaped."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = toml_quote(value[:_SHOWN_CHARS])
        return f"a string {shown}{'…' if len(value) > _SHOWN_CHARS else ''}"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.datetime):
        return f"a date-time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"a date {value.isoformat()}"
    if isinstance(value, dt.time):
        return f"a time {value.isoformat()}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
