"""Renders ``docs/instruments.md`` from the instrument definitions, so the page cannot drift from what is scored.

Each instrument's row and section (items, answers, scoring, bands, sources, licence, LOINC codes) come from its
module; the prose around them, about every instrument at once, is written here. Regenerate every generated document
with ``./dev speciosa docs``; a test fails when the file is stale.
"""

from __future__ import annotations

from speciosa.core.instruments import all_instruments
from speciosa.core.instruments.model import Band, Instrument, Item, Option, Scoring

COMMAND = "./dev speciosa docs"

INTRO = """\
Speciosa scores a small set of validated questionnaires. Each is data in `speciosa/core/instruments/` (one module
per instrument: items, response options, scoring, interpretation bands, sources, licence terms and LOINC codes) and is
scored by the core, whether it arrives through a page, the API (`POST /api/v1/questionnaires`) or the command line
(`speciosa score INSTRUMENT ANSWER...`). Only instruments that are free to use are included."""

ANSWERS = """\
Answers are whole numbers, one per item, in item order. A wrong number of answers or an answer that is not one of
the item's options is refused with the item named (`answers[3]: 4 is not an answer to this item; expected 0 to 3`);
`true`/`false` are not numbers. The full definitions, with every source, are served by `GET /api/v1/instruments`.
Bands are given only where the instrument's publication gives them; a score without a band is compared with the
patient's own earlier scores. Storing a response re-evaluates the patient's safety rules, so an alert that rests on
it (DEPENDENCE reads the latest `dsm5-kud`, whose bands are the rule's own table) follows at once."""

NO_KRATOM_SCALE = """\
## Why no kratom-specific scale

A validated, freely usable kratom dependence or withdrawal scale was looked for. None could be included:

- The **Ketum (Kratom) Dependence Scale (KDS)**, used in Malaysian studies (Singh et al. 2019, Curr Psychopharmacol
  8(1):64-71, doi:10.2174/2405461503666180420120649; also Choo 2022 and Leong Abdullah 2021), has no item list,
  scoring rule, cut-offs or licence terms that could be retrieved and checked. Encoding it from memory would put an
  unverified instrument in front of patients.
- **No kratom-specific withdrawal scale** has been validated; studies use the SOWS or the clinician-rated COWS, or
  (Singh 2014) a cannabis withdrawal checklist. Speciosa offers the SOWS, adapted as described above."""

SCHEDULES = """\
## Schedules, reminders and the calendar

- A patient chooses which questionnaires to answer and how often (`daily`, `weekly`, `biweekly`, `monthly`) on the
  settings page or with `PUT /api/v1/me/schedule`. While a plan is in force and sets an `instrument_schedule`, the
  plan's schedule applies instead. A questionnaire never answered is due at once; otherwise it is due one period
  after the local day it was last answered (a month after 31 January is 28 or 29 February).
- The Today page lists what is due; the Questionnaires page shows due ones first.
- **E-mail reminders** are opt-in. The scheduler (every 15 minutes; `speciosa remind` runs it once by hand) sends
  each opted-in patient at most one e-mail per local day, only when something is due and never in their quiet hours
  (which may run past midnight), read in the patient's time zone. The e-mail names no questionnaire. When the Django settings define
  `SPECIOSA_SITE_URL`, the e-mail carries a full link; otherwise it names the page.
- **Calendar feed**: a patient can make a secret address `/questionnaires/calendar/<token>.ics` (43 random URL-safe
  characters, no sign-in) listing, as all-day events, the days questionnaires fall due in the next 60 days. Only the
  token's SHA-256 digest is stored (not exported either), so the settings page shows the address once, when it is
  made; making a new one stops the old one. Events read "Speciosa: a questionnaire is due", name no questionnaire,
  link to the questionnaire list, and carry opaque UIDs (an HMAC keyed by the server's secret), not the patient's id."""


def render() -> str:
    """The whole Markdown page."""
    instruments = all_instruments()
    lines = [
        "# Questionnaires (validated instruments)",
        "",
        f"<!-- Generated from speciosa/core/instruments by `{COMMAND}`; do not edit by hand. -->",
        "",
        INTRO,
        "",
        "| Id | Instrument | What it measures | Items and answers | Score | Bands |",
        "| --- | --- | --- | --- | --- | --- |",
        *(_row(instrument) for instrument in instruments),
        "",
        ANSWERS,
    ]
    for instrument in instruments:
        lines += ["", *_section(instrument)]
    lines += ["", NO_KRATOM_SCALE, "", SCHEDULES]
    return "\n".join(lines) + "\n"


def _row(instrument: Instrument) -> str:
    cells = (f"`{instrument.id}`", f"[{instrument.short_title}](#{instrument.id})", instrument.purpose,
             _items_summary(instrument), _score(instrument), _bands_summary(instrument) or "none published")
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _section(instrument: Instrument) -> list[str]:
    lines = [f'<a id="{instrument.id}"></a>', "", f"## `{instrument.id}`: {instrument.title}", "",
             instrument.purpose, "", f"*{instrument.instructions}*", ""]
    shared = _shared_options(instrument.items)
    if shared is not None:
        each = "The item is" if len(instrument.items) == 1 else "Each item is"
        lines += [f"{each} answered {_answers(shared)}.", ""]
    lines += [f"{number}. {item.text}" + ("" if shared is not None else f" Answered {_answers(item.options)}.")
              for number, item in enumerate(instrument.items, start=1)]
    lines += ["", f"- **Score:** {_score(instrument)}."]
    lines += [f"- **Subscale {subscale.title}:** the sum of items {_numbers(subscale.items)}"
              + (f", a positive screen at {subscale.positive_at:g} or more." if subscale.positive_at is not None
                 else ".") for subscale in instrument.subscales]
    if instrument.bands:
        cited = "; ".join(f"[{source.citation}]({source.url})" for source in instrument.band_sources)
        lines.append(f"- **Bands** ({cited}):" if cited else "- **Bands:**")
        lines += [f"  - {span} **{band.name}**: {band.meaning}" for span, band in _spans(instrument)]
    else:
        lines.append("- **Bands:** none published; compare a score with the patient's own earlier scores.")
    lines.append(f"- **Suggested schedule:** `{instrument.suggested_frequency.value}`.")
    if instrument.adaptation:
        lines.append(f"- **Adapted:** {instrument.adaptation}")
    if instrument.limits:
        lines.append(f"- **Keep in mind:** {instrument.limits}")
    lines.append(f"- **LOINC:** {_loinc(instrument)}")
    lines.append(f"- **Licence:** {instrument.licence}")
    lines += ["", "Sources:", ""]
    lines += [f"{n}. [{source.citation}]({source.url})" for n, source in enumerate(instrument.sources, start=1)]
    return lines


def _items_summary(instrument: Instrument) -> str:
    count = len(instrument.items)
    shared = _shared_options(instrument.items)
    if shared is not None and len(shared) == 2:
        answers = " / ".join(f"{option.label.lower()} {option.value}" for option in shared)
    else:
        values = [value for item in instrument.items for value in item.values]
        answers = f"{min(values)}-{max(values)}"
    return f"{count} item{'' if count == 1 else 's'}, {answers}"


def _score(instrument: Instrument) -> str:
    span = f"{instrument.minimum:g}-{instrument.maximum:g}"
    if instrument.scoring is Scoring.MEAN:
        return f"the mean of the items ({span})"
    if instrument.scoring is Scoring.COUNT:
        return f"the number of items answered yes ({span})"
    return f"the rating ({span})" if len(instrument.items) == 1 else f"the total ({span})"


def _bands_summary(instrument: Instrument) -> str:
    return ", ".join(f"{span} {band.name}" for span, band in _spans(instrument))


def _spans(instrument: Instrument) -> list[tuple[str, Band]]:
    """Each band with the scores it covers: up to the next band's minimum (whole-number scores), or "from" for a
    mean, whose scores fall between whole numbers."""
    spans = []
    for index, band in enumerate(instrument.bands):
        if instrument.scoring is Scoring.MEAN:
            spans.append((f"from {band.minimum:g}", band))
            continue
        high = instrument.bands[index + 1].minimum - 1 if index + 1 < len(instrument.bands) else instrument.maximum
        spans.append((f"{band.minimum:g}" if high == band.minimum else f"{band.minimum:g}-{high:g}", band))
    return spans


def _shared_options(items: tuple[Item, ...]) -> tuple[Option, ...] | None:
    """The options every item shares, or None when items differ (a scale whose end labels change per item)."""
    first = items[0].options
    return first if all(item.options == first for item in items) else None


def _answers(options: tuple[Option, ...]) -> str:
    """``0 Not at all, 1 Several days, ...``; a numeric scale as its range and its labelled ends."""
    named = [option for option in options if option.label != str(option.value)]
    if len(named) == len(options):
        return ", ".join(_option(option) for option in options)
    span = f"{options[0].value}-{options[-1].value}"
    if named == [options[0], options[-1]]:
        return f"{span}, from {_option(options[0])} to {_option(options[-1])}"
    return f"{span} ({', '.join(_option(option) for option in named)})" if named else span


def _option(option: Option) -> str:
    # A scale's labels already lead with their number ("0 No pain"); a named option's do not ("Not at all").
    return option.label if option.label.startswith(str(option.value)) else f"{option.value} {option.label}"


def _numbers(indexes: tuple[int, ...]) -> str:
    """Item indexes as the form numbers them (from 1): ``1-2`` for a run, else ``1, 3``."""
    numbers = [index + 1 for index in indexes]
    if len(numbers) > 1 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{numbers[0]}-{numbers[-1]}"
    return ", ".join(str(number) for number in numbers)


def _loinc(instrument: Instrument) -> str:
    parts = []
    if instrument.loinc_panel:
        parts.append(f"panel {instrument.loinc_panel}")
    if instrument.loinc_score:
        parts.append(f"score {instrument.loinc_score}")
    items = [item.loinc for item in instrument.items if item.loinc]
    if items and items != [instrument.loinc_score]:
        parts.append(f"items {', '.join(items)}")
    codes = f"{'; '.join(parts)}. " if parts else ""
    return codes + instrument.loinc_status
