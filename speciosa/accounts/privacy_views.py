"""The patient's data page: download everything, or delete the account and all its data."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from speciosa.accounts.forms import ReentryForm, current_password_field
from speciosa.accounts.http import AuthedRequest, patient_required
from speciosa.accounts.models import User
from speciosa.diary.privacy import delete_account, export_archive
from speciosa.lib.pages import posted


class DeleteAccountForm(ReentryForm):
    password = current_password_field()
    understood = forms.BooleanField(
        label="I understand that my account and all my data will be deleted now, and cannot be restored.")

    def domain_values(self) -> dict[str, str]:
        return {"password": self.cleaned_data["password"]}


def archive_response(patient: User, archive: bytes) -> HttpResponse:
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = (f'attachment; filename="speciosa-{patient.username}-all-data-'
                                       f'{timezone.now():%Y%m%d}.zip"')
    return response


@patient_required
def privacy(request: AuthedRequest) -> HttpResponse:
    return render(request, "accounts/privacy.html", {"form": DeleteAccountForm()})


@patient_required
def download(request: AuthedRequest) -> HttpResponse:
    return archive_response(request.user, export_archive(request.user))


@patient_required
def delete(request: AuthedRequest) -> HttpResponse:
    form = DeleteAccountForm(posted(request))
    if form.is_bound and form.is_valid() and form.submit(
            lambda values: delete_account(request.user, **values)):
        logout(request)
        messages.success(request, "Your account and all your data have been deleted.")
        return redirect("accounts:login")
    return render(request, "accounts/privacy.html", {"form": form}, status=form.status)
