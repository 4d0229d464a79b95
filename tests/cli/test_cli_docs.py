"""`speciosa docs` and the generated documents: each committed file is what the code renders today."""

import shutil

import pytest
from typer.testing import CliRunner

from speciosa.cli import app, generated
from speciosa.cli.reference import render

README_MARKERS = "<!-- settings:start -->\n", "<!-- settings:end -->\n"


@pytest.mark.parametrize("document", generated.DOCUMENTS, ids=lambda document: document.path)
def test_the_committed_document_is_what_the_code_renders(document):
    current = (generated.ROOT / document.path).read_text(encoding="utf-8")
    assert current == document.expected(current), (
        f"{document.path} is stale; regenerate it with: {generated.REGENERATE}")


def test_docs_check_passes_on_the_committed_files():
    result = CliRunner().invoke(app, ["docs", "--check"], catch_exceptions=False)
    assert (result.exit_code, result.stdout) == (0, f"{len(generated.DOCUMENTS)} generated documents are up to date.\n")


def test_stale_documents_are_found_and_rewritten_leaving_the_readme_prose_alone(tmp_path):
    for document in generated.DOCUMENTS:
        (tmp_path / document.path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(generated.ROOT / document.path, tmp_path / document.path)
    (tmp_path / "docs" / "instruments.md").write_text("# Written by hand\n", encoding="utf-8")
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    head, rest = readme.split(README_MARKERS[0])
    tail = rest.split(README_MARKERS[1])[1]
    (tmp_path / "README.md").write_text(f"{head}{README_MARKERS[0]}| old table |\n{README_MARKERS[1]}{tail}",
                                        encoding="utf-8")

    assert [document.path for document in generated.stale(tmp_path)] == ["docs/instruments.md", "README.md"]
    assert [document.path for document in generated.write_stale(tmp_path)] == ["docs/instruments.md", "README.md"]
    assert generated.stale(tmp_path) == []
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == readme


def test_a_readme_without_its_markers_is_reported_not_overwritten(tmp_path):
    readme = next(document for document in generated.DOCUMENTS if document.path == "README.md")
    with pytest.raises(LookupError) as raised:
        readme.expected("# Speciosa\n\nNo table here.\n")
    assert str(raised.value) == ("README.md has lost its markers: put <!-- settings:start --> and "
                                 "<!-- settings:end --> on lines of their own around the generated block")


def test_the_reference_gives_each_option_with_its_meaning_and_default():
    section = render().split("## `speciosa log dose`")[1].split("## ")[0]
    assert [line for line in section.splitlines() if line.startswith("| `")] == [
        "| `--user` `NAME` | The patient's user name. | required |",
        "| `--product` `NAME_OR_ID` | One of the patient's products. | required |",
        "| `--amount` `X` | How much, in --unit. | required |",
        "| `--unit` `U` | g, mg, capsule, tablet or ml. | required |",
        "| `--at` `ISO` | When, as 2026-11-20T08:30 (the patient's time zone) or with an offset. Default: now. |  |",
        "| `--reason` `R` | pain, energy, mood, withdrawal, sleep or other. |  |",
        "| `--note` `T` | A free-text note. |  |",
    ]
