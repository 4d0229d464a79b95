"""Account pages: sign-up and the throttled password pages here; signing in and out and the rest of the password
pages are Django's own views (see urls.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from speciosa.accounts.domain import create_user
from speciosa.accounts.enums import Role
from speciosa.accounts.forms import SignupForm, ThrottledPasswordChangeForm


def signup(request: HttpRequest) -> HttpResponse:
    """Creates a patient account (the password validators apply) and signs the new patient in."""
    if request.user.is_authenticated:
        return redirect("diary:today")
    form = SignupForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid() and form.submit(lambda values: create_user(
            values["username"], password=values["password1"], email=values["email"], role=Role.PATIENT)):
        login(request, form.result, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome. A few facts about you help Speciosa check for risks.")
        return redirect("diary:profile")
    return render(request, "accounts/signup.html", {"form": form})


class PasswordChangeView(auth.PasswordChangeView):
    """Django's password change; the old password is throttled like every re-entry (429 once the limit is used)."""

    form_class = ThrottledPasswordChangeForm

    def form_invalid(self, form: ThrottledPasswordChangeForm) -> HttpResponse:
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = 429
        return response
