"""The page where a person sees the API tokens their apps hold and ends them (the API has the same: /api/v1/tokens)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from speciosa.accounts import tokens
from speciosa.accounts.http import AuthedRequest


@login_required
@require_http_methods(["GET", "POST"])
def manage(request: AuthedRequest) -> HttpResponse:
    """Lists the person's live tokens; a POST ends one (``revoke`` = its id) or all (``revoke_all``).

    Someone else's token id ends nothing and says so, like an id that never existed."""
    user = request.user
    if request.method == "POST":
        if "revoke_all" in request.POST:
            count = tokens.revoke_all(user)
            messages.success(request, f"Ended {count} token{'' if count == 1 else 's'}. Apps using them must sign "
                                      "in again.")
        else:
            token_id = request.POST.get("revoke", "")
            if token_id.isdigit() and tokens.revoke(user, int(token_id)):
                messages.success(request, "The token is ended. The app using it must sign in again.")
            else:
                messages.error(request, "That token was already ended.")
        return redirect("accounts:tokens")
    lifetime = tokens.lifetime_for(user)
    return render(request, "accounts/tokens.html", {
        "tokens": tokens.tokens_of(user), "idle": tokens.describe(lifetime.idle),
        "limit": tokens.describe(lifetime.limit)})
