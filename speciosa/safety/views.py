"""Safety pages: the patient's alerts and why each was raised, how Speciosa checks safety, the evidence library."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from speciosa.accounts.http import AuthedRequest, patient_required
from speciosa.core import evidence_library
from speciosa.core.safety.registry import all_rules, get_rule
from speciosa.lib.pages import posted
from speciosa.safety.disclosure import entries_as_shown
from speciosa.safety.domain import acknowledge_alert, comment_on_alert
from speciosa.safety.forms import AcknowledgeForm, CommentForm
from speciosa.safety.lists import alerts_with_status
from speciosa.safety.queries import entries_of, evaluation_pending
from speciosa.safety.wording import FAMILY_WORDS, evidence_rows, patient_topics, plain_evidence, words_for

PAST_SHOWN = 50


@patient_required
def alert_list(request: AuthedRequest) -> HttpResponse:
    past = alerts_with_status(request.user, "resolved").order_by("-resolved_at", "-pk")[:PAST_SHOWN]
    return render(request, "safety/alert_list.html", {"alerts": alerts_with_status(request.user), "past": past,
                                                      "checking": evaluation_pending(request.user)})


@patient_required
def alert_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """One alert: what it means, why, its history and conversation; a POST acknowledges it (``action=acknowledge``)
    or adds a comment (anything else). Neither changes what anyone wrote before."""
    alert = get_object_or_404(alerts_with_status(request.user, "all"), pk=pk)
    acting = (request.POST.get("action") or ("comment" if "text" in request.POST else "acknowledge")
              if request.method == "POST" else None)
    acknowledge_form = AcknowledgeForm(posted(request) if acting == "acknowledge" else None)
    comment_form = CommentForm(posted(request) if acting not in (None, "acknowledge") else None)
    if acknowledge_form.is_bound and acknowledge_form.is_valid() and acknowledge_form.submit(
            lambda values: acknowledge_alert(alert, by=request.user, **values)):
        messages.success(request, "Alert acknowledged. It stays listed until its condition no longer holds.")
        return redirect("safety:alert_detail", pk=alert.pk)
    if comment_form.is_bound and comment_form.is_valid() and comment_form.submit(
            lambda values: comment_on_alert(alert, by=request.user, **values)):
        messages.success(request, "Comment added.")
        return redirect(f"{reverse('safety:alert_detail', args=[alert.pk])}#conversation-heading")
    try:
        rule = get_rule(alert.code)
    except KeyError:
        rule = None
    return render(request, "safety/alert_detail.html", {
        "alert": alert, "rule": rule, "acknowledge_form": acknowledge_form, "comment_form": comment_form,
        "conversation": entries_as_shown(entries_of(alert), reader=request.user, details=True),
        "inputs": evidence_rows(alert.evidence), "entries": evidence_library.for_rule(alert.code),
        "plain_evidence": plain_evidence(rule)})


@login_required
def rules_page(request: AuthedRequest) -> HttpResponse:
    """A patient's "Safety checks": what Speciosa watches, in plain words by topic. Everyone else reads the rule
    document (``rule_document``), which patients reach from their page too."""
    if request.user.is_patient:
        return render(request, "safety/checks.html", {"topics": patient_topics(), "count": len(all_rules())})
    return rule_document(request)


@login_required
def rule_document(request: AuthedRequest) -> HttpResponse:
    """Generated from the registry, so the page lists exactly the rules the engine runs."""
    rules = all_rules()
    families = [(words_for(FAMILY_WORDS, family), [(rule, evidence_library.for_rule(rule.code)) for rule in members])
                for family, members in groupby(rules, key=lambda rule: rule.family)]
    return render(request, "safety/rules.html", {"families": families, "count": len(rules)})


def evidence_list(request: HttpRequest) -> HttpResponse:
    return render(request, "safety/evidence_list.html", {"entries": evidence_library.all_entries()})


def evidence_detail(request: HttpRequest, entry_id: str) -> HttpResponse:
    entry = evidence_library.get(entry_id)
    if entry is None:
        raise Http404("No such entry in the evidence library.")
    registered = {rule.code: rule for rule in all_rules()}
    rules = [registered[code] for code in entry.rules if code in registered]
    return render(request, "safety/evidence_detail.html", {"entry": entry, "rules": rules})
