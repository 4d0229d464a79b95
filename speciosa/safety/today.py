"""Alert cards as Today shows them: one card per problem, each with the one button that goes where its action is,
seen cards folded to a line, and the clinician's acknowledgement in the patient's words.

The grouping itself is speciosa.safety.cards'; this module only decides, per card, where "do it now" leads (a product
to add a certificate to, the lab form, the plan, the clinician) and what the clinician said when they saw it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import reverse

from speciosa.accounts.enums import Role
from speciosa.accounts.models import User
from speciosa.diary.models import Product
from speciosa.safety.cards import AlertCard, cards_of
from speciosa.safety.enums import AlertSeverity, AlertStatus
from speciosa.safety.models import StoredAlert

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
    """A clinician acknowledged the card's alert: when, and the note they left (may be empty)."""

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


def clinician_saw(card: AlertCard) -> ClinicianSaw | None:
    """The latest acknowledgement a clinician made on the card's parts, or None."""
    seen = [part for part in card.parts if part.acknowledged_at is not None and part.acknowledged_by is not None
            and part.acknowledged_by.role == Role.CLINICIAN]
    if not seen:
        return None
    latest = max(seen, key=lambda part: part.acknowledged_at or part.first_seen)
    assert latest.acknowledged_at is not None
    return ClinicianSaw(on=latest.acknowledged_at, note=latest.note.strip())


def today_cards(patient: User, alerts: Iterable[StoredAlert]) -> list[TodayCard]:
    """``alerts`` (most severe first, with acknowledged_by loaded) as Today's cards: the open ones first, then the
    seen (acknowledged) ones, each in its own order."""
    cards = cards_of(alerts)
    wanted = {pk for card in cards for pk in _product_ids(card.lead)}
    live = set(Product.objects.of(patient).filter(pk__in=wanted).values_list("pk", flat=True)) if wanted else set()
    shown = [TodayCard(card=card, button=button_of(card, patient, live),
                       seen=card.status == AlertStatus.ACKNOWLEDGED, clinician_saw=clinician_saw(card))
             for card in cards]
    return [card for card in shown if not card.seen] + [card for card in shown if card.seen]
