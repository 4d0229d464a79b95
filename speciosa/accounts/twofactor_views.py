"""Two-factor pages: set up an authenticator, give a code after the password, manage it (see accounts.twofactor)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from speciosa.accounts import twofactor
from speciosa.accounts.forms import ReentryForm, current_password_field
from speciosa.accounts.http import AuthedRequest
from speciosa.accounts.rate_limits import check_reentered_password
from speciosa.lib.forms import DomainForm
from speciosa.lib.pages import back, posted

SETUP_KEY = "speciosa_two_factor_setup"  # the id of the authenticator being set up in this session


class CodeForm(DomainForm):
    error_fields = {"otp": "code"}

    code = forms.CharField(
        label="Code", max_length=20, strip=True,
        help_text="The 6-digit code your authenticator app shows now, or one of your backup codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none",
                                      "spellcheck": "false"}))


class SetupCodeForm(CodeForm, ReentryForm):
    """The first code from a new authenticator; replacing one already in use also needs the password."""

    password = current_password_field()

    def __init__(self, *args: Any, replacing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = "The 6-digit code your authenticator app shows now."
        self.fields["code"].widget.attrs["inputmode"] = "numeric"
        if replacing:
            self.order_fields(["password", "code"])
        else:
            del self.fields["password"]


class TurnOffForm(ReentryForm):
    password = current_password_field()


class NewCodesForm(ReentryForm):
    """New backup codes replace the old: proof by password, so a session left open cannot mint codes to keep."""

    password = current_password_field()


def _with_next(request: HttpRequest, name: str) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    return f"{reverse(name)}?{urlencode({'next': target})}" if target else reverse(name)


@login_required
def setup(request: AuthedRequest) -> HttpResponse:
    """A new authenticator. Someone who already has one must give a code from it first and re-enter the password,
    so neither a password alone nor a session left open can replace the second factor."""
    user = request.user
    replacing = twofactor.uses_two_factor(user)
    if replacing and not twofactor.session_is_verified(request):
        return redirect(_with_next(request, "accounts:two_factor_verify"))
    device = twofactor.pending_setup(user, request.session.get(SETUP_KEY))
    if device is None:
        device = twofactor.start_setup(user)
        request.session[SETUP_KEY] = device.pk

    def confirm(values: dict[str, Any]) -> list[str]:
        if replacing:
            check_reentered_password(user, values["password"])
        return twofactor.confirm_setup(user, device=device, code=values["code"])

    form = SetupCodeForm(posted(request), replacing=replacing)
    if form.is_bound and form.is_valid() and form.submit(confirm):
        request.session.pop(SETUP_KEY, None)
        twofactor.mark_verified(request, device)
        return render(request, "accounts/two_factor_backup_codes.html", {
            "codes": form.result, "next": back(request, settings.LOGIN_REDIRECT_URL)})
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "qr_code": twofactor.qr_code_svg(device), "key": twofactor.manual_key(device),
        "required": twofactor.required_for(user), "next": request.GET.get("next", "")}, status=form.status)


@login_required
def verify(request: AuthedRequest) -> HttpResponse:
    """The second step of signing in."""
    user = request.user
    if twofactor.session_is_verified(request):
        return redirect(back(request, settings.LOGIN_REDIRECT_URL))
    if not twofactor.uses_two_factor(user):
        return redirect(_with_next(request, "accounts:two_factor_setup"))
    form = CodeForm(posted(request))
    if form.is_bound and form.is_valid() and form.submit(
            lambda values: twofactor.check_code(user, values["code"])):
        twofactor.mark_verified(request, form.result)
        return redirect(back(request, settings.LOGIN_REDIRECT_URL))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": request.GET.get("next", "")})


@login_required
def manage(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = TurnOffForm(posted(request) if request.POST.get("action") == "turn_off" else None)
    if form.is_bound and form.is_valid() and form.submit(
            lambda values: twofactor.turn_off(user, password=values["password"])):
        twofactor.forget_session_device(request)
        messages.success(request, "Two-factor authentication is off. You can turn it on again at any time.")
        return redirect("accounts:two_factor")
    codes_form = NewCodesForm(posted(request) if request.POST.get("action") == "new_codes" else None,
                              prefix="codes")
    codes = None
    if codes_form.is_bound and twofactor.uses_two_factor(user) and codes_form.is_valid() and codes_form.submit(
            lambda values: check_reentered_password(user, values["password"])):
        codes = twofactor.new_backup_codes(user)
    return render(request, "accounts/two_factor_manage.html", {
        "enabled": twofactor.uses_two_factor(user), "required": twofactor.required_for(user),
        "form": form, "codes_form": codes_form, "codes": codes}, status=max(form.status, codes_form.status))
