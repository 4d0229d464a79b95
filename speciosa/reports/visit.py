"""The clinician's visit report: a 2-4 page A4 PDF of one patient's period, drawn with fpdf2.

Page order follows how a clinician reads before a visit: who and when (the patient's name, year of birth, the
clinic's record number, the period, who printed it), then a red-flags box with every open urgent and warning alert in
one clinical line each, then doses against the plan, the outcome change (its IMMPACT category only when both weeks
have enough days rated), the labs with ×ULN, the medicines, the questionnaires, the charts, each alert in detail with
readable sources, and the patient's notes only if they chose to include them. Alerts reach it through
speciosa.safety.disclosure like every other channel. Text is set in DejaVu Sans (shipped with matplotlib), so every
name and symbol prints; every paragraph wraps (multi_cell), and nothing is cut inside a word.

Every string written is also kept in ``VisitReport.text``, in order, and with its page in ``VisitReport.lines``, so
tests and reviewers can read the report's words (and say "on the first page") without a PDF text extractor.
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

from speciosa.accounts.enums import PainCondition, Sex
from speciosa.accounts.models import User
from speciosa.accounts.queries import zone_of
from speciosa.core.analytics.dose_response import DoseResponse
from speciosa.core.analytics.immpact import CATEGORY_WORDS, LABELS, Change, too_few_words
from speciosa.core.bibliography import cite, short_citation
from speciosa.core.charts import PRINT, Chart
from speciosa.core.charts.words import MONTHS, day_words, number, period_words
from speciosa.core.plan_days import DOSES, LEAF, MITRAGYNINE, DayAgainstPlan
from speciosa.reports.access import Visible
from speciosa.reports.figures import charts_of, instrument_title
from speciosa.reports.problems import Problem, problems_from
from speciosa.reports.queries import LABS_SHOWN, NOTES_SHOWN, PatientReport, report_data
from speciosa.reports.summary import DoseSummary, dose_summary
from speciosa.safety.cards import AlertCard, cards_of
from speciosa.safety.models import StoredAlert

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"
MARGIN_MM = 15
CONTENT_MM = 210 - 2 * MARGIN_MM
CHART_DPI = 150
MAX_PAGES = 4
DISCLAIMER = ("This report supports decisions; it is not medical advice. It summarises what the patient recorded, "
              "with the limits stated beside each figure. Kratom carries risks, including dependence, liver injury "
              "and interactions with other medicines; no figure here shows that it is safe.")
SEVERITY_WORDS = {"urgent": "Urgent", "warning": "Warning", "info": "For information"}
RED_FLAG_SEVERITIES = ("urgent", "warning")
GREY = (89, 89, 89)
HEAD_FILL = (230, 236, 242)
FLAG_FILL = (253, 240, 238)
FLAG_EDGE = (176, 42, 30)
ALERT_DETAILS_HIDDEN = ("What this alert says and the figures behind it are shown only when the patient shares doses, "
                        "check-ins, and medicines and labs: they can quote any of them.")
FLAGS_PENDING = "Alerts are being re-checked after a recent change; this list may be incomplete."
FLAGS_HIDDEN = ("Titles only: the figures behind the alerts are shown when the patient shares doses, check-ins, and "
                "medicines and labs.")
IMMPACT_WORKS = ("dworkin-2008", "farrar-2001")  # the benchmarks behind the outcome change (core.analytics.immpact)
MEASURE_LABELS = {"pain": "Pain (0-10)", "peg": "PEG (0-10)", "function": "Daily activities (0-10)"}
LAB_ORDER = {code: index for index, code in enumerate(("ALT", "AST", "ALP", "TBIL", "GGT", "INR"))}
LAB_NAMES = {"TBIL": "Bilirubin (total)", "ALP": "ALP", "ALT": "ALT", "AST": "AST", "GGT": "GGT", "INR": "INR"}


@dataclass(frozen=True)
class Limits:
    """How much of the long parts to print; tighter limits are tried in turn until the report fits MAX_PAGES."""

    labs: int
    notes: int
    info_details: bool  # "for information" alerts with their finding, or their titles only
    chart_width_mm: float
    source_addresses: bool = True  # each source's web address, or its citation alone (which names a DOI if any)


FALLBACK_LIMITS = (Limits(LABS_SHOWN, NOTES_SHOWN, True, CONTENT_MM), Limits(LABS_SHOWN, 8, False, CONTENT_MM * 0.85),
                   Limits(8, 3, False, CONTENT_MM * 0.75), Limits(6, 0, False, CONTENT_MM * 0.7, False))


@dataclass(frozen=True)
class VisitReport:
    pdf: bytes
    pages: int
    text: tuple[str, ...]
    filename: str
    lines: tuple[tuple[int, str], ...] = ()  # each string of ``text`` with the page it starts on

    def on_page(self, page: int) -> tuple[str, ...]:
        return tuple(text for number_, text in self.lines if number_ == page)


def build_visit_report(patient: User, *, start: dt.date, end: dt.date, visible: Visible, generated_at: dt.datetime,
                       include_notes: bool = False, printed_by: User | None = None,
                       record_number: str = "") -> VisitReport:
    """Reads the record, draws the charts and lays out the PDF (the three steps the benchmark times apart)."""
    report = report_data(patient, start=start, end=end, visible=visible, include_notes=include_notes,
                         baseline_in_period=True)
    charts = charts_of(report, layout=PRINT)
    return render_visit_report(report, charts, generated_at=generated_at, printed_by=printed_by,
                               record_number=record_number)


def chart_images(charts: Sequence[Chart]) -> dict[str, bytes]:
    """Each drawn chart as PNG bytes at the report's resolution (charts with no data are not printed)."""
    return {chart.key: chart.png(dpi=CHART_DPI) for chart in charts if not chart.empty}


def render_visit_report(report: PatientReport, charts: Sequence[Chart], *, generated_at: dt.datetime,
                        images: dict[str, bytes] | None = None, printed_by: User | None = None,
                        record_number: str = "") -> VisitReport:
    """Lays out the PDF; times (including those inside alert messages) in the patient's time zone."""
    with timezone.override(zone_of(report.patient)):
        return _render(report, charts, generated_at=generated_at,
                       images=images if images is not None else chart_images(charts),
                       header=_Header(printed_by=printed_by, record_number=" ".join(record_number.split())))


@dataclass(frozen=True)
class _Header:
    printed_by: User | None
    record_number: str


def _render(report: PatientReport, charts: Sequence[Chart], *, generated_at: dt.datetime,
            images: dict[str, bytes], header: _Header) -> VisitReport:
    for limits in FALLBACK_LIMITS:
        document = _Document(report, generated_at, limits, header)
        document.compose(charts, images)
        if document.pages_count <= MAX_PAGES:
            break
    name = f"visit-report-{report.patient.username}-{report.start.isoformat()}-to-{report.end.isoformat()}.pdf"
    return VisitReport(pdf=bytes(document.output()), pages=document.pages_count,
                       text=tuple(text for _, text in document.written), filename=name,
                       lines=tuple(document.written))


class _Document(FPDF):
    def __init__(self, report: PatientReport, generated_at: dt.datetime, limits: Limits, header: _Header) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.report = report
        self.limits = limits
        self.head = header
        self.zone = zone_of(report.patient)
        self.generated_at = generated_at.astimezone(self.zone)
        self.written: list[tuple[int, str]] = []
        self.sources: dict[str, tuple[str, str]] = {}  # citation -> (short form, url)
        self.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        self.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
        self.set_auto_page_break(True, margin=16)
        self.set_creation_date(generated_at)
        self.set_title(f"Visit report: {patient_name(report.patient)}, {period_words(report.start, report.end)}")
        self.set_author("Speciosa")
        self.set_lang("en")

    # Running head and foot on every page
    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 5, f"Visit report · {patient_name(self.report.patient)}{self._record_words(' · ')} · "
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
        self._red_flags()
        self._text(DISCLAIMER, size=7.5, colour=GREY)
        self.ln(1)
        self._shared()
        self._summary()
        if self.report.visible.medical:
            self._labs(self.limits.labs)
            self._medicines()
        if self.report.visible.checkins:
            self._scores()
        self._alerts()  # text before the charts, so it fills pages and the charts pack at the end
        by_key = {chart.key: chart for chart in charts}
        self._charts_heading([chart for chart in charts if not chart.empty])
        self._chart(by_key.get("outcomes"), images)
        self._chart(by_key.get("side-effects"), images)
        if self.report.visible.medical:
            self._chart(by_key.get("liver"), images)
        if self.report.visible.checkins:
            self._chart(by_key.get("scores"), images)
        if self.report.notes:
            self._notes(self.limits.notes)
        self._sources()

    def _title(self) -> None:
        report, patient = self.report, self.report.patient
        self._text("Visit report", size=16, bold=True, height=8)
        self._text(patient_name(patient), size=13, bold=True, height=6.5)
        about = _profile_words(patient) + ([f"Record no. {self.head.record_number}"] if self.head.record_number else [])
        if about:
            self._text(" · ".join(about), size=9.5)
        days = (report.end - report.start).days + 1
        printed = f"Printed {day_words(self.generated_at.date())} at {self.generated_at:%H:%M}"
        if self.head.printed_by is not None:
            printed += (" by the patient" if self.head.printed_by.pk == patient.pk
                        else f" by {patient_name(self.head.printed_by)}")
        self._text(f"Period: {period_words(report.start, report.end)} ({days} days). {printed}. Times are the "
                   f"patient's local time ({self.zone}).", size=9)
        self.ln(3)

    def _red_flags(self) -> None:
        """Open and acknowledged urgent, then warning, alerts: one clinical line each, in a box under the header."""
        report = self.report
        problems = [problem for problem in problems_from(report.alerts, details=report.visible.alert_details)
                    if problem.severity in RED_FLAG_SEVERITIES]
        lines: list[tuple[str, float, bool]] = [("Red flags", 12, True)]
        lines += [(_flag_words(problem), 9.5, problem.severity == "urgent") for problem in problems]
        if not problems:
            lines.append((f"No open urgent or warning alerts on {day_words(self.generated_at.date())}.", 9.5, False))
        if report.alerts_pending:
            lines.append((FLAGS_PENDING, 9.5, True))
        if problems and not report.visible.alert_details:
            lines.append((FLAGS_HIDDEN, 8, False))
        others = len([card for card in cards_of(report.alerts) if card.severity not in RED_FLAG_SEVERITIES])
        if others:
            lines.append((f"Also {others} alert{'s' * (others != 1)} for information, in the alert details below.",
                          8, False))
        width = CONTENT_MM - 8
        height = 4 + sum(self._height(text, size, bold, width) for text, size, bold in lines)
        self._keep_together(height)
        top = self.get_y()
        self.set_fill_color(*FLAG_FILL)
        self.set_draw_color(*FLAG_EDGE)
        self.set_line_width(0.6)
        self.rect(MARGIN_MM, top, CONTENT_MM, height, style="DF")
        self.set_line_width(0.2)
        self.set_draw_color(0)
        self.set_fill_color(*HEAD_FILL)  # tables shade alternate rows with the current fill
        self.set_y(top + 2)
        for text, size, bold in lines:
            self._text(text, size=size, bold=bold, indent=4, height=self._line_height(size))
        self.set_y(top + height)
        self.ln(3)

    def _height(self, text: str, size: float, bold: bool, width: float) -> float:
        self.set_font(FONT, "B" if bold else "", size)
        height = self.multi_cell(width, self._line_height(size), text, dry_run=True, output="HEIGHT")
        assert isinstance(height, float | int)
        return float(height)

    @staticmethod
    def _line_height(size: float) -> float:
        return 6.5 if size >= 12 else size * 0.5

    def _shared(self) -> None:
        report = self.report
        if not (report.visible.checkins and report.visible.medical):
            hidden = [name for name, shown in (("check-ins and questionnaires", report.visible.checkins),
                                               ("medicines and labs", report.visible.medical)) if not shown]
            self._text(f"Not shared with you, so not shown: {'; '.join(hidden)}.", size=9)
            self.ln(1)

    def _summary(self) -> None:
        report = self.report
        doses = dose_summary(report.outcomes.days, report.plan_limits)
        self._heading("Doses and the plan")
        rows: list[tuple[str, str]] = [("Doses", _dose_words(doses)), ("Plan", self._plan_words(doses))]
        self._table(("", ""), rows, widths=(34, CONTENT_MM - 34), headings=False)
        if not report.visible.checkins:
            self.ln(2)
            return
        self._heading("Outcome change")
        changes = report.outcomes.changes
        rows = [(MEASURE_LABELS[measure], change_words(changes[measure])) for measure in ("pain", "peg", "function")]
        pain_response = next((item for item in report.outcomes.dose_response
                              if item.measure == "pain" and item.lag_days == 0), None)
        if pain_response is not None:
            rows.append(("Pain and dose", _dose_response_words(pain_response)))
        self._table(("", ""), rows, widths=(34, CONTENT_MM - 34), headings=False)
        immpact = [cite(work) for work in IMMPACT_WORKS]
        for source in immpact:
            self.sources.setdefault(source.citation, (short_citation(source.citation), source.url))
        self._text(baseline_words(changes["pain"], report.end) + " IMMPACT benchmarks for chronic pain: 30% or "
                   "more moderately, 50% or more substantially important; a category needs at least 4 days rated in "
                   "each week (2 PEG answers) (" + "; ".join(short_citation(source.citation) for source in immpact)
                   + "). Group benchmarks applied to one person's diary; neither they nor the dose association show "
                   "what caused a change.", size=7.5, colour=GREY)
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
        self._heading(f"Alerts in detail ({len(alerts)} open or acknowledged)")
        if not alerts:
            self._text("No open alerts. That does not rule out harm.", size=9.5)
            return
        if self.report.alerts_pending:
            self._text(FLAGS_PENDING, size=9, bold=True)
        if not self.report.visible.alert_details:  # the filter blanked them; say why, once
            self._text(ALERT_DETAILS_HIDDEN, size=8, colour=GREY)
        for card in cards_of(alerts):
            self._card(card)

    def _card(self, card: AlertCard) -> None:
        severity = SEVERITY_WORDS.get(card.severity, card.severity.capitalize())
        related = f" ({len(card.parts)} related findings)" if card.is_group else ""
        title = (f"{severity} · {card.title}{related} · {_status_words(card.status)}, first seen "
                 f"{self._day(card.first_seen)}")
        if card.severity == "info" and not self.limits.info_details:  # one line each when space is short
            self._text(f"{title}. {self._cited(card.parts)}".strip(), size=8)
            return
        self._keep_together(18)
        self._text(title, size=9.5, bold=True)
        if self.report.visible.alert_details:
            for alert in card.parts:
                if card.is_group:
                    self._text(alert.title, size=8.5, bold=True, indent=3)
                self._text(alert.message, size=8.5, indent=3 if card.is_group else 0)
            if card.severity != "info":
                self._text(f"The patient was told: {card.action}", size=8.5)
        cited = self._cited(card.parts)
        if cited:
            self._text(cited, size=7.5, colour=GREY)
        self.ln(1.5)

    def _cited(self, alerts: Sequence[StoredAlert]) -> str:
        """The sources of these alerts, once each, as "Sources: Ahmad et al. 2021; ..."; listed in full at the end."""
        names: list[str] = []
        for alert in alerts:
            for source in alert.sources:
                citation = source.get("citation", "")
                short = short_citation(citation)
                if not short:
                    continue
                self.sources.setdefault(citation, (short, source.get("url", "")))
                if short not in names:
                    names.append(short)
        return f"Sources: {'; '.join(names)}." if names else ""

    def _sources(self) -> None:
        if not self.sources:
            return
        self._heading("Sources")
        self.set_font(FONT, "", 6.5)
        self.set_text_color(*GREY)
        with self.text_columns(ncols=2, gutter=5, text_align="LEFT", line_height=1.05, balance=True) as columns:
            for citation, (_, url) in sorted(self.sources.items(), key=lambda item: (item[1][0].casefold(), item[0])):
                shown_url = f" {url}" if url and self.limits.source_addresses and \
                    url.removeprefix("https://doi.org/") not in citation else ""
                self.written.append((self.page_no(), f"{citation}{shown_url}"))
                with columns.paragraph(bottom_margin=1) as paragraph:
                    paragraph.write(f"{citation}{shown_url}")
        self.set_text_color(0)
        self.ln(2)

    def _charts_heading(self, charts: Sequence[Chart]) -> None:
        if not charts:
            return
        self._keep_together(self._chart_height(charts[0]) + 30)  # the heading never stands alone at a page's foot
        self._heading("Charts")

    def _chart_height(self, chart: Chart) -> float:
        width_in, height_in = chart.figure.get_size_inches()
        return float(self.limits.chart_width_mm * height_in / width_in)

    def _chart(self, chart: Chart | None, images: dict[str, bytes]) -> None:
        if chart is None or chart.empty:  # the section under it says there is nothing yet
            return
        width = self.limits.chart_width_mm
        height = self._chart_height(chart)
        self._keep_together(height + 12)
        self.image(io.BytesIO(images[chart.key]), x=MARGIN_MM + (CONTENT_MM - width) / 2, w=width, h=height,
                   alt_text=chart.summary, title=chart.title)
        self.written.append((self.page_no(), chart.title))
        self._text(chart.summary, size=7.5, colour=GREY)
        self.ln(3)

    def _labs(self, shown: int) -> None:
        labs = self.report.labs
        self._heading("Liver tests")
        if not labs:
            self._text("No liver tests recorded in this period.", size=9)
            return
        latest = sorted(labs, key=lambda lab: (-lab.collected_at.timestamp(), LAB_ORDER.get(lab.code, 99)))[:shown]
        rows = [(self._day(lab.collected_at), LAB_NAMES.get(lab.code, lab.code),
                 f"{number(float(lab.value), 2)} {lab.unit}",
                 number(float(lab.uln), 2) if lab.uln is not None else "–",
                 f"{number(lab.times_uln, 2)}×" if lab.times_uln is not None else "–")
                for lab in latest]
        self._table(("Collected", "Test", "Value", "Upper limit", "× upper limit"), rows,
                    widths=(32, 40, 40, 32, 36))
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
        rows = [(medicine.name, medicine.dose_text or "–",
                 day_words(medicine.start) if medicine.start else "–",
                 day_words(medicine.stop) if medicine.stop else "–") for medicine in medicines]
        self._table(("Medicine", "Dose", "Started", "Stopped"), rows, widths=(50, 68, 31, 31))
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
        rows = [(f"{note.at.astimezone(self.zone):%d %b %Y %H:%M}", note.kind, note.text) for note in notes]
        self._table(("When", "With", "Note"), rows, widths=(34, 20, CONTENT_MM - 54))
        if self.report.notes_total > len(notes):
            self._text(f"Showing the latest {len(notes)} of {self.report.notes_total} notes.", size=8, colour=GREY)

    def _record_words(self, before: str) -> str:
        return f"{before}Record no. {self.head.record_number}" if self.head.record_number else ""

    def _day(self, moment: dt.datetime) -> str:
        return day_words(moment.astimezone(self.zone).date())

    # Small writing helpers; each records what it writes, with its page
    def _heading(self, text: str) -> None:
        self._keep_together(20)
        self.ln(1)
        self._text(text, size=12.5, bold=True, height=7)

    def _text(self, text: str, *, size: float = 10, bold: bool = False, height: float | None = None,
              colour: tuple[int, int, int] = (0, 0, 0), fill: bool = False, indent: float = 0) -> None:
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*colour)
        self.written.append((self.page_no(), text))
        self.set_x(MARGIN_MM + indent)
        self.multi_cell(CONTENT_MM - 2 * indent, height or size * 0.48, text, new_x="LMARGIN", new_y="NEXT",
                        fill=fill, align="L", padding=(1, 2) if fill else 0)
        self.set_text_color(0)

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
                    if value:
                        self.written.append((self.page_no(), value))

    def _keep_together(self, height: float) -> None:
        if self.get_y() + height > self.h - self.b_margin:
            self.add_page()


def patient_name(person: User) -> str:
    """The name a clinician knows the person by; the account name only when no name was given."""
    full = person.get_full_name().strip()
    return full or f"{person.username} (no name on record)"


def _profile_words(patient: User) -> list[str]:
    profile = getattr(patient, "profile", None)
    if profile is None:
        return []
    parts = []
    if profile.birth_year:
        parts.append(f"Born {profile.birth_year}")
    if profile.sex and profile.sex != Sex.UNKNOWN:
        parts.append(profile.get_sex_display())
    conditions = dict(PainCondition.choices)
    if profile.conditions:
        parts.append(", ".join(conditions.get(str(condition), str(condition).replace("_", " "))
                               for condition in profile.conditions))
    return parts


def _flag_words(problem: Problem) -> str:
    """"Urgent · Possible liver injury: ALT 7.4×ULN, bilirubin 2.6× (4 related findings) · first seen 3 Dec 2026".

    A lone alert's clinical line already names the finding with its figure ("Kratom + CYP3A substrate:
    atorvastatin"); a group's card title names the problem, and its lead's figures follow."""
    severity = SEVERITY_WORDS.get(problem.severity, problem.severity.capitalize())
    if problem.parts > 1:
        figure = _key_figure(problem.line, problem.title)
        finding = f"{problem.title}{f': {figure}' if figure else ''} ({problem.parts} related findings)"
    else:
        finding = problem.line or problem.title
    acknowledged = ", acknowledged" if problem.acknowledged else ""
    return f"{severity} · {finding} · first seen {day_words(timezone.localtime(problem.first_seen).date())}{acknowledged}"


def _key_figure(line: str, title: str) -> str:
    """The clinical line without what the title already says: "Liver: ALT 7.4×ULN" under "Possible liver injury"
    is "ALT 7.4×ULN"; a line that is only the title (no figures, or hidden ones) adds nothing."""
    if not line or line == title:
        return ""
    head, _, rest = line.partition(": ")
    if rest and " " not in head and head.lower() in title.lower():
        return rest
    return line


def _status_words(status: str) -> str:
    return "acknowledged" if status == "acknowledged" else "open"


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


def change_words(change: Change) -> str:
    """One measure's change for the report: its IMMPACT category with the figures, or, when either week has too few
    days rated (speciosa.core.analytics.immpact.judgeable), the counts and no category."""
    if change.category != "insufficient" and change.baseline is not None and change.latest is not None:
        words = CATEGORY_WORDS.get(change.category, change.category)
        text = (f"{words[:1].upper()}{words[1:]} by the IMMPACT benchmarks. {number(change.baseline)} in the first "
                f"week ({days_words(change.baseline_start, _week_end(change.baseline_start))}), "
                f"{number(change.latest)} in the latest ({days_words(change.latest_start, change.as_of)})")
        if change.percent is not None:
            text += f": {number(abs(change.percent), 0)}% {'better' if change.percent > 0 else 'worse'}"
        if change.absolute_low is not None and change.absolute_high is not None:
            text += (f"; change {_signed(change.absolute)} points, 95% interval {_signed(change.absolute_low)} to "
                     f"{_signed(change.absolute_high)} (positive = better)")
        if change.two_point:
            text += "; at least 2 points better"
        return text + f". Days rated: {change.n_baseline} and {change.n_latest}."
    if change.n_baseline == 0:  # no ratings, or too short a span for two separate weeks: analytics says which
        reason = change.message.split(": ", 1)[-1]
        return reason[:1].upper() + reason[1:]
    text = too_few_words(change.n_baseline, change.n_latest)
    return (f"{text[:1].upper()}{text[1:]}: the first week with ratings "
            f"({days_words(change.baseline_start, _week_end(change.baseline_start))}) against the latest "
            f"({days_words(change.latest_start, change.as_of)}).")


def baseline_words(change: Change, end: dt.date) -> str:
    """Where the outcome change's baseline comes from, said once under the table."""
    if change.baseline_start is None:
        return f"Baseline: no {LABELS[change.measure].lower()} ratings in this period, so no change is reported."
    first = days_words(change.baseline_start, _week_end(change.baseline_start))
    return (f"Baseline: first week with ratings in this period ({first}), against the latest week "
            f"({days_words(change.latest_start, end)}).")


def days_words(first: dt.date | None, last: dt.date | None) -> str:
    """"3–9 Mar 2026", "28 Feb–6 Mar 2026", "29 Dec 2025–4 Jan 2026"."""
    if first is None or last is None:
        return "–"
    if first.year != last.year:
        return f"{day_words(first)}–{day_words(last)}"
    if first.month != last.month:
        return f"{first.day} {MONTHS[first.month - 1]}–{day_words(last)}"
    return f"{first.day}–{day_words(last)}"


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


def _week_end(day: dt.date | None) -> dt.date | None:
    return None if day is None else day + dt.timedelta(days=6)
