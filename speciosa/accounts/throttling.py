"""The answer to a sign-in refused by django-axes (too many failures for one username from one address)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def lockout_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None,
                     credentials: dict | None = None) -> HttpResponse:
    message = (f"Too many failed sign-ins for this username from your network. Try again in {lockout_minutes()} "
               "minutes, or reset your password.")
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": [{"field": "username", "message": message}]}, status=429)
    else:
        response = render(request, "accounts/locked_out.html", {"message": message}, status=429)
    response["Retry-After"] = str(lockout_minutes() * 60)
    return response
