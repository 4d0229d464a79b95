"""The clinician's visit report: a 2-4 page A4 PDF of one patient's period, drawn with fpdf2.

Page order follows how a clinician reads before a visit: who and when, the headline figures (doses, the plan, the
outcome change with its IMMPACT category), what needs attention (open alerts with their evidence and sources), then
the charts, the labs with ×ULN, the medicines, the questionnaires, and the patient's notes only if they chose to
include them. Text is set in DejaVu Sans (shipped with matplotlib), so every name and symbol prints.

Every string written is also kept in ``VisitReport.text``, in order, so tests and reviewers can read the report's
words without a PDF text extractor.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib
from django.utils import timezone
from fpdf import FPDF
from fpdf.fonts import FontFace

from speciosa.accounts.models import User
from speciosa.accounts.queries import zone_of
from speciosa.core.analytics.dose_response import DoseResponse
from speciosa.core.analytics.immpact import CATEGORY_WORDS, Change
from speciosa.core.analytics.immpact import SOURCES as IMMPACT_SOURCES
from speciosa.core.charts import PRINT, Chart
from speciosa.core.charts.words import day_words, number, period_words
from speciosa.core.plan_days import DOSES, LEAF, MITRAGYNINE, DayAgainstPlan
from speciosa.reports.access import Visible
from speciosa.reports.figures import charts_of, instrument_title
from speciosa.reports.queries import LABS_SHOWN, NOTES_SHOWN, PatientReport, report_data
from speciosa.reports.summary import DoseSummary, dose_summary
from speciosa.safety.cards import cards_of
from speciosa.safety.models import StoredAlert
from speciosa.safety.wording import evidence_rows

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"
MARGIN_MM = 15
CONTENT_MM = 210 - 2 * MARGIN_MM
CHART_DPI = 150
MAX_PAGES = 4
DISCLAIMER = ("This report supports decisions; it is not medical advice. It summarises what the patient recorded, "
              "with the limits stated beside each figure. Kratom carries risks, including dependence, liver injury "
              "and interactions with other medicines; no figure here shows that it is safe.")
SEVERITY_WORDS = {"urgent": "URGENT", "warning": "WARNING", "info": "INFO"}
STATUS_WORDS = {"open": "open", "acknowledged": "acknowledged"}
GREY = (89, 89, 89)
HEAD_FILL = (230, 236, 242)
ALERT_DETAILS_HIDDEN = ("What this alert says and the figures behind it are shown only when the patient shares doses, "
                        "check-ins, and medicines and labs: they can quote any of them.")
MEASURE_LABELS = {"pain": "Pain (0-10)", "peg": "PEG (0-10)", "function": "Daily activities (0-10)"}


@dataclass(frozen=True)
class Limits:
    """How much of the long parts to print; tighter limits are tried in turn until the report fits MAX_PAGES."""

    labs: int
    notes: int
    evidence_chars: int  # 0: leave alert evidence to the app


FALLBACK_LIMITS = (Limits(LABS_SHOWN, NOTES_SHOWN, 420), Limits(8, 8, 240), Limits(5, 3, 0), Limits(3, 0, 0))


@dataclass(frozen=True)
class VisitReport:
    pdf: bytes
    pages: int
    text: tuple[str, ...]
    filename: str


def build_visit_report(patient: User, *, start: dt.date, end: dt.date, visible: Visible, generated_at: dt.datetime,
                       include_notes: bool = False) -> VisitReport:
    """Reads the record, draws the charts and lays out the PDF (the three steps the benchmark times apart)."""
    report = report_data(patient, start=start, end=end, visible=visible, include_notes=include_notes)
    charts = charts_of(report, layout=PRINT)
    return render_visit_report(report, charts, generated_at=generated_at)


def chart_images(charts: Sequence[Chart]) -> dict[str, bytes]:
    """Each drawn chart as PNG bytes at the report's resolution (charts with no data are not printed)."""
    return {chart.key: chart.png(dpi=CHART_DPI) for chart in charts if not chart.empty}


def render_visit_report(report: PatientReport, charts: Sequence[Chart], *, generated_at: dt.datetime,
                        images: dict[str, bytes] | None = None) -> VisitReport:
    """Lays out the PDF; times (including those inside alert evidence) in the patient's time zone."""
    with timezone.override(zone_of(report.patient)):
        return _render(report, charts, generated_at=generated_at,
                       images=images if images is not None else chart_images(charts))


def _render(report: PatientReport, charts: Sequence[Chart], *, generated_at: dt.datetime,
            images: dict[str, bytes]) -> VisitReport:
    for limits in FALLBACK_LIMITS:
        document = _Document(report, generated_at, limits)
        document.compose(charts, images)
        if document.pages_count <= MAX_PAGES:
            break
    name = f"visit-report-{report.patient.username}-{report.start.isoformat()}-to-{report.end.isoformat()}.pdf"
    return VisitReport(pdf=bytes(document.output()), pages=document.pages_count, text=tuple(document.written),
                       filename=name)


class _Document(FPDF):
    def __init__(self, report: PatientReport, generated_at: dt.datetime, limits: Limits) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.report = report
        self.limits = limits
        self.zone = zone_of(report.patient)
        self.generated_at = generated_at.astimezone(self.zone)
        self.written: list[str] = []
        self.sources: dict[tuple[str, str], int] = {}
        self.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(True, margin=16)
        self.set_creation_date(generated_at)
        self.set_title(f"Visit report: {_patient_name(report.patient)}, {period_words(report.start, report.end)}")
        self.set_author("Speciosa")
        self.set_lang("en")

    # Running head and foot on every page
    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 5, f"Visit report · {_patient_name(self.report.patient)} · "
                        f"{period_words(self.report.start, self.report.end)}", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)
        self.set_text_color(0)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 5, "Speciosa · supports decisions; not medical advice", align="L")
        self.set_x(MARGIN_MM)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0)

    # The report
    def compose(self, charts: Sequence[Chart], images: dict[str, bytes]) -> None:
        self.add_page()
        self._title()
        self._summary()
        self._alerts()
        by_key = {chart.key: chart for chart in charts}
        self._chart(by_key.get("outcomes"), images)
        self._chart(by_key.get("side-effects"), images)
        if self.report.visible.medical:
            self._chart(by_key.get("liver"), images)
            self._labs(self.limits.labs)
            self._medicines()
        if self.report.visible.checkins:
            self._chart(by_key.get("scores"), images)
            self._scores()
        if self.report.notes:
            self._notes(self.limits.notes)
        self._sources()

    def _title(self) -> None:
        report, patient = self.report, self.report.patient
        self._text("Visit report", size=18, bold=True, height=9)
        days = (report.end - report.start).days + 1
        self._text(f"Patient: {_patient_name(patient)}{_profile_words(patient)}", size=11, bold=True)
        self._text(f"Period: {period_words(report.start, report.end)} ({days} days). Generated "
                   f"{self.generated_at:%d %b %Y %H:%M} ({self.zone}). Times are the patient's local time.", size=9)
        self.ln(2)
        self.set_fill_color(*HEAD_FILL)
        self._text(DISCLAIMER, size=9, fill=True)
        if not (report.visible.checkins and report.visible.medical):
            hidden = [name for name, shown in (("check-ins and questionnaires", report.visible.checkins),
                                               ("medicines and labs", report.visible.medical)) if not shown]
            self._text(f"Not shared with you, so not shown: {' and '.join(hidden)}.", size=9)
        self.ln(3)

    def _summary(self) -> None:
        report = self.report
        doses = dose_summary(report.outcomes.days, report.plan_limits)
        self._heading("Summary")
        rows: list[tuple[str, str]] = [("Doses", _dose_words(doses)), ("Plan", self._plan_words(doses))]
        if report.visible.checkins:
            for measure in ("pain", "peg", "function"):
                rows.append((MEASURE_LABELS[measure], _change_words(report.outcomes.changes[measure])))
            pain_response = next((item for item in report.outcomes.dose_response
                                  if item.measure == "pain" and item.lag_days == 0), None)
            if pain_response is not None:
                rows.append(("Pain and dose", _dose_response_words(pain_response)))
        self._table(("", ""), rows, widths=(34, CONTENT_MM - 34), headings=False)
        if report.visible.checkins:
            self._text("Outcome change: mean of the first week with ratings (since the patient began recording) "
                       "against the latest week; "
                       "IMMPACT benchmarks for chronic pain: 30% or more moderately, 50% or more substantially "
                       "important (" + "; ".join(IMMPACT_SOURCES) + "). Group benchmarks applied to one person's "
                       "diary; neither they nor the dose association show what caused a change.",
                       size=7.5, colour=GREY)
        self.ln(2)

    def _plan_words(self, doses: DoseSummary) -> str:
        plan = self.report.plan
        if plan is None and not doses.days_with_limit:
            return "No treatment plan in force: no limit to compare with."
        parts = []
        if plan is not None:
            limits = []
            if plan.max_daily_leaf_g is not None:
                limits.append(f"at most {number(plan.max_daily_leaf_g)} g leaf-equivalent a day")
            if plan.max_daily_mitragynine_mg is not None:
                limits.append(f"{number(plan.max_daily_mitragynine_mg)} mg mitragynine a day")
            if plan.max_doses_per_day is not None:
                limits.append(f"{plan.max_doses_per_day} doses a day")
            since = f" since {day_words(plan.effective_from)}" if plan.effective_from else ""
            version = f" (version {plan.version})" if plan.version is not None else ""
            parts.append(f"In force{since}{version}: {', '.join(limits) or 'no dose limit set'}.")
            if plan.review_on:
                parts.append(f"Review due {day_words(plan.review_on)}.")
        if doses.days_with_limit:
            over = f"Over the day's limit on {doses.days_over_limit} of {doses.days_with_limit} days with a limit"
            if doses.over_limit:
                over += ": " + ", ".join(_over_words(verdict) for verdict in doses.over_limit[:5])
                if doses.days_over_limit > 5:
                    over += f", and {doses.days_over_limit - 5} more"
            parts.append(over + ".")
        return " ".join(parts)

    def _alerts(self) -> None:
        alerts = self.report.alerts
        self._heading(f"Current alerts ({len(alerts)}, open or acknowledged)")
        if not alerts:
            self._text("No open alerts. That does not rule out harm.", size=9.5)
            return
        for card in cards_of(alerts):
            if card.is_group:  # one problem, one card: its advice once, then the other findings that point to it
                self._keep_together(16)
                self._text(f"{SEVERITY_WORDS.get(card.severity, card.severity)} · {card.title} "
                           f"({len(card.parts)} related findings)", size=9.5, bold=True)
            for n, alert in enumerate(card.parts):
                self._alert(alert, advice=n == 0)

    def _alert(self, alert: StoredAlert, *, advice: bool) -> None:
        status = STATUS_WORDS.get(alert.status, alert.status)
        cited = " ".join(f"[{self._cite(source)}]" for source in alert.sources)
        self._keep_together(16)
        self._text(f"{SEVERITY_WORDS.get(alert.severity, alert.severity)} · {alert.code} ({status}): "
                   f"{alert.title}", size=9, bold=True)
        if not self.report.visible.alert_details:  # the filter blanked them; say why, once per alert
            self._text(ALERT_DETAILS_HIDDEN + (f" Sources {cited}." if cited else ""), size=7.5, colour=GREY)
            return
        if alert.severity == "info":  # the title says it; details are in the app
            self._text(f"Sources {cited}." if cited else alert.message, size=7.5, colour=GREY)
            return
        self._text(f"{alert.message} The patient was told: {alert.action}" if advice else alert.message, size=8.5)
        evidence = "; ".join(_row_words(row) for row in evidence_rows(alert.evidence))
        if evidence and self.limits.evidence_chars:
            self._text(f"Evidence: {_clip(evidence, self.limits.evidence_chars)}"
                       + (f" Sources {cited}." if cited else ""), size=7.5, colour=GREY)
        elif cited:
            self._text(f"Evidence in the app. Sources {cited}.", size=7.5, colour=GREY)
        self.ln(1)

    def _cite(self, source: dict[str, str]) -> int:
        """The source's number in the list at the end of the report (numbered in order of first mention)."""
        key = (source.get("citation", ""), source.get("url", ""))
        if key not in self.sources:
            self.sources[key] = len(self.sources) + 1
        return self.sources[key]

    def _sources(self) -> None:
        if not self.sources:
            return
        self._heading("Sources of the alerts")
        for (citation, url), number_ in self.sources.items():
            self._text(f"[{number_}] {citation} {url}".strip(), size=7, colour=GREY)

    def _chart(self, chart: Chart | None, images: dict[str, bytes]) -> None:
        if chart is None or chart.empty:  # the section under it says there is nothing yet
            return
        width_in, height_in = chart.figure.get_size_inches()
        height = CONTENT_MM * height_in / width_in
        self._keep_together(height + 12)
        self.image(io.BytesIO(images[chart.key]), x=MARGIN_MM, w=CONTENT_MM, h=height, alt_text=chart.summary,
                   title=chart.title)
        self.written.append(chart.title)
        self._text(chart.summary, size=7.5, colour=GREY)
        self.ln(3)

    def _labs(self, shown: int) -> None:
        labs = self.report.labs
        self._heading("Liver tests")
        if not labs:
            self._text("No liver tests recorded in this period.", size=9)
            return
        latest = labs[-shown:] if shown else []
        rows = [(f"{lab.collected_at.astimezone(self.zone):%d %b %Y}", lab.code, f"{number(float(lab.value), 2)} {lab.unit}",
                 number(float(lab.uln), 2) if lab.uln is not None else "–",
                 f"{number(lab.times_uln, 2)}×" if lab.times_uln is not None else "–")
                for lab in reversed(latest)]
        self._table(("Collected", "Test", "Value", "ULN", "× ULN"), rows, widths=(32, 24, 50, 34, 40))
        if len(labs) > len(latest):
            self._text(f"Showing the latest {len(latest)} of {len(labs)} results in the period.", size=8,
                       colour=GREY)
        self.ln(2)

    def _medicines(self) -> None:
        medicines = self.report.medications
        self._heading("Medicines")
        if not medicines:
            self._text("No other medicines recorded for this period.", size=9)
            return
        rows = [(medicine.name, medicine.dose_text or "–", medicine.rxnorm or "–",
                 day_words(medicine.start) if medicine.start else "–",
                 day_words(medicine.stop) if medicine.stop else "–") for medicine in medicines]
        self._table(("Medicine", "Dose", "RxNorm", "Started", "Stopped"), rows, widths=(44, 52, 22, 31, 31))
        self.ln(2)

    def _scores(self) -> None:
        scores = self.report.scores
        self._heading("Questionnaires")
        if not scores:
            self._text("No questionnaires answered in this period.", size=9)
            return
        by_instrument: dict[str, list] = {}
        for row in scores:
            by_instrument.setdefault(row.instrument, []).append(row)
        rows = []
        for instrument, answered in by_instrument.items():
            first, last = answered[0], answered[-1]
            rows.append((instrument_title(instrument), str(len(answered)), self._score_words(first),
                         self._score_words(last)))
        self._table(("Questionnaire", "Answered", "First in period", "Latest"), rows, widths=(34, 22, 62, 62))
        self.ln(2)

    def _score_words(self, row: Any) -> str:
        band = f" ({row.band})" if row.band else ""
        return f"{number(row.score)}{band}, {day_words(row.at.astimezone(self.zone).date())}"

    def _notes(self, shown: int) -> None:
        notes = self.report.notes[:shown]
        self._heading("The patient's notes")
        self._text("Included because the patient chose to share them with this report.", size=8, colour=GREY)
        if not notes:
            self._text("Notes left out to keep the report within four pages; they are in the app.", size=9)
            return
        rows = [(f"{note.at.astimezone(self.zone):%d %b %Y %H:%M}", note.kind, _clip(note.text, 400))
                for note in notes]
        self._table(("When", "With", "Note"), rows, widths=(34, 20, CONTENT_MM - 54))
        if self.report.notes_total > len(notes):
            self._text(f"Showing the latest {len(notes)} of {self.report.notes_total} notes.", size=8, colour=GREY)

    # Small writing helpers; each records what it writes
    def _heading(self, text: str) -> None:
        self._keep_together(20)
        self.ln(1)
        self._text(text, size=12.5, bold=True, height=7)

    def _text(self, text: str, *, size: float = 10, bold: bool = False, height: float | None = None,
              colour: tuple[int, int, int] = (0, 0, 0), fill: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*colour)
        self.multi_cell(0, height or size * 0.48, text, new_x="LMARGIN", new_y="NEXT", fill=fill, align="L",
                        padding=(1, 2) if fill else 0)
        self.set_text_color(0)
        self.written.append(text)

    def _table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], *, widths: Sequence[float],
               headings: bool = True) -> None:
        self.set_font(FONT, "", 8.5)
        with self.table(col_widths=tuple(widths), width=CONTENT_MM, text_align="LEFT", line_height=4.4,
                        first_row_as_headings=headings, padding=(1, 1.5),
                        headings_style=FontFace(emphasis="BOLD", fill_color=HEAD_FILL),
                        borders_layout="HORIZONTAL_LINES") as table:
            for row in ([headers] if headings else []) + [list(row) for row in rows]:
                cells = table.row()
                for index, value in enumerate(row):
                    style = FontFace(emphasis="BOLD") if not headings and index == 0 else None
                    cells.cell(value, style=style)
                    self.written.append(value)

    def _keep_together(self, height: float) -> None:
        if self.get_y() + height > self.h - self.b_margin:
            self.add_page()


def _patient_name(patient: User) -> str:
    full = patient.get_full_name()
    return f"{full} ({patient.username})" if full else patient.username


def _profile_words(patient: User) -> str:
    profile = getattr(patient, "profile", None)
    if profile is None:
        return ""
    parts = []
    if profile.birth_year:
        parts.append(f"born {profile.birth_year}")
    if profile.sex:
        parts.append(profile.get_sex_display().lower())
    if profile.conditions:
        parts.append(", ".join(str(condition).replace("_", " ") for condition in profile.conditions))
    return f" · {' · '.join(parts)}" if parts else ""


def _over_words(verdict: DayAgainstPlan) -> str:
    """``3 Dec 6 g (limit 5 g)``: a day over the plan, with each limit it passed."""
    taken, limits = verdict.taken, verdict.limits
    words = {LEAF: f"{number(taken.leaf_equivalent_g)} g (limit {number(limits.leaf_equivalent_g)} g)",
             MITRAGYNINE: f"{number(taken.mitragynine_mg)} mg mitragynine (limit {number(limits.mitragynine_mg)} mg)",
             DOSES: f"{taken.doses} doses (limit {limits.doses})"}
    return f"{day_words(verdict.day)} " + " and ".join(words[name] for name in verdict.over)


def _dose_words(doses: DoseSummary) -> str:
    if not doses.days_used:
        return f"No doses recorded in the {doses.days} days."
    text = f"Used on {doses.days_used} of {doses.days} days ({doses.doses} doses)."
    if doses.mean_leaf_g is not None:
        text += (f" Mean daily dose {number(doses.mean_leaf_g)} g leaf-equivalent on days with leaf doses; most "
                 f"{number(doses.max_leaf_g)} g.")
    if doses.mean_mitragynine_mg is not None:
        text += f" Mitragynine about {number(doses.mean_mitragynine_mg, 0)} mg a day on days used."
    if doses.unconverted_doses:
        text += (f" {doses.unconverted_doses} doses of 7-OH products have no leaf equivalent and are not in the "
                 "gram figures.")
    return text


def _change_words(change: Change) -> str:
    if change.category == "insufficient" or change.baseline is None or change.latest is None:
        return f"IMMPACT category: insufficient data. {change.message}"
    words = CATEGORY_WORDS.get(change.category, change.category)
    text = (f"IMMPACT category: {change.category} ({words}). {number(change.baseline)} in the first week "
            f"({_short_day(change.baseline_start)} to {_short_day(_week_end(change.baseline_start))}), "
            f"{number(change.latest)} in the latest ({_short_day(change.latest_start)} to "
            f"{_short_day(change.as_of)})")
    if change.percent is not None:
        text += f": {number(abs(change.percent), 0)}% {'better' if change.percent > 0 else 'worse'}"
    if change.absolute_low is not None and change.absolute_high is not None:
        text += (f"; change {_signed(change.absolute)} points, 95% interval {_signed(change.absolute_low)} to "
                 f"{_signed(change.absolute_high)} (positive = better)")
    if change.two_point:
        text += "; at least 2 points better"
    return text + f". Days rated: {change.n_baseline} and {change.n_latest}."


def _dose_response_words(response: DoseResponse) -> str:
    if not response.sufficient or response.slope is None:
        return response.message
    interval = f"95% interval {_signed(response.low, 2)} to {_signed(response.high, 2)}"
    clear = response.low is not None and response.high is not None and not response.low <= 0 <= response.high
    finding = "a clear association" if clear else "no clear association"
    return (f"Same-day pain against the day's dose over {response.n} days ({number(response.dose_min_g)} to "
            f"{number(response.dose_max_g)} g): {_signed(response.slope, 2)} points per gram ({interval}"
            f"{f', r = {response.r:.2f}' if response.r is not None else ''}), {finding}. An association in "
            "self-records, not an effect of the dose.")


def _signed(value: float | None, places: int = 1) -> str:
    return "–" if value is None else f"{value:+.{places}f}"


def _short_day(day: dt.date | None) -> str:
    return "–" if day is None else day_words(day)


def _week_end(day: dt.date | None) -> dt.date | None:
    return None if day is None else day + dt.timedelta(days=6)


def _row_words(row: Any) -> str:
    if row.children:
        return f"{row.label} ({'; '.join(_row_words(child) for child in row.children)})"
    return f"{row.label}: {row.text}" if row.text else row.label


def _clip(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
