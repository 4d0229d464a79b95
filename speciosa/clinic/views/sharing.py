"""A patient's sharing pages (invite, list, revoke) and the clinician's accept page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from speciosa.accounts.http import AuthedRequest, clinician_required, patient_required, signed_in
from speciosa.audit.domain import record_access
from speciosa.audit.enums import Action
from speciosa.clinic.domain import (
    CODE_VALID,
    accept_invitation,
    invite_clinician,
    mark_notes_read,
    revoke_share,
)
from speciosa.clinic.forms import AcceptForm, InviteForm
from speciosa.clinic.invitations import accept_link, email_invitation
from speciosa.clinic.models import Share
from speciosa.clinic.queries import notes_on, shares_given_by
from speciosa.lib.pages import posted


@patient_required
def sharing_page(request: AuthedRequest) -> HttpResponse:
    now = timezone.now()
    patient = signed_in(request)
    shares = [(share, share.status_at(now)) for share in shares_given_by(patient)]
    notes = list(notes_on(patient, viewer=patient).order_by("-created_at"))
    mark_notes_read(patient, now=now)
    return render(request, "clinic/sharing.html", {"shares": shares, "notes": notes})


@patient_required
def invite_page(request: AuthedRequest) -> HttpResponse:
    form = InviteForm(posted(request))
    if form.is_bound and form.is_valid() and form.submit(lambda values: invite_clinician(signed_in(request), **values)):
        share, code = form.result
        emailed = email_invitation(request, share, code)
        response = render(request, "clinic/invited.html", {
            "share": share, "code": code, "link": accept_link(request, code), "emailed": emailed,
            "valid_days": CODE_VALID.days})
        response["Cache-Control"] = "no-store"  # the code is shown once: keep it out of caches and history
        return response
    return render(request, "clinic/invite.html", {"form": form})


@patient_required
def revoke_page(request: AuthedRequest, pk: int) -> HttpResponse:
    share = Share.objects.filter(pk=pk, patient=signed_in(request)).select_related("clinician").first()
    if share is None:
        raise Http404("No such share of yours.")
    if request.method == "POST":
        revoke_share(share, by=signed_in(request))
        messages.success(request, "Sharing ended. From now on this clinician sees nothing of your record.")
        return redirect("clinic:sharing")
    return render(request, "clinic/revoke.html", {"share": share, "status": share.status_at(timezone.now())})


@clinician_required
def accept_page(request: AuthedRequest) -> HttpResponse:
    form = AcceptForm(posted(request), initial={"code": request.GET.get("code", "")[:40]})
    if form.is_bound and form.is_valid() and form.submit(
            lambda values: accept_invitation(signed_in(request), **values)):
        share = form.result
        record_access(actor=request.user, patient=share.patient, action=Action.SHARE,
                      what="accepted the invitation to share", request=request)
        messages.success(request, "Invitation accepted. You now see the parts of the record this patient shared.")
        return redirect("clinic:patient", patient_id=share.patient_id)
    return render(request, "clinic/accept.html", {"form": form})
