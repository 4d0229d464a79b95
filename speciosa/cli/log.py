"""`speciosa log ...`: writes to a patient's diary from the command line, through the same domain verbs as the
pages and the API."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from speciosa.cli.boot import django_ready, input_errors
from speciosa.cli.lookup import find_patient, find_product
from speciosa.cli.parsing import parse_grades, parse_moment, parse_number, parse_whole

app = typer.Typer(help="Record a dose or a check-in in a patient's diary.", no_args_is_help=True)

UserOption = Annotated[str, typer.Option("--user", metavar="NAME", help="The patient's user name.")]
AtOption = Annotated[str | None, typer.Option(
    "--at", metavar="ISO", help="When, as 2026-11-20T08:30 (the patient's time zone) or with an offset. "
                                "Default: now.")]
NoteOption = Annotated[str, typer.Option("--note", metavar="T", help="A free-text note.")]

DOSE_OPTIONS = {"user": "--user", "product": "--product", "amount": "--amount", "unit": "--unit",
                "taken_at": "--at", "reason": "--reason", "note": "--note"}
CHECKIN_OPTIONS = {"user": "--user", "pain_now": "--pain-now", "pain_avg_24h": "--pain-avg", "mood": "--mood",
                   "energy": "--energy", "sleep_quality": "--sleep", "function": "--function",
                   "side_effects": "--side-effect", "withdrawal": "--withdrawal", "note": "--note", "at": "--at"}


def _rating(option: str, what: str) -> object:
    return typer.Option(option, metavar="N", help=f"{what}, 0-10.")


@app.command("dose")
def dose(
    user: UserOption,
    product: Annotated[str, typer.Option("--product", metavar="NAME_OR_ID", help="One of the patient's products.")],
    amount: Annotated[str, typer.Option("--amount", metavar="X", help="How much, in --unit.")],
    unit: Annotated[str, typer.Option("--unit", metavar="U", help="g, mg, capsule, tablet or ml.")],
    at: AtOption = None,
    reason: Annotated[str, typer.Option("--reason", metavar="R",
                                        help="pain, energy, mood, withdrawal, sleep or other.")] = "",
    note: NoteOption = "",
) -> None:
    """Log a dose; prints it normalised to leaf-equivalent grams and alkaloid mg."""
    django_ready()
    from speciosa.accounts.queries import zone_of
    from speciosa.diary.domain import record_dose

    with input_errors(DOSE_OPTIONS):
        patient = find_patient(user)
        chosen = find_product(patient, product)
        taken_at = parse_moment(at, "taken_at", zone_of(patient)) if at is not None else None
        logged = record_dose(patient, product=chosen, amount=parse_number(amount, "amount"), unit=unit.strip(),
                             taken_at=taken_at, reason=reason.strip(), note=note, by=patient)
    local = logged.taken_at.astimezone(zone_of(patient))
    leaf = ("no leaf equivalent (a 7-OH product)" if logged.leaf_equivalent_g is None
            else f"{logged.leaf_equivalent_g:g} g leaf-equivalent")
    typer.echo(f"Logged {logged.amount:g} {logged.unit} of {chosen.name} for {patient.username} at "
               f"{local:%Y-%m-%d %H:%M} ({local.tzname()}): {leaf}, {logged.mitragynine_mg:g} mg mitragynine "
               f"({logged.mitragynine_basis}), {logged.hydroxymitragynine_mg:g} mg 7-OH "
               f"({logged.hydroxymitragynine_basis}).")


@app.command("checkin")
def checkin(
    user: UserOption,
    pain_now: Annotated[str | None, _rating("--pain-now", "Pain now")] = None,
    pain_avg: Annotated[str | None, _rating("--pain-avg", "Average pain over the last 24 hours")] = None,
    mood: Annotated[str | None, _rating("--mood", "Mood")] = None,
    energy: Annotated[str | None, _rating("--energy", "Energy")] = None,
    sleep: Annotated[str | None, _rating("--sleep", "Sleep quality")] = None,
    function: Annotated[str | None, _rating("--function", "How well daily activities went")] = None,
    side_effect: Annotated[list[str] | None, typer.Option(
        "--side-effect", metavar="NAME=GRADE", help="A side effect graded 0-3, such as nausea=1.")
    ] = None,
    withdrawal: Annotated[list[str] | None, typer.Option(
        "--withdrawal", metavar="NAME=GRADE", help="A withdrawal symptom graded 0-3, such as craving=2.")
    ] = None,
    note: NoteOption = "",
    at: AtOption = None,
) -> None:
    """Record how the patient is: ratings, side effects and withdrawal symptoms."""
    django_ready()
    from speciosa.accounts.queries import zone_of
    from speciosa.diary.domain import record_checkin

    with input_errors(CHECKIN_OPTIONS):
        patient = find_patient(user)
        ratings: dict[str, Any] = {field: parse_whole(text, field) for field, text in (
            ("pain_now", pain_now), ("pain_avg_24h", pain_avg), ("mood", mood), ("energy", energy),
            ("sleep_quality", sleep), ("function", function))}
        when = parse_moment(at, "at", zone_of(patient)) if at is not None else None
        recorded = record_checkin(patient, by=patient, at=when, note=note, **ratings,
                                  side_effects=parse_grades(side_effect or [], "side_effects"),
                                  withdrawal=parse_grades(withdrawal or [], "withdrawal"))
    local = recorded.at.astimezone(zone_of(patient))
    given = [f"{name.replace('_', ' ')} {value}" for name in ratings if (value := getattr(recorded, name)) is not None]
    given += [f"{name.replace('_', ' ')} {grade}/3" for name, grade in {**recorded.side_effects,
                                                                        **recorded.withdrawal}.items()]
    typer.echo(f"Recorded a check-in for {patient.username} at {local:%Y-%m-%d %H:%M} ({local.tzname()})"
               + (f": {', '.join(given)}." if given else "."))
