"""The navigation: a patient's five tabs (a bottom bar on phones, the top bar on wider screens) and the links each
app contributes through its AppConfig.nav_items (so apps never edit base.html). A patient finds the contributed links
on the More page; everyone else in the top bar."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.urls import reverse

# (text, URL name, icon): at most five, the daily tasks; everything else is under More.
PATIENT_TABS = (
    ("Today", "diary:today", "today"),
    ("Log", "diary:dose_new", "log"),
    ("Charts", "reports:charts", "charts"),
    ("Plan", "plans:mine", "plan"),
    ("More", "diary:more", "more"),
)


def _current(path: str, url: str) -> bool:
    return path == url if url == "/" else path.startswith(url)


def nav_items(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"extra_nav": [], "tabs": []}
    role = getattr(user, "role", "")
    links = []
    for config in apps.get_app_configs():
        for audience, text, url_name in getattr(config, "nav_items", []):
            if audience in ("all", role):
                links.append({"text": text, "url": reverse(url_name)})  # a test checks every link resolves
    if role != "patient":
        return {"extra_nav": links, "tabs": []}
    path = request.path
    tabs: list[dict[str, Any]] = [{"text": text, "url": reverse(name), "icon": icon}
                                  for text, name, icon in PATIENT_TABS]
    current = next((tab for tab in sorted(tabs, key=lambda tab: -len(tab["url"])) if _current(path, tab["url"])),
                   None)
    for tab in tabs:
        tab["current"] = tab is current
    in_tabs = {tab["url"] for tab in tabs}
    return {"extra_nav": [link for link in links if link["url"] not in in_tabs], "tabs": tabs}
