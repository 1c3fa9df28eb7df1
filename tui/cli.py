"""Command line: ``alms-tui`` runs the dashboard; sub-commands work on the data.

Only the dashboard imports Textual, and only when it starts: ``validate``,
``export`` and ``schema`` stay fast and usable where no terminal UI is wanted.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import stat
import sys
from pathlib import Path

from tui import __version__
from tui.serve.options import add_serve_parser
from tui.serve.orphan import watch_server


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alms-tui",
        description="A terminal dashboard for the 2004 American Le Mans Series.",
    )
    parser.add_argument("--version", action="version", version=f"alms-tui {__version__}")
    parser.add_argument(
        "--data", metavar="FILE", type=Path, help="dataset to open (default: the bundled 2004 season)"
    )
    following = parser.add_mutually_exclusive_group()
    following.add_argument(
        "--poll", action="store_true",
        help="follow the file by polling (for network or container file systems)",
    )
    following.add_argument(
        "--no-watch", action="store_true", help="do not follow the file for changes"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser("validate", help="check a dataset and list its problems")
    validate.add_argument("file", nargs="?", type=Path, help="dataset (default: the bundled one)")

    export = commands.add_parser("export", help="write classifications and standings")
    export.add_argument("--format", choices=("json", "csv", "md"), default="json")
    export.add_argument("--round", type=int, metavar="N", dest="round_number")
    export.add_argument("--class", metavar="C", dest="car_class")
    export.add_argument(
        "--as-of", type=int, metavar="N", dest="as_of",
        help="the season as it stood after round N: later results hidden",
    )
    export.add_argument(
        "--output", "-o", type=Path, metavar="FILE",
        help="written atomically; '-' or none: standard output",
    )
    export.add_argument("file", nargs="?", type=Path, help="dataset (default: the bundled one)")

    commands.add_parser("schema", help="print the dataset's JSON Schema (for TOML editors)")
    add_serve_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        return _run_dashboard(args)
    _tolerant_output()
    if sys.stdout is None and _writes_stdout(args):  # started with stdout closed (``>&-``)
        print(f"alms-tui {args.command}: standard output is closed", file=sys.stderr)
        return 1
    try:
        code = _command(args)
        if sys.stdout is not None:
            sys.stdout.flush()  # a write error shows here, not as a traceback at exit
        return code
    except BrokenPipeError:
        # The reader went away (``alms-tui export | head``): stop quietly.
        _discard_stdout()
        return 1
    except OSError as error:  # ``> /dev/full``, an I/O error on the terminal or file
        _discard_stdout()
        reason = _shown((error.strerror or str(error)).lower())
        print(f"alms-tui {args.command}: cannot write the output: {reason}", file=sys.stderr)
        return 1


def _writes_stdout(args: argparse.Namespace) -> bool:
    return args.command != "export" or args.output is None or str(args.output) == "-"


def _discard_stdout() -> None:
    """Point stdout at /dev/null: Python flushes it again at exit, and must not fail there."""
    if sys.stdout is not None:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _command(args: argparse.Namespace) -> int:
    if args.command == "validate":
        return _validate(args.file or args.data)
    if args.command == "export":
        return _export(args)
    if args.command == "serve":
        from tui.serve.run import serve

        return serve(args)
    if args.command == "schema":
        from tui.core.schema import json_schema

        print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
        return 0
    raise AssertionError(f"unhandled command {args.command!r}")  # argparse allows no other


def _tolerant_output() -> None:
    """Never fail on a character the terminal's encoding lacks (``LANG=C``, a Latin-1
    locale): write ``\\xf6`` for it rather than stop with ``UnicodeEncodeError``."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")


def _shown(text: str) -> str:
    """Text from a file, a path or the OS, safe to print (see :mod:`tui.core.safe_text`)."""
    from tui.core.safe_text import printable

    return printable(text)


def _dataset_path(path: Path | None) -> Path:
    from tui.core.paths import bundled_dataset

    return path if path is not None else bundled_dataset()


def _validate(path: Path | None) -> int:
    from tui.core.loader import load_path

    path = _dataset_path(path)
    loaded = load_path(path)
    if not loaded.ok:
        for problem in loaded.problems:
            print(_shown(str(problem)), file=sys.stderr)
        count = len(loaded.problems)
        print(f"{_shown(path.name)}: {count} problem{'s' if count != 1 else ''}", file=sys.stderr)
        return 1
    dataset = loaded.dataset
    results = sum(len(r.results) for r in dataset.rounds)
    print(
        f"{_shown(path.name)}: OK - {dataset.season.year} {_shown(dataset.season.series)}: "
        f"{len(dataset.rounds)} rounds, {results} results, {len(dataset.drivers)} drivers, "
        f"{len(dataset.teams)} teams"
    )
    return 0


def _export(args: argparse.Namespace) -> int:
    from tui.core.export import export
    from tui.core.loader import load_path

    path = _dataset_path(args.file or args.data)
    loaded = load_path(path)
    if not loaded.ok:
        for problem in loaded.problems:
            print(_shown(str(problem)), file=sys.stderr)
        return 1
    dataset = loaded.dataset
    if args.round_number is not None and dataset.round(args.round_number) is None:
        known = ", ".join(str(r.number) for r in dataset.rounds)
        print(f"alms-tui export: no round {args.round_number} (rounds: {known})", file=sys.stderr)
        return 2
    if args.car_class is not None and dataset.car_class(args.car_class) is None:
        known = ", ".join(c.id for c in dataset.classes)
        print(f"alms-tui export: no class '{_shown(args.car_class)}' (classes: {known})",
              file=sys.stderr)
        return 2
    as_of = getattr(args, "as_of", None)
    if as_of is not None:
        from tui.core.as_of import AsOfError, check_round, hidden_label

        try:
            check_round(dataset, as_of)
        except AsOfError as error:
            print(f"alms-tui export: --as-of: {error}", file=sys.stderr)
            return 2
        if args.round_number is not None and args.round_number > as_of:
            hidden = hidden_label(as_of)
            print(f"alms-tui export: round {args.round_number} is {hidden}", file=sys.stderr)
            return 2
    text = export(
        dataset, args.format, round_number=args.round_number, car_class=args.car_class, as_of=as_of
    )
    if args.output is None or str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    if refusal := _refused_output(args.output, path):
        print(f"alms-tui export: {refusal}", file=sys.stderr)
        return 2
    from tui.core.atomic import atomic_write_text

    try:
        # A full disk or a crash leaves the old file, never a truncated one.
        atomic_write_text(args.output, text)
    except OSError as error:
        reason = _shown(error.strerror or str(error))
        print(f"alms-tui export: cannot write {_shown(str(args.output))}: {reason}", file=sys.stderr)
        return 1
    return 0


def _refused_output(output: Path, dataset: Path) -> str | None:
    """Why ``output`` must not be written: the dataset itself, or not a regular file.

    A FIFO would block the export until a reader came, and the atomic rename
    would replace it (or a device) with a plain file.
    """
    from tui.core.loader import file_kind

    try:
        info = os.stat(output)
    except OSError:
        return None  # missing (the usual case), or the write says what is wrong
    shown = _shown(str(output))
    if not stat.S_ISREG(info.st_mode):
        return (f"{shown} is {file_kind(info.st_mode)}, not a regular file; "
                "write to standard output (-o -) and redirect it")
    try:
        same = os.path.samestat(info, os.stat(dataset))
    except OSError:
        same = False
    if same:
        return f"{shown} is the dataset being exported; choose another output file"
    return None


def _run_dashboard(args: argparse.Namespace) -> int:
    from tui.gc_policy import pause_collection

    pause_collection()  # the app turns collection back on once its first screen is up
    from tui.ui.app import Follow, SeasonApp

    follow: Follow = "off" if args.no_watch else "poll" if args.poll else "auto"
    app = SeasonApp(data_path=_dataset_path(args.data), follow=follow, freeze_heap=True)
    server_watch = watch_server()  # None unless started by `alms-tui serve`
    try:
        app.run()
    finally:
        # Even if ending raised (an orphan's pipes to the server are broken).
        if server_watch is not None:
            server_watch.clean_up()
    if app.settings_save_warning:  # after the UI is gone, so it stays on the terminal
        print(f"alms-tui: {_shown(app.settings_save_warning)}", file=sys.stderr)
    if app._exception is not None:  # a crash must never look like a clean quit
        return app.return_code or 1
    return app.return_code or 0
