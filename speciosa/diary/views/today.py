"""The Today page: one-tap buttons for favourites, today's totals and today's doses."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from speciosa.accounts.http import AuthedRequest, patient_required
from speciosa.accounts.queries import today_of
from speciosa.core.errors import InputError
from speciosa.core.units import Basis
from speciosa.diary.domain import quick_log
from speciosa.diary.queries import day_totals, doses_on, favourites_of
from speciosa.diary.templatetags.diary_format import dose_unit, plain_number

# Where "/" (the landing page after sign-in) sends people who keep no diary: their own starting page.
HOME_OF_ROLE = {"clinician": "clinic:panel", "admin": "audit:all", "researcher": "safety:evidence"}


def today(request: HttpRequest) -> HttpResponse:
    home = HOME_OF_ROLE.get(getattr(request.user, "role", ""))
    if home is not None:
        return redirect(home)
    return _today(request)


@patient_required
def _today(request: AuthedRequest) -> HttpResponse:
    patient = request.user
    day = today_of(patient)
    doses = list(doses_on(patient, day))
    return render(request, "diary/today.html", {
        "day": day,
        "totals": day_totals(patient, day),
        "doses": doses,
        "favourites": favourites_of(patient),
        "rests_on_default": any(Basis.DEFAULT in (d.mitragynine_basis, d.hydroxymitragynine_basis) for d in doses),
        "has_7oh_product": any(d.leaf_equivalent_g is None for d in doses),
    })


@patient_required
@require_POST
def quick_log_dose(request: AuthedRequest, product_id: int) -> HttpResponse:
    product = get_object_or_404(favourites_of(request.user), pk=product_id)
    try:
        # The client id is added by the page's script (the offline queue), so a resend logs the dose once.
        dose = quick_log(request.user, product=product, by=request.user, client_id=request.POST.get("client_id"))
    except InputError as error:
        messages.error(request, f"Nothing was logged: {error.message}.")
    else:
        amount = plain_number(dose.amount)
        messages.success(request, f"Logged {amount} {dose_unit(dose.unit, amount)} of {product.name} "
                                  f"at {timezone.localtime(dose.taken_at):%H:%M}.")
    return redirect("diary:today")
