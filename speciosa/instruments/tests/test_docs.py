"""docs/instruments.md describes every instrument the core scores."""

from pathlib import Path

from speciosa.core.instruments import all_instruments

DOCS = Path(__file__).resolve().parents[3] / "docs" / "instruments.md"


def test_every_instrument_has_a_row_in_the_documentation():
    text = DOCS.read_text(encoding="utf-8")
    assert [i.id for i in all_instruments() if f"| `{i.id}` |" not in text] == []
