"""docs/instruments.md, rendered from the instrument definitions: a row and a section for each, with what a reader
needs to use it (items, answers, score, bands, sources, licence). Its freshness: tests/cli/test_cli_docs.py."""

from speciosa.core.instruments import all_instruments
from speciosa.core.instruments.docs import render


def test_every_instrument_has_a_row_and_a_section_with_its_licence_and_sources():
    page = render()
    missing = [i.id for i in all_instruments()
               if f"| `{i.id}` |" not in page or f"## `{i.id}`: {i.title}" not in page or i.licence not in page
               or any(f"]({source.url})" not in page for source in i.sources)]
    assert missing == []


def test_the_summary_rows_give_items_score_and_bands():
    rows = [line for line in render().splitlines() if line.startswith("| `")]
    assert [row.split(" | ", 3)[3] for row in rows] == [
        "1 item, 0-10 | the rating (0-10) | 0 none, 1-5 mild, 6-7 moderate, 8-10 severe |",
        "3 items, 0-10 | the mean of the items (0-10) | none published |",
        "4 items, 0-3 | the total (0-12) | 0-2 normal, 3-5 mild, 6-8 moderate, 9-12 severe |",
        "16 items, 0-4 | the total (0-64) | none published |",
        "11 items, no 0 / yes 1 | the number of items answered yes (0-11) | 0-1 none, 2-3 mild, 4-5 moderate, "
        "6-11 severe |",
    ]


def test_a_section_lists_the_items_their_answers_and_the_subscales():
    section = render().split("## `phq4`")[1].split("\n## ")[0]
    assert [line for line in section.splitlines() if line[:2] in ("1.", "4.", "Ea", "- ")][:6] == [
        "Each item is answered 0 Not at all, 1 Several days, 2 More than half the days, 3 Nearly every day.",
        "1. Feeling nervous, anxious or on edge",
        "4. Feeling down, depressed or hopeless",
        "- **Score:** the total (0-12).",
        "- **Subscale Anxiety (GAD-2):** the sum of items 1-2, a positive screen at 3 or more.",
        "- **Subscale Depression (PHQ-2):** the sum of items 3-4, a positive screen at 3 or more.",
    ]


def test_items_with_their_own_scale_ends_carry_them_on_each_line():
    section = render().split("## `peg`")[1].split("\n## ")[0]
    assert ("2. What number best describes how, during the past week, pain has interfered with your enjoyment of "
            "life? Answered 0-10, from 0 Does not interfere to 10 Completely interferes.") in section.splitlines()
