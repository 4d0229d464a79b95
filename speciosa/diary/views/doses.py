"""Logging, changing and deleting a dose, and reading its history."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from speciosa.accounts.http import AuthedRequest, patient_required
from speciosa.core.errors import InputError
from speciosa.diary.domain import delete_dose, record_dose, undo_dose, update_dose
from speciosa.diary.enums import RevisionAction
from speciosa.diary.forms import DoseForm
from speciosa.diary.models import Dose, Product, Revision
from speciosa.diary.queries import recent_repeat, revisions_of
from speciosa.diary.templatetags.diary_format import dose_unit, plain_number
from speciosa.diary.views.today import logged
from speciosa.lib.pages import back, posted

# What the history shows of a change, in this order, with these words.
HISTORY_FIELDS = {"product_id": "Product", "amount": "Amount", "unit": "Unit", "taken_at": "Time taken",
                  "reason": "Reason", "note": "Note"}


def _own_dose(request: AuthedRequest, pk: int) -> Dose:
    return get_object_or_404(Dose.objects.of(request.user).select_related("product"), pk=pk)


@patient_required
def dose_new(request: AuthedRequest) -> HttpResponse:
    """Logs a dose. The same product, amount and unit logged in the last two minutes is asked about first ("You
    logged this 1 minute ago: log it again?"); the answer posts the form again with ``confirmed``."""
    patient = request.user
    form = DoseForm(posted(request), patient=patient)
    repeat = None
    if form.is_bound and form.is_valid():
        values = form.cleaned_data
        if request.POST.get("confirmed") != "1":
            repeat = recent_repeat(patient, product_id=values["product"].pk, amount=float(values["amount"]),
                                   unit=values["unit"], taken_at=values["taken_at"], now=timezone.now(),
                                   client_id=values.get("client_id"))
        if repeat is None and form.submit(lambda values: record_dose(patient, by=patient, **values)):
            logged(request, form.result, form.result.product)
            return redirect(back(request, "diary:today"))
    return render(request, "diary/dose_form.html",
                  {"form": form, "repeat": repeat, "title": "Log a dose", "submit": "Log dose"})


@patient_required
@require_POST
def dose_undo(request: AuthedRequest, pk: int) -> HttpResponse:
    """The "Undo" button of the message after logging: takes the dose back within a minute (a soft delete)."""
    dose = _own_dose(request, pk)
    try:
        undo_dose(dose, by=request.user)
    except InputError as error:
        messages.error(request, f"{error.message[:1].upper()}{error.message[1:]}.")
    else:
        amount = plain_number(dose.amount)
        messages.success(request, f"Undone: {amount} {dose_unit(dose.unit, amount)} of {dose.product.name} is no "
                                  "longer in your diary.")
    return redirect(back(request, "diary:today"))


@patient_required
def dose_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    dose = _own_dose(request, pk)
    form = DoseForm(posted(request), patient=request.user, dose=dose)
    if form.is_bound and form.is_valid() and form.submit(lambda values: update_dose(dose, by=request.user, **values)):
        messages.success(request, "Dose changed. The earlier values are kept in its history.")
        return redirect(back(request, "diary:today"))
    return render(request, "diary/dose_form.html",
                  {"form": form, "dose": dose, "title": "Change a dose", "submit": "Save changes"})


@patient_required
def dose_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    dose = _own_dose(request, pk)
    if request.method == "POST":
        delete_dose(dose, by=request.user)
        messages.success(request, "Dose deleted. Its history is kept.")
        return redirect(back(request, "diary:today"))
    return render(request, "diary/confirm_delete.html",
                  {"what": "this dose", "record": dose, "cancel": back(request, "diary:today")})


@patient_required
def dose_history(request: AuthedRequest, pk: int) -> HttpResponse:
    dose = _own_dose(request, pk)
    revisions = list(revisions_of(dose))
    product_ids = {r.before.get("product_id") for r in revisions if r.before} | {dose.product_id} | {
        r.after.get("product_id") for r in revisions if r.after}
    names = dict(Product.objects.filter(patient_id=request.user.pk, pk__in=product_ids).values_list("pk", "name"))
    entries = [(revision, _changes(revision, names)) for revision in revisions]
    return render(request, "diary/dose_history.html", {"dose": dose, "entries": entries})


def _changes(revision: Revision, names: dict[int, str]) -> list[tuple[str, str, str]]:
    """(what, before, after) for each shown field a revision changed; a creation lists every value it set."""
    before, after = revision.before or {}, revision.after or {}
    rows = []
    for key, label in HISTORY_FIELDS.items():
        old, new = before.get(key), after.get(key)
        if revision.action == RevisionAction.UPDATE and old == new:
            continue
        if revision.action == RevisionAction.CREATE and new in (None, ""):
            continue
        if revision.action == RevisionAction.DELETE:
            continue
        rows.append((label, _shown(key, old, names), _shown(key, new, names)))
    return rows


def _shown(key: str, value: object, names: dict[int, str]) -> str:
    if value is None or value == "":
        return ""
    if key == "product_id":
        return names.get(value, "a removed product") if isinstance(value, int) else "a removed product"
    if key == "taken_at":
        return f"{timezone.localtime(dt.datetime.fromisoformat(str(value))):%Y-%m-%d %H:%M}"
    if key == "amount":
        return f"{float(str(value)):g}"
    return str(value)
