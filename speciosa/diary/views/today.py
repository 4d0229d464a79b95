"""The Today page: today's amount and one-tap buttons for favourites at the top, then what needs the patient."""

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
from speciosa.diary.models import Dose, Product
from speciosa.diary.queries import day_totals, doses_on, favourites_of, quick_log_products, recent_repeat
from speciosa.diary.templatetags.diary_format import dose_unit, plain_number
from speciosa.safety.queries import stop_advice

# Where "/" (the landing page after sign-in) sends people who keep no diary: their own starting page.
HOME_OF_ROLE = {"clinician": "clinic:panel", "admin": "audit:all", "researcher": "safety:evidence"}
# Today offers this many one-tap buttons (most recently used first); "Log another dose" reaches every product.
QUICK_LOG_BUTTONS = 3


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
        "favourites": list(quick_log_products(patient)[:QUICK_LOG_BUTTONS]),
        "has_products": Product.objects.of(patient).exists(),
        "rests_on_default": any(Basis.DEFAULT in (d.mitragynine_basis, d.hydroxymitragynine_basis) for d in doses),
        "has_7oh_product": any(d.leaf_equivalent_g is None for d in doses),
        "stop_alert": stop_advice(patient),
    })


@patient_required
@require_POST
def quick_log_dose(request: AuthedRequest, product_id: int) -> HttpResponse:
    """Logs a favourite's usual dose. Asks first (a page with one "log it" button) when the same dose was logged in
    the last two minutes, or when Today showed the plan's limit as reached. While an urgent alert tells the patient
    to stop kratom, Today's buttons say so and log a dose already taken in one tap: the record must stay true, and
    the question "log it anyway?" would only delay what the clinician needs to see."""
    patient = request.user
    product = get_object_or_404(favourites_of(patient), pk=product_id)
    if request.POST.get("confirmed") != "1":
        assert product.usual_amount is not None  # favourites_of: only products with a usual dose
        now = timezone.now()
        repeat = recent_repeat(patient, product_id=product.pk, amount=float(product.usual_amount),
                               unit=product.usual_unit, taken_at=now, now=now,
                               client_id=request.POST.get("client_id"))
        if repeat is not None or request.POST.get("limit_reached") == "1":
            day = today_of(patient)
            return render(request, "diary/quick_log_confirm.html", {
                "product": product, "repeat": repeat, "day": day, "totals": day_totals(patient, day),
                "stop_alert": stop_advice(patient)})
    try:
        # The client id is added by the page's script (the offline queue), so a resend logs the dose once.
        dose = quick_log(patient, product=product, by=patient, client_id=request.POST.get("client_id"))
    except InputError as error:
        messages.error(request, f"Nothing was logged: {error.message}.")
    else:
        logged(request, dose, product)
    return redirect("diary:today")


def logged(request: AuthedRequest, dose: Dose, product: Product) -> None:
    """The success message after logging a dose; it offers "Undo" (diary/includes/undo.html) for a minute."""
    amount = plain_number(dose.amount)
    messages.success(request, f"Logged {amount} {dose_unit(dose.unit, amount)} of {product.name} "
                              f"at {timezone.localtime(dose.taken_at):%H:%M}.", extra_tags=f"undo undo-{dose.pk}")
