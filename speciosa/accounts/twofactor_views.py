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
from speciosa.accounts.http import AuthedRequest
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


class SetupCodeForm(CodeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = "The 6-digit code your authenticator app shows now."
        self.fields["code"].widget.attrs["inputmode"] = "numeric"


class TurnOffForm(DomainForm):
    password = forms.CharField(label="Your password", strip=False, max_length=200,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


def _with_next(request: HttpRequest, name: str) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    return f"{reverse(name)}?{urlencode({'next': target})}" if target else reverse(name)


@login_required
def setup(request: AuthedRequest) -> HttpResponse:
    """A new authenticator. Someone who already has one must give a code from it first, so a password alone can
    never replace the second factor."""
    user = request.user
    if twofactor.uses_two_factor(user) and not twofactor.session_is_verified(request):
        return redirect(_with_next(request, "accounts:two_factor_verify"))
    device = twofactor.pending_setup(user, request.session.get(SETUP_KEY))
    if device is None:
        device = twofactor.start_setup(user)
        request.session[SETUP_KEY] = device.pk
    form = SetupCodeForm(posted(request))
    if form.is_bound and form.is_valid() and form.submit(
            lambda values: twofactor.confirm_setup(user, device=device, code=values["code"])):
        request.session.pop(SETUP_KEY, None)
        twofactor.mark_verified(request, device)
        return render(request, "accounts/two_factor_backup_codes.html", {
            "codes": form.result, "next": back(request, settings.LOGIN_REDIRECT_URL)})
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "qr_code": twofactor.qr_code_svg(device), "key": twofactor.manual_key(device),
        "required": twofactor.required_for(user), "next": request.GET.get("next", "")})


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
    codes = None
    if request.method == "POST" and request.POST.get("action") == "new_codes" and twofactor.uses_two_factor(user):
        codes = twofactor.new_backup_codes(user)
    return render(request, "accounts/two_factor_manage.html", {
        "enabled": twofactor.uses_two_factor(user), "required": twofactor.required_for(user),
        "form": form, "codes": codes})
