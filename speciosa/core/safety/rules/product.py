"""Product rules: concentrated 7-OH, products without a lab certificate, and products not lawful where the patient
lives on the day of the dose."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from speciosa.core import jurisdictions
from speciosa.core.bibliography import cite
from speciosa.core.evidence import EvidenceLevel
from speciosa.core.safety import daily
from speciosa.core.safety.alert import Alert, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.safety.thresholds import Threshold
from speciosa.core.safety.wording import plain_date, with_stopping_note
from speciosa.core.snapshot import Product, Snapshot
from speciosa.core.units import LEAF_FORMS, Basis, Form, default_content

FAMILY = "product"
RECENT_DAYS = 30

LYDECKER_2016 = cite("lydecker-2016")
KIKURA_HANAJIRI_2009 = cite("kikura-hanajiri-2009")
BROWN_2025 = cite("brown-2025")
FDA_KRATOM = cite("fda-kratom")
GEORGIA_16_13_122 = cite("georgia-code-16-13-122")
FLORIDA_2ER25_2 = cite("florida-2025")
OKLAHOMA_KCPA = cite("oklahoma-kratom-act")
CDC_SALMONELLA_2018 = cite("cdc-multistate-outbreak-2018")
FDA_HEAVY_METALS_2019 = cite("fda-heavy-metals-2019")

# Natural leaf, from the primary measurement (Kikura-Hanajiri 2009): 7-OH 0.1-0.4 mg per g of product (0.01-0.04% of
# its weight, not of its alkaloids) beside 10-60 mg/g mitragynine, so natural 7-OH/mitragynine ratios reach about 4%
# when the extremes meet. Every default below sits above what natural leaf holds.
SEVEN_OH_LEAF_MAX_MG_PER_G = Threshold(
    "product_7oh_leaf_max_mg_per_g", default=0.5, minimum=0.05, maximum=10.0,
    unit="mg 7-OH per g of a leaf product",
    why=("Natural leaf products held 0.1-0.4 mg 7-OH per gram (0.01-0.04% of weight, Kikura-Hanajiri 2009); Georgia "
         "allows no kratom product above 0.5 mg/g (O.C.G.A. 16-13-122) and Florida scheduled 7-OH above 0.4 mg/g "
         "(400 ppm dry weight, 2025). A leaf product above 0.5 mg/g holds more 7-OH than natural leaf does."),
    sources=(KIKURA_HANAJIRI_2009, GEORGIA_16_13_122, FLORIDA_2ER25_2))
SEVEN_OH_MAX_PCT = Threshold(
    "product_7oh_max_pct_of_mitragynine", default=5.0, minimum=0.1, maximum=100.0,
    unit="% 7-OH relative to mitragynine",
    why=("Natural leaf holds 7-OH at up to about 4% of its mitragynine (0.04% 7-OH beside 1% mitragynine at the "
         "extremes measured by Kikura-Hanajiri 2009), so a ratio above 5% is more than natural leaf gives; products "
         "made from 7-OH hold several times more 7-OH than mitragynine (Brown 2025). State acts that cap 7-OH at 2% "
         "of all alkaloids use a larger denominator and are legal limits, not a line natural leaf never crosses."),
    sources=(KIKURA_HANAJIRI_2009, BROWN_2025, OKLAHOMA_KCPA))
SEVEN_OH_MAX_MG_PER_DOSE = Threshold(
    "product_7oh_max_mg_per_dose", default=5.0, minimum=0.5, maximum=100.0,
    unit="mg 7-OH in one logged dose",
    why=("5 mg of 7-OH is what 12.5 g of the most 7-OH-rich natural leaf measured would give (0.4 mg/g, "
         "Kikura-Hanajiri 2009), a dose far above the usual 1-5 g. Georgia caps a labelled serving at 1 mg "
         "(O.C.G.A. 16-13-122), but ordinary leaf doses can exceed 1 mg, so that legal cap is not used to call a "
         "dose concentrated."),
    sources=(KIKURA_HANAJIRI_2009, GEORGIA_16_13_122))


@dataclass(frozen=True, slots=True)
class SevenOhConcern:
    """Why a product counts as a concentrated 7-OH product."""

    # "7oh_product", "leaf_content_above_natural", "ratio_above_natural" or "no_mitragynine"
    reason: str
    pct_of_mitragynine: float | None


def seven_oh_concern(product: Product, *, max_pct: float, leaf_max_mg_per_g: float) -> SevenOhConcern | None:
    """Whether ``product`` is a concentrated 7-OH product: sold as one; a leaf product whose recorded 7-OH per gram
    is above ``leaf_max_mg_per_g`` (more than natural leaf holds); or one whose recorded 7-OH is above ``max_pct``
    percent of its mitragynine. A documented default content is an estimate, not a measurement, and never flags a
    product on its own."""
    if product.form is Form.SEVEN_OH:
        return SevenOhConcern("7oh_product", None)
    hydroxy = product.hydroxymitragynine_mg_per_g
    if hydroxy is None or hydroxy <= 0:
        return None
    mitragynine = product.mitragynine_mg_per_g
    if mitragynine is None:
        defaults = default_content(product.form)
        mitragynine = defaults[0] if defaults is not None else None
    pct = None if mitragynine is None or mitragynine <= 0 else round(hydroxy / mitragynine * 100, 2)
    if product.form in LEAF_FORMS and round(hydroxy, 6) > leaf_max_mg_per_g:
        return SevenOhConcern("leaf_content_above_natural", pct)
    if mitragynine is None:
        return None
    if mitragynine <= 0:
        return SevenOhConcern("no_mitragynine", None)
    return SevenOhConcern("ratio_above_natural", pct) if round(hydroxy / mitragynine * 100, 6) > max_pct else None


@rule(code="PRODUCT_7OH", version=2, title="A concentrated 7-OH product", family=FAMILY,
      severities=(Severity.URGENT,), evidence_level=EvidenceLevel.CASE_REPORTS,
      sources=(FDA_KRATOM, LYDECKER_2016, KIKURA_HANAJIRI_2009, BROWN_2025, GEORGIA_16_13_122),
      settings=(SEVEN_OH_LEAF_MAX_MG_PER_G, SEVEN_OH_MAX_PCT, SEVEN_OH_MAX_MG_PER_DOSE),
      plain_title="A strong 7-OH product",
      plain_summary=("We check your products for 7-OH, a strong part of kratom that some products add. It acts "
                     "like a strong opioid."))
def product_7oh(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Every product in the patient's list, by the amounts a lab certificate or label records (never by defaults): a
    ``7oh_product``; a leaf product (powder, capsule, tablet, tea) with more 7-OH per gram than
    ``product_7oh_leaf_max_mg_per_g`` (default 0.5 mg/g); any product whose 7-OH is above
    ``product_7oh_max_pct_of_mitragynine`` (default 5%) of its mitragynine; and an extract or shot of which a single
    dose logged in the last 30 days gave more than ``product_7oh_max_mg_per_dose`` (default 5 mg) of 7-OH (leaf
    products are judged by their content per gram; how much leaf is taken is DOSE_HIGH's concern). Leaf products without a
    recorded mitragynine content are compared with the documented leaf default. The evidence lists the products,
    why each was flagged, and its doses and 7-OH of the last 30 days.

    Why:
    7-OH is a minor alkaloid of the natural leaf (0.01-0.04% of the leaf's weight beside 1-6% mitragynine,
    Kikura-Hanajiri 2009) but a potent opioid; products enriched in it or made from it (22-75 mg/g in tested
    products, Brown 2025; adulterated "kratom" in Lydecker 2016) carry opioid-like risks of overdose, dependence and
    withdrawal. The FDA warned sellers in July 2025 and recommended scheduling 7-OH. The limits follow what state laws
    count (absolute content per gram and per serving: Georgia 0.5 mg/g and 1 mg per serving; Florida 0.04% by dry
    weight), each set just above what natural leaf holds so that natural leaf does not raise an urgent alert.

    Known limits:
    Natural 7-OH content is known from few measurements (13 products in Kikura-Hanajiri 2009; a US powder survey
    reported up to about 0.05%, secondary report only), and 7-OH can rise as leaf ages. Extracts concentrate 7-OH with
    mitragynine, so an extract is judged by its ratio and its doses, not by 7-OH per gram; a legal cap (Georgia's
    0.5 mg/g for every product) may be stricter than this rule. Labels of these products are often wrong, and a
    product without any 7-OH figure can only be caught by its form. A product stays flagged while it is in the
    patient's list, even if not used lately.
    """
    max_pct = product_7oh.setting(snapshot, SEVEN_OH_MAX_PCT)
    leaf_max = product_7oh.setting(snapshot, SEVEN_OH_LEAF_MAX_MG_PER_G)
    dose_max = product_7oh.setting(snapshot, SEVEN_OH_MAX_MG_PER_DOSE)
    recent = daily.recent_doses(snapshot, RECENT_DAYS)
    rows = []
    for product in snapshot.products.values():
        used = [dose for dose in recent if dose.product == product.id]
        concern = seven_oh_concern(product, max_pct=max_pct, leaf_max_mg_per_g=leaf_max)
        measured = [dose for dose in used if dose.normalised.hydroxymitragynine_basis is not Basis.DEFAULT]
        largest = max(measured, key=lambda dose: dose.normalised.hydroxymitragynine_mg, default=None)
        if (concern is None and product.form not in LEAF_FORMS and largest is not None
                and round(largest.normalised.hydroxymitragynine_mg, 6) > dose_max):
            concern = SevenOhConcern("dose_above_natural", None)
        if concern is None:
            continue
        rows.append({"id": product.id, "name": product.name, "form": product.form.value, "reason": concern.reason,
                     "hydroxymitragynine_mg_per_g": product.hydroxymitragynine_mg_per_g,
                     "pct_of_mitragynine": concern.pct_of_mitragynine, "doses_last_30_days": len(used),
                     "hydroxymitragynine_mg_last_30_days": round(sum(d.normalised.hydroxymitragynine_mg
                                                                     for d in used), 2),
                     "largest_dose_hydroxymitragynine_mg": (None if largest is None else
                                                            round(largest.normalised.hydroxymitragynine_mg, 2))})
    if not rows:
        return
    yield product_7oh.alert(
        Severity.URGENT,
        message=(f"{_names(rows)} {'has' if len(rows) == 1 else 'have'} much more 7-OH than natural kratom leaf. "
                 "7-OH acts like a strong opioid. It can cause overdose, and it is easy to get hooked on it. The US "
                 "drug agency (FDA) has warned against these products."),
        action=with_stopping_note(
            "Stop using this product. Talk with your clinician today about a safer plan. Never mix it with alcohol, "
            "sleeping pills or opioids. If someone who took it is hard to wake or breathing slowly, call for "
            "emergency help. Naloxone can reverse an opioid overdose."),
        clinical=(_capitalised("; ".join(_describe(row) for row in rows)) + ". Concentrated 7-hydroxymitragynine: "
                  "potent mu-opioid agonist; overdose, dependence and withdrawal risk; FDA warning (2025)."),
        evidence={"products": rows, "max_pct_of_mitragynine": max_pct, "leaf_max_mg_per_g": leaf_max,
                  "max_mg_per_dose": dose_max},
    )


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _names(rows: list[dict[str, Any]]) -> str:
    names = [f"'{row['name']}'" for row in rows]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _describe(row: dict[str, Any]) -> str:
    name = f"'{row['name']}'"
    if row["reason"] == "7oh_product":
        return f"{name} is a concentrated 7-OH product"
    if row["reason"] == "leaf_content_above_natural":
        return (f"{name} holds {row['hydroxymitragynine_mg_per_g']:g} mg of 7-OH per gram, more than natural kratom "
                "leaf holds")
    if row["reason"] == "no_mitragynine":
        return f"{name} holds 7-OH but almost no mitragynine, unlike natural leaf"
    if row["reason"] == "ratio_above_natural":
        return (f"{name} holds 7-OH at {row['pct_of_mitragynine']:g}% of its mitragynine, more than natural kratom "
                "leaf does")
    return (f"one dose of {name} gave about {row['largest_dose_hydroxymitragynine_mg']:g} mg of 7-OH, more than even "
            "a large dose of natural leaf gives")


@rule(code="PRODUCT_NOT_LAB_TESTED", version=1, title="A product without a lab certificate", family=FAMILY,
      severities=(Severity.INFO,), evidence_level=EvidenceLevel.CASE_REPORTS,
      sources=(CDC_SALMONELLA_2018, FDA_HEAVY_METALS_2019), plain_title="A product that has not been lab tested",
      plain_summary=("We check whether the products you take have a lab report. A lab report shows what is in the "
                     "product and that it is clean."))
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
        message=(f"{_names(rows)} {'has' if len(rows) == 1 else 'have'} no lab report here. Some kratom products "
                 "have had germs or metals like lead in them. Without a lab report, no one knows how strong a "
                 "product is."),
        action=("Choose products with a lab report from a lab that does not belong to the seller. The report should "
                "be for your batch. When you have one, add it to the product here."),
        clinical=(f"No certificate of analysis on record for {names} (taken in the last {RECENT_DAYS} days): "
                  "contamination risk (Salmonella outbreak 2018, heavy metals, FDA 2019) and alkaloid content "
                  "uncertain (dose figures rest on defaults or the label)."),
        evidence={"products": rows},
    )


@rule(code="PRODUCT_ILLEGAL", version=2, title="Kratom or 7-OH is restricted where you live", family=FAMILY,
      severities=(Severity.WARNING,), evidence_level=EvidenceLevel.GUIDELINE,
      sources=(FDA_KRATOM, OKLAHOMA_KCPA, GEORGIA_16_13_122), settings=(SEVEN_OH_LEAF_MAX_MG_PER_G, SEVEN_OH_MAX_PCT),
      plain_title="Kratom or 7-OH is limited by law where you live",
      plain_summary=("We check the law where you live. We tell you if kratom, or strong 7-OH products, are banned "
                     "or limited there."))
def product_illegal(snapshot: Snapshot) -> Iterator[Alert]:
    """What it checks:
    Each dose of the last 30 days against the status of the patient's jurisdiction on that dose's date (a city
    inherits its state's and country's rules, the stricter winning; an emergency rule stops applying after its end
    date): ``banned`` flags any kratom; ``7oh_banned`` flags only concentrated 7-OH products (as PRODUCT_7OH defines
    them by content); a minimum age flags a patient who, by birth year, is certainly under it on that day; a law
    that forbids selling kratom to pregnant or breastfeeding women (Thailand) flags a patient recorded as either.

    Why:
    Laws on kratom differ between countries, states and cities and change often (state bans, consumer protection
    acts with age limits and 7-OH caps, 2025 emergency rules on concentrated 7-OH that lapse on a set day). A
    clinician supervising kratom use needs to know when the patient's use or product is not lawful where they live.
    Each jurisdiction row cites its own source and date, and says its 7-OH cap in words.

    Known limits:
    Not legal advice. The data may lag new laws (each row says when it was checked, and the evidence carries it);
    only the patient's home jurisdiction is known, not where a dose was bought or taken. With only a birth year,
    age limits are applied only when the patient is under age whatever the birthday. A product is judged by
    PRODUCT_7OH's clinical limits, not by each state's own cap (Georgia's 0.5 mg/g applies to extracts too), so a
    product over a state's cap but within natural proportions is not flagged. Pregnancy and breastfeeding are known
    only from the profile.
    """
    code = snapshot.patient.jurisdiction
    if code is None or not jurisdictions.validate_code(code):
        return
    max_pct = product_illegal.setting(snapshot, SEVEN_OH_MAX_PCT)
    leaf_max = product_illegal.setting(snapshot, SEVEN_OH_LEAF_MAX_MG_PER_G)
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
        concentrated = seven_oh_concern(product, max_pct=max_pct, leaf_max_mg_per_g=leaf_max) is not None
        reason = _restriction(status, concentrated=concentrated, birth_year=snapshot.patient.birth_year, day=day,
                              pregnant_or_breastfeeding=snapshot.patient.pregnant or snapshot.patient.breastfeeding)
        if reason is not None:
            findings.append((day, product, status, reason))
    if not findings:
        return
    _, _, status, reason = findings[-1]
    same = [(day, product) for day, product, s, r in findings if s == status and r == reason]
    days = sorted({day.isoformat() for day, _ in same})
    products = sorted({product.name for _, product in same})
    since = (f"since {status.effective.isoformat()}" if status.until is None else
             f"from {status.effective.isoformat()} to {status.until.isoformat()}, a temporary rule")
    if reason == "banned":
        banned = (f"Kratom is banned in {status.name}" if status.restriction is None else
                  f"In {status.name}, {status.restriction}")
        message = (f"{banned} ({since}), where your profile says you live. You logged kratom on {len(days)} "
                   f"day(s) in the last {RECENT_DAYS} days.")
        plain = (f"Kratom is banned or limited in {status.name}, where your profile says you live. You took kratom "
                 f"on {len(days)} day(s) in the last {RECENT_DAYS} days.")
    elif reason == "7oh_banned":
        limit = status.seven_oh_limit or "concentrated 7-OH"
        message = (f"In {status.name}, products with {limit} may not be sold ({since}). You logged "
                   f"{', '.join(products)}, with more 7-OH than natural leaf holds.")
        plain = (f"In {status.name}, strong 7-OH products may not be sold. You took {', '.join(products)}, which "
                 "has more 7-OH than natural leaf.")
    elif reason == "pregnancy":
        message = (f"In {status.name} kratom may not be sold to pregnant or breastfeeding women, and your profile "
                   "says you are pregnant or breastfeeding.")
        plain = (f"In {status.name}, kratom may not be sold to women who are pregnant or breastfeeding. Your profile "
                 "says you are one of them.")
    else:
        message = (f"In {status.name} kratom is restricted to people aged {status.minimum_age} or over, and by your "
                   "birth year you are under that age.")
        plain = (f"In {status.name}, only people aged {status.minimum_age} or over may buy kratom. By your birth "
                 "year you are younger than that.")
    yield product_illegal.alert(
        Severity.WARNING,
        message=plain + f" Laws change. We last checked this on {plain_date(status.checked)}.",
        action=("We cannot give legal advice. Check the rules where you live; the source is in the details below. "
                "Talk with your clinician about legal ways to treat your pain."),
        clinical=message + f" (Source checked {status.checked.isoformat()}.)",
        evidence={"reason": reason, "jurisdiction": status.to_dict(), "days": days, "products": products},
    )


def _restriction(status: jurisdictions.JurisdictionStatus, *, concentrated: bool, birth_year: int | None,
                 day: dt.date, pregnant_or_breastfeeding: bool) -> str | None:
    if status.bans_leaf:
        return "banned"
    if concentrated and status.bans_concentrated_7oh:
        return "7oh_banned"
    if pregnant_or_breastfeeding and status.no_sale_pregnant_or_breastfeeding:
        return "pregnancy"
    oldest_possible_age = None if birth_year is None else day.year - birth_year
    if status.minimum_age is not None and oldest_possible_age is not None and oldest_possible_age < status.minimum_age:
        return "under_age"
    return None
