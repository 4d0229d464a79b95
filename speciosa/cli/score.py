"""`speciosa score INSTRUMENT ANSWER...`: score a questionnaire, no database needed.

Exit status 3 for bad input, with a message naming the item (`error: answers[3]: ...`).
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from speciosa.cli.boot import fail


def score(
    instrument: Annotated[str, typer.Argument(metavar="INSTRUMENT",
                                              help="nrs, peg, phq4, sows or dsm5-kud.")],
    answers: Annotated[list[str], typer.Argument(metavar="ANSWER...",
                                                 help="One whole number per item, in order (yes = 1, no = 0).")],
) -> None:
    """Score a questionnaire and print {"instrument", "score", "band", "subscores"} as JSON."""
    from speciosa.core import instruments
    from speciosa.core.errors import InputError

    values: list[int] = []
    for index, text in enumerate(answers):
        try:
            values.append(int(text))
        except ValueError:
            fail(f"answers[{index}]", f"expected a whole number, got {text!r}")
    try:
        result = instruments.score(instrument, values)
    except InputError as error:
        fail(error.field, error.message)
    typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
