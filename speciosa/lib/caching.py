"""`Cache-Control: no-store` on every answer to a signed-in person.

What a signed-in person sees is theirs or a patient's: diary pages, API JSON, the data archive, the audit CSV, even
a 404 that shows who is signed in. None of it may be kept by a shared cache, a proxy or the browser's history, so
the rule lives here once rather than in each view. "Signed in" covers a session and an API bearer token (checked
during the view, so before this middleware sees the response). A response that already
forbids storing (Django's ``never_cache`` answers) is left as it is; answers to no one stay the views' own.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase


class NoStoreWhenSignedInMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if _signed_in(request) and "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "no-store"
        return response


def _signed_in(request: HttpRequest) -> bool:
    """A session's user, or whoever django-ninja's authentication accepted (``request.auth``) for the API."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated) or getattr(request, "auth", None) is not None
