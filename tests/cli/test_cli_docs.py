from speciosa.cli.docs import DOCS_PATH, REGENERATE, render


def test_docs_cli_md_is_generated_from_the_current_commands():
    assert DOCS_PATH.read_text(encoding="utf-8") == render(), f"docs/cli.md is stale; regenerate it with: {REGENERATE}"


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
