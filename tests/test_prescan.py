"""The shape bounds read structure, not text: dots, brackets, '=' and '#' inside strings
and comments never count, and valid TOML within the bounds always passes."""

from __future__ import annotations

import tomllib

import pytest

from tui.core.prescan import MAX_KEY_PARTS, MAX_NESTING, ShapeError, prescan


@pytest.mark.parametrize(
    "text",
    [
        'name = "' + "a." * 100 + '"\n',  # dots in a string
        "# " + "[" * 100 + "\n",  # brackets in a comment
        '"' + ".".join(["a"] * 100) + '" = 1\n',  # one quoted key part, however many dots
        "x = '''" + "{[" * 100 + "'''\n",
        'x = """' + "]]{{\n" * 100 + '"""\n',
        # A multi-line string may end in two more quotes: they close nothing else.
        "".join(f'x{i} = [ """a"""", [1] ]\n' for i in range(50)),
        "".join(f"x{i} = [ '''a''''', [1] ]\n" for i in range(50)),
        "".join(f"x{i} = 1.5\ny{i} = 2004-05-23T10:00:00.123\n" for i in range(100)),  # numbers, dates
        "[" + ".".join(["a"] * MAX_KEY_PARTS) + "]\n",
        "x = " + "[" * MAX_NESTING + "]" * MAX_NESTING + "\n",
    ],
    ids=["string-dots", "comment-brackets", "quoted-key", "literal-ml", "basic-ml",
         "ml-basic-trailing-quotes", "ml-literal-trailing-quotes", "numbers", "parts-at-limit",
         "nesting-at-limit"],
)
def test_valid_toml_within_the_bounds_passes(text: str) -> None:
    tomllib.loads(text)  # the case is valid TOML
    prescan(text)


@pytest.mark.parametrize(
    ("text", "message", "offset"),
    [
        ("x = " + "[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1), "nested more than", 4 + MAX_NESTING),
        ("a." * MAX_KEY_PARTS + "a = 1\n", "more than 32 dotted parts", 0),
        ("[x]\n" + "a . " * MAX_KEY_PARTS + "a = 1\n", "more than 32 dotted parts", 4),
        ('x = "\\\n' + "[" * 40, "nested more than", 7 + MAX_NESTING),  # an unclosed string ends at its line
    ],
    ids=["nesting", "dotted-key", "spaced-dotted-key", "after-unclosed-string"],
)
def test_beyond_the_bounds_is_refused_where_it_crosses_them(text: str, message: str, offset: int) -> None:
    with pytest.raises(ShapeError) as refused:
        prescan(text)
    assert message in refused.value.message
    assert refused.value.offset == offset
