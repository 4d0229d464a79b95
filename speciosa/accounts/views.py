"""Account pages: sign-up and the throttled password pages here; signing in and out and the rest of the password
pages are Django's own views (see urls.py)."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth import login
from django.contrib.auth import views as auth
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render

from speciosa.accounts.domain import create_user
from speciosa.accounts.enums import Role
from speciosa.accounts.forms import SignInForm, SignupForm, ThrottledPasswordChangeForm
from speciosa.accounts.rate_limits import (
    PASSWORD_RESET_CLIENT,
    PASSWORD_RESET_EMAIL,
    SIGNUP,
    TooManyAttempts,
    client_of,
    count,
    exhausted,
    take,
)

# "Keep me signed in": a patient's own phone stays signed in this long (sliding: each change to the session renews it).
# Clinicians and administrators keep SESSION_COOKIE_AGE and the idle limit whatever they tick: they see many patients.
REMEMBER_SECONDS = 30 * 24 * 60 * 60


class SignInView(auth.LoginView):
    form_class = SignInForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        if form.cleaned_data.get("remember") and form.get_user().role == Role.PATIENT:
            self.request.session.set_expiry(REMEMBER_SECONDS)
        return response


def signup(request: HttpRequest) -> HttpResponse:
    """Creates a patient account (the password validators apply) and signs the new patient in.

    Ten attempts an hour from one address (SIGNUP): the page says when a username is taken, which must not become
    a way to list the accounts.
    """
    if request.user.is_authenticated:
        return redirect("diary:today")
    form = SignupForm(request.POST if request.method == "POST" else None)
    if form.is_bound:
        try:  # counted before the form says whether a username is taken, so names cannot be tried in bulk
            take(SIGNUP, client_of(request), field="", message="Too many sign-up attempts from your network")
        except TooManyAttempts as refused:
            form.add_error(None, f"{refused.message}.")
            response = render(request, "accounts/signup.html", {"form": form}, status=429)
            response["Retry-After"] = str(refused.retry_after)
            return response
    if form.is_bound and form.is_valid() and form.submit(lambda values: create_user(
            values["username"], password=values["password1"], email=values["email"], role=Role.PATIENT,
            **({"time_zone": values["time_zone"]} if values["time_zone"] else {}))):
        login(request, form.result, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("diary:welcome")
    return render(request, "accounts/signup.html", {"form": form})


class PasswordChangeView(auth.PasswordChangeView):
    """Django's password change; the old password is throttled like every re-entry (429 once the limit is used)."""

    form_class = ThrottledPasswordChangeForm

    def form_invalid(self, form: ThrottledPasswordChangeForm) -> HttpResponse:
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = 429
        return response


# Every answer to a password-reset request takes at least this long, so an address with an account (an e-mail is
# composed and sent) cannot be told from one without by the time the page takes. An e-mail backend slower than this
# would show through again: keep it well above the backend's usual sending time.
RESET_ANSWER_SECONDS = 1.0


class PasswordResetView(auth.PasswordResetView):
    """Django's password reset (the same answer whether the address has an account), with the same timing too,
    and limits: ten requests an hour from one network (429) and three e-mails an hour to one address (further
    requests get the usual answer and send nothing, so no mailbox can be flooded)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        started = time.monotonic()
        try:
            take(PASSWORD_RESET_CLIENT, client_of(request), field="email",
                 message="Too many password-reset requests from your network")
        except TooManyAttempts as refused:
            form = self.get_form()
            form.add_error(None, f"{refused.message}.")
            response: HttpResponse = self.render_to_response(self.get_context_data(form=form), status=429)
            response["Retry-After"] = str(refused.retry_after)
        else:
            response = super().post(request, *args, **kwargs)
        time.sleep(max(0.0, RESET_ANSWER_SECONDS - (time.monotonic() - started)))
        return response

    def form_valid(self, form: Any) -> HttpResponse:
        address = str(form.cleaned_data["email"]).strip().lower()
        if exhausted(PASSWORD_RESET_EMAIL, address):
            return HttpResponseRedirect(self.get_success_url())  # the usual answer; no e-mail this time
        count(PASSWORD_RESET_EMAIL, address)
        return super().form_valid(form)
