"""The main navigation's extra links, contributed by each app's AppConfig.nav_items (so apps never edit base.html)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse


def nav_items(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"extra_nav": []}
    role = getattr(user, "role", "")
    links = []
    for config in apps.get_app_configs():
        for audience, text, url_name in getattr(config, "nav_items", []):
            if audience not in ("all", role):
                continue
            try:
                links.append({"text": text, "url": reverse(url_name)})
            except NoReverseMatch:  # an app's link must name one of its URLs; a test checks every link resolves
                raise
    return {"extra_nav": links}
