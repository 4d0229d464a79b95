"""Product rules: concentrated 7-OH, products without a lab certificate, and products not lawful where the patient
lives on the day of the dose."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from speciosa.core import jurisdictions
from speciosa.core.evidence import EvidenceLevel, Source
from speciosa.core.safety import daily
from speciosa.core.safety.alert import Alert, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.safety.thresholds import Threshold
from speciosa.core.snapshot import Product, Snapshot
from speciosa.core.units import Form, default_content

FAMILY = "product"
RECENT_DAYS = 30

LYDECKER_2016 = Source("Lydecker AG et al. Suspected adulteration of commercial kratom products with "
                       "7-hydroxymitragynine. J Med Toxicol 2016;12(4):341-349. doi:10.1007/s13181-016-0588-y",
                       "https://doi.org/10.1007/s13181-016-0588-y")
CFSRE_7OH = Source("CFSRE evaluation of commercial '7-hydroxymitragynine' products: in natural leaves 7-OH is about "
                   "0.01-0.04% of total alkaloid content (reported by Forensic Magazine)",
                   "https://www.forensicmag.com/3594-All-News/618617-CFSRE-Commercial-Kratom-Products-Contain-"
                   "Unnaturally-High-Levels-of-Metabolite/")
BROWN_2025 = Source("Brown PN, Chan M, Zhang X, Brendler T. Elevated 7-hydroxymitragynine levels found in products "
                    "misbranded as kratom. J AOAC Int 2025. doi:10.1093/jaoacint/qsaf094",
                    "https://doi.org/10.1093/jaoacint/qsaf094")
FDA_KRATOM = Source("U.S. FDA. FDA and Kratom (warning letters on 7-OH products, July 2025; recommendation to "
                    "schedule 7-OH; Salmonella and heavy-metal findings)",
                    "https://www.fda.gov/news-events/public-health-focus/fda-and-kratom")
OKLAHOMA_KCPA = Source("Oklahoma Statutes tit. 63 s.1-1432.4 (Kratom Consumer Protection Act): no kratom product "
                       "with 7-OH above 2% of the alkaloid composition; no sale under 18",
                       "https://getpocketlaw.com/law/state_oklahoma/section-63-1-1432-4-prohibited-products-"
                       "labeling-requirements-distribution-to-minors-prohibited-test-results_c04185cfe382")
CDC_SALMONELLA_2018 = Source("CDC. Multistate outbreak of Salmonella infections linked to kratom (final update, May "
                             "2018: 199 ill in 41 states, 38% hospitalised)",
                             "https://www.cdc.gov/salmonella/kratom-02-18/index.html")
FDA_HEAVY_METALS_2019 = Source("U.S. FDA. Laboratory analysis of kratom products for heavy metals (April 2019: lead "
                               "and nickel above safe levels in 30 products)",
                               "https://www.fda.gov/news-events/public-health-focus/"
                               "laboratory-analysis-kratom-products-heavy-metals")

SEVEN_OH_MAX_PCT = Threshold(
    "product_7oh_max_pct_of_mitragynine", default=2.0, minimum=0.1, maximum=100.0,
    unit="% 7-OH relative to mitragynine",
    why=("State kratom consumer protection acts forbid 7-OH above 2% of the alkaloid fraction (e.g. Oklahoma tit. "
         "63 s.1-1432.4); natural leaf holds far less (about 0.01-0.04% of alkaloids, CFSRE)."),
    sources=(OKLAHOMA_KCPA, CFSRE_7OH))


@dataclass(frozen=True, slots=True)
class SevenOhConcern:
    """Why a product counts as a concentrated 7-OH product."""

    reason: str  # "7oh_product" or "above_natural_leaf"
    pct_of_mitragynine: float | None


def seven_oh_concern(product: Product, max_pct: float) -> SevenOhConcern | None:
    """Whether ``product`` is a concentrated 7-OH product: sold as one, or with recorded 7-OH content above
    ``max_pct`` percent of its mitragynine (natural leaf holds far less). A documented default content is an
    estimate, not a measurement, and never flags a product on its own."""
    if product.form is Form.SEVEN_OH:
        return SevenOhConcern("7oh_product", None)
    hydroxy = product.hydroxymitragynine_mg_per_g
    if hydroxy is None or hydroxy <= 0:
        return None
    mitragynine = product.mitragynine_mg_per_g
    if mitragynine is None:
        defaults = default_content(product.form)
        mitragynine = defaults[0] if defaults is not None else None
    if mitragynine is None:
        return None
    if mitragynine <= 0:
        return SevenOhConcern("above_natural_leaf", None)
    pct = hydroxy / mitragynine * 100
    return SevenOhConcern("above_natural_leaf", round(pct, 2)) if round(pct, 6) > max_pct else None


@rule(code="PRODUCT_7OH", version=1, title="A concentrated 7-OH product", family=FAMILY,
      severities=(Severity.URGENT,), evidence_level=EvidenceLevel.CASE_REPORTS,
      sources=(FDA_KRATOM, LYDECKER_2016, CFSRE_7OH, BROWN_2025, OKLAHOMA_KCPA), settings=(SEVEN_OH_MAX_PCT,))
def product_7oh(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Every product in the patient's list: a ``7oh_product``, or a product whose recorded 7-OH content is above
    ``product_7oh_max_pct_of_mitragynine`` (default 2%) of its mitragynine content. Leaf products without a recorded
    mitragynine content are compared with the documented leaf default. The evidence lists the products and any
    doses of them in the last 30 days.

    Why:
    7-OH is a minor alkaloid of the natural leaf (about 0.01-0.04% of alkaloids, CFSRE) but a potent opioid; products
    enriched in it or made from it (22-75 mg/g in tested products, Brown 2025; adulterated "kratom" in Lydecker 2016)
    carry opioid-like risks of overdose, dependence and withdrawal. The FDA warned sellers in July 2025 and
    recommended scheduling 7-OH; state consumer protection acts forbid 7-OH above 2% of the alkaloid fraction.

    Known limits:
    The 2% test uses mitragynine as the denominator, not all alkaloids, so it flags somewhat earlier than the
    statutes do. Labels of these products are often wrong, and a product without any 7-OH figure can only be caught
    by its form. A product stays flagged while it is in the patient's list, even if not used lately.
    """
    max_pct = product_7oh.setting(snapshot, SEVEN_OH_MAX_PCT)
    flagged = [(product, concern) for product in snapshot.products.values()
               if (concern := seven_oh_concern(product, max_pct)) is not None]
    if not flagged:
        return
    recent = daily.recent_doses(snapshot, RECENT_DAYS)
    rows = []
    for product, concern in flagged:
        used = [dose for dose in recent if dose.product == product.id]
        rows.append({"id": product.id, "name": product.name, "form": product.form.value, "reason": concern.reason,
                     "hydroxymitragynine_mg_per_g": product.hydroxymitragynine_mg_per_g,
                     "pct_of_mitragynine": concern.pct_of_mitragynine, "doses_last_30_days": len(used),
                     "hydroxymitragynine_mg_last_30_days": round(sum(d.normalised.hydroxymitragynine_mg
                                                                     for d in used), 2)})
    descriptions = []
    for row in rows:
        if row["reason"] == "7oh_product":
            descriptions.append(f"'{row['name']}' is a concentrated 7-OH product")
        elif row["pct_of_mitragynine"] is None:
            descriptions.append(f"'{row['name']}' holds 7-OH but almost no mitragynine, unlike natural leaf")
        else:
            descriptions.append(f"'{row['name']}' holds 7-OH at {row['pct_of_mitragynine']:g}% of its mitragynine, "
                                "far more than natural kratom leaf")
    yield product_7oh.alert(
        Severity.URGENT,
        message=("; ".join(descriptions) + ". 7-OH acts like a strong opioid: overdose, dependence and withdrawal "
                 "are real risks, and the FDA has warned against these products."),
        action=("Stop using it and talk with your clinician today about a safer plan. Never combine it with alcohol, "
                "sedatives or opioids. If someone who took it is hard to wake or breathing slowly, call emergency "
                "services: naloxone can reverse an opioid overdose."),
        evidence={"products": rows, "max_pct_of_mitragynine": max_pct},
    )


@rule(code="PRODUCT_NOT_LAB_TESTED", version=1, title="A product without a lab certificate", family=FAMILY,
      severities=(Severity.INFO,), evidence_level=EvidenceLevel.CASE_REPORTS,
      sources=(CDC_SALMONELLA_2018, FDA_HEAVY_METALS_2019))
def product_not_lab_tested(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Products taken in the last 30 days that are not marked ``lab_tested`` (no certificate of analysis from an
    independent lab).

    Why:
    Kratom products have been contaminated: a 2017-2018 Salmonella outbreak made 199 people ill in 41 states (38%
    hospitalised) with no single source found, and FDA testing in 2018-2019 found lead and nickel above safe levels,
    a concern for long-term daily use. A certificate also gives the product's real alkaloid content, which makes
    Speciosa's dose figures more accurate.

    Known limits:
    A certificate lowers but does not remove the risk (it covers one batch, and its lab may not be independent).
    Speciosa records whether a certificate exists, not what it tested for.
    """
    recent = daily.recent_doses(snapshot, RECENT_DAYS)
    untested: dict[str, dt.datetime] = {}
    for dose in recent:
        product = snapshot.products[dose.product]
        if not product.lab_tested:
            untested[product.id] = dose.taken_at
    if not untested:
        return
    rows = [{"id": pid, "name": snapshot.products[pid].name, "last_dose_at": at.isoformat()}
            for pid, at in sorted(untested.items())]
    names = ", ".join(f"'{row['name']}'" for row in rows)
    yield product_not_lab_tested.alert(
        Severity.INFO,
        message=(f"{names} {'has' if len(rows) == 1 else 'have'} no lab certificate on record. Kratom products have "
                 "been found contaminated with Salmonella and heavy metals, and untested products' strength is "
                 "uncertain."),
        action=("Prefer products with a certificate of analysis from an independent lab (batch-specific, testing "
                "alkaloids, microbes and heavy metals), and record it in the product."),
        evidence={"products": rows},
    )


@rule(code="PRODUCT_ILLEGAL", version=1, title="Kratom or 7-OH is restricted where you live", family=FAMILY,
      severities=(Severity.WARNING,), evidence_level=EvidenceLevel.GUIDELINE, sources=(FDA_KRATOM, OKLAHOMA_KCPA),
      settings=(SEVEN_OH_MAX_PCT,))
def product_illegal(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Each dose of the last 30 days against the status of the patient's jurisdiction on that dose's date (a city
    inherits its state's and country's rules, the stricter winning): ``banned`` flags any kratom;
    ``7oh_banned`` flags only concentrated 7-OH products (as PRODUCT_7OH defines them); a minimum age flags a
    patient who, by birth year, is certainly under it on that day.

    Why:
    Laws on kratom differ between countries, states and cities and change often (state bans, consumer protection
    acts with age limits, 2025 bans on concentrated 7-OH). A clinician supervising kratom use needs to know when the
    patient's use or product is not lawful where they live. Each jurisdiction row cites its own source and date.

    Known limits:
    Not legal advice. The data may lag new laws (each row says when it was checked, and the evidence carries it);
    only the patient's home jurisdiction is known, not where a dose was bought or taken. With only a birth year,
    age limits are applied only when the patient is under age whatever the birthday.
    """
    code = snapshot.patient.jurisdiction
    if code is None or not jurisdictions.validate_code(code):
        return
    max_pct = product_illegal.setting(snapshot, SEVEN_OH_MAX_PCT)
    statuses: dict[dt.date, jurisdictions.JurisdictionStatus | None] = {}
    findings = []
    for dose in daily.recent_doses(snapshot, RECENT_DAYS):
        day = snapshot.local_day(dose.taken_at)
        if day not in statuses:
            statuses[day] = jurisdictions.status_on(code, day)
        status = statuses[day]
        if status is None:
            continue
        product = snapshot.products[dose.product]
        reason = _restriction(status, concentrated=seven_oh_concern(product, max_pct) is not None,
                              birth_year=snapshot.patient.birth_year, day=day)
        if reason is not None:
            findings.append((day, product, status, reason))
    if not findings:
        return
    _, _, status, reason = findings[-1]
    same = [(day, product) for day, product, s, r in findings if s == status and r == reason]
    days = sorted({day.isoformat() for day, _ in same})
    products = sorted({product.name for _, product in same})
    if reason == "banned":
        message = (f"Kratom is banned in {status.name} (since {status.effective.isoformat()}), where your profile "
                   f"says you live. You logged kratom on {len(days)} day(s) in the last {RECENT_DAYS} days.")
    elif reason == "7oh_banned":
        message = (f"Concentrated 7-OH products are banned in {status.name} (since "
                   f"{status.effective.isoformat()}), and you logged {', '.join(products)}.")
    else:
        message = (f"In {status.name} kratom is restricted to people aged {status.minimum_age} or over, and by your "
                   "birth year you are under that age.")
    yield product_illegal.alert(
        Severity.WARNING,
        message=message + f" (Source checked {status.checked.isoformat()}; laws change, so please confirm.)",
        action=("Speciosa cannot give legal advice. Check the current rules where you live (the source is linked "
                "in the details) and talk with your clinician about lawful options for your pain."),
        evidence={"reason": reason, "jurisdiction": status.to_dict(), "days": days, "products": products},
    )


def _restriction(status: jurisdictions.JurisdictionStatus, *, concentrated: bool, birth_year: int | None,
                 day: dt.date) -> str | None:
    if status.bans_leaf:
        return "banned"
    if concentrated and status.bans_concentrated_7oh:
        return "7oh_banned"
    oldest_possible_age = None if birth_year is None else day.year - birth_year
    if status.minimum_age is not None and oldest_possible_age is not None and oldest_possible_age < status.minimum_age:
        return "under_age"
    return None
