"""Alert cards as Today shows them: one card per problem, each with the one button that goes where its action is,
seen cards folded to a line, and what the clinician last wrote on it (their latest entry of its conversation).

The grouping itself is speciosa.safety.cards'; this module only decides, per card, where "do it now" leads (a product
to add a certificate to, the lab form, the plan, the clinician) and what the clinician said when they saw it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import reverse

from speciosa.accounts.models import User
from speciosa.diary.models import Product
from speciosa.safety.cards import AlertCard, cards_of
from speciosa.safety.enums import AlertSeverity, AlertStatus, EntryRole
from speciosa.safety.models import AlertEntry, StoredAlert

# Rules whose answer is a talk with the clinician whatever their severity (urgent cards always go there too).
SEE_THE_CLINICIAN = frozenset({"DEPENDENCE", "WITHDRAWAL", "MOOD_SCREEN_POSITIVE", "PREGNANCY", "SEIZURE_RISK",
                               "PAIN_NOT_IMPROVING", "PRODUCT_ILLEGAL"})
# Rules about a product the patient logged: the button opens that product.
ABOUT_A_PRODUCT = {"PRODUCT_NOT_LAB_TESTED": "Add a lab certificate", "PRODUCT_7OH": "Open the product"}
# Rules about the amount taken: the plan sets the limits.
ABOUT_THE_AMOUNT = frozenset({"DOSE_ABOVE_PLAN", "DOSE_HIGH", "DOSE_ESCALATION"})


@dataclass(frozen=True)
class CardButton:
    label: str
    url: str


@dataclass(frozen=True)
class ClinicianSaw:
    """A clinician acknowledged, resolved or commented on the card's alert: when, and what they wrote (may be
    empty), from their latest entry."""

    on: dt.datetime
    note: str


@dataclass(frozen=True)
class TodayCard:
    card: AlertCard
    button: CardButton
    seen: bool
    clinician_saw: ClinicianSaw | None


def _product_ids(alert: StoredAlert) -> list[int]:
    ids = []
    for row in alert.evidence.get("products", []) if isinstance(alert.evidence, dict) else []:
        if isinstance(row, dict) and str(row.get("id", "")).isdigit():
            ids.append(int(row["id"]))
    return ids


def button_of(card: AlertCard, patient: User, live_products: set[int]) -> CardButton:
    """Where the card's one action button goes."""
    code = card.lead.code
    if code in ABOUT_A_PRODUCT:
        products = [pk for pk in _product_ids(card.lead) if pk in live_products]
        if len(products) == 1:
            return CardButton(ABOUT_A_PRODUCT[code], reverse("diary:product_edit", args=[products[0]]))
        if products:
            return CardButton("Open your products", reverse("diary:products"))
    if code == "LABS_OVERDUE":
        return CardButton("Add a lab result", reverse("diary:lab_new"))
    if card.severity == AlertSeverity.URGENT or code in SEE_THE_CLINICIAN:
        return CardButton("Contact your clinician", reverse("clinic:sharing"))
    if code in ABOUT_THE_AMOUNT:
        return CardButton("Open your plan", reverse("plans:mine"))
    if code.startswith("INTERACTION_"):
        return CardButton("Check your medicines", reverse("diary:medications"))
    return CardButton("What this means", reverse("safety:alert_detail", args=[card.lead.pk]))


def latest_clinician_entries(alerts: Iterable[StoredAlert]) -> dict[int, AlertEntry]:
    """Each alert's latest entry written by a clinician (an acknowledgement, resolution or comment), by alert id:
    one query for all of them."""
    latest: dict[int, AlertEntry] = {}
    ids = [alert.pk for alert in alerts]
    if ids:
        written = AlertEntry.objects.filter(alert_id__in=ids, role=EntryRole.CLINICIAN).order_by("created_at", "pk")
        for entry in written:
            latest[entry.alert_id] = entry
    return latest


def clinician_saw(card: AlertCard, latest: dict[int, AlertEntry]) -> ClinicianSaw | None:
    """The latest entry a clinician wrote on any of the card's parts (``latest_clinician_entries``), or None."""
    seen = [latest[part.pk] for part in card.parts if part.pk in latest]
    if not seen:
        return None
    entry = max(seen, key=lambda entry: (entry.created_at, entry.pk))
    return ClinicianSaw(on=entry.created_at, note=entry.text.strip())


def today_cards(patient: User, alerts: Iterable[StoredAlert]) -> list[TodayCard]:
    """``alerts`` (most severe first, with acknowledged_by loaded) as Today's cards: the open ones first, then the
    seen (acknowledged) ones, each in its own order."""
    cards = cards_of(alerts)
    latest = latest_clinician_entries(part for card in cards for part in card.parts)
    wanted = {pk for card in cards for pk in _product_ids(card.lead)}
    live = set(Product.objects.of(patient).filter(pk__in=wanted).values_list("pk", flat=True)) if wanted else set()
    shown = [TodayCard(card=card, button=button_of(card, patient, live),
                       seen=card.status == AlertStatus.ACKNOWLEDGED, clinician_saw=clinician_saw(card, latest))
             for card in cards]
    return [card for card in shown if not card.seen] + [card for card in shown if card.seen]
