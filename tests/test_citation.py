"""Sources as a reader cites them: never by id, absent parts absent."""

from __future__ import annotations

from pathlib import Path

from tui.core.citation import SourceList, citation, short_citation
from tui.core.loader import load_path
from tui.core.models import Source

BUNDLED = Path(__file__).resolve().parents[1] / "data" / "alms-2004.toml"


def test_a_full_citation_reads_title_publisher_date_then_the_address() -> None:
    source = Source(
        id="ZR1_384", title="Laguna Seca result and champions", publisher="ALMS",
        date="18 October 2004", url="http://zr1.net/t-384.html", locator="Reposted on a forum",
    )
    assert citation(source) == (
        "Laguna Seca result and champions. ALMS, 18 October 2004. Reposted on a forum. "
        "http://zr1.net/t-384.html"
    )
    assert short_citation(source) == "ALMS, 18 October 2004"


def test_absent_parts_stay_absent() -> None:
    source = Source(id="x", title="A race report.")
    assert citation(source) == "A race report."
    assert short_citation(source) == "A race report."


def test_references_are_numbered_in_order_of_first_use_and_ids_in_prose_become_numbers() -> None:
    dataset = load_path(BUNDLED).dataset
    cited = SourceList(dataset)
    assert cited.refs(["GH1", "seed", "GH1"]) == "[1, 2]"
    assert cited.cite_inline("GH1 and WP_SEB_DE disagree; GH1x is not an id") == (
        "[1] and [3] disagree; GH1x is not an id"
    )
    assert [n for n, _ in cited.entries()] == [1, 2, 3]


def test_no_bundled_source_shows_an_internal_look_up() -> None:
    dataset = load_path(BUNDLED).dataset
    for source in dataset.sources:
        text = citation(source)
        assert source.id not in text, source.id
        for internal in ("read_file", "index id", "seed", "public-code index"):
            assert internal not in text, (source.id, internal)
        assert source.url or source.locator, source.id
