"""Small request helpers every page shares: the posted form data, and where to go after a change."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, QueryDict
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST, else None (an unbound form), even when a POST arrives empty."""
    return request.POST if request.method == "POST" else None


def back(request: HttpRequest, default: str, *args: Any) -> str:
    """Where to go after a change: a same-site ``next`` the page was given, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return resolve_url(default, *args)
