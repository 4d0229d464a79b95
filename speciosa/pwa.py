"""What makes Speciosa installable and usable offline on a phone: the web app manifest, the service worker and the
offline page (web layer, beside urls.py: it knows the site's shape, not any app's domain).

The service worker is served from the site's root so that its scope is the whole site; it keeps only the shell
(stylesheet, script, icons, the offline page), never a page with someone's data, and it holds a dose or check-in sent
while offline in the phone's IndexedDB until the page's script (static/speciosa/app.js) sends it again. Each such
form carries a client id, so a resend stores the record once (speciosa.diary.domain.idempotency).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache

from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.views.decorators.http import require_safe

app_name = "pwa"

THEME = "#083f28"  # the header's green (site.css --accent-dark)
BACKGROUND = "#ffffff"
SHELL = ("speciosa/site.css", "speciosa/app.js", "speciosa/icons/icon-192.png", "speciosa/icons/icon-512.png")
# Forms whose POST the phone may keep while offline and send later (each carries a client id).
QUEUED_FORMS = ("diary:dose_new", "diary:checkin_new")
QUICK_LOG_PREFIX = "/quick-log/"
DAY = 24 * 60 * 60


def manifest_data() -> dict[str, object]:
    icons = [{"src": staticfiles_storage.url(f"speciosa/icons/icon-{size}.png"), "sizes": f"{size}x{size}",
              "type": "image/png", "purpose": "any"} for size in (192, 512)]
    icons.append({"src": staticfiles_storage.url("speciosa/icons/maskable-512.png"), "sizes": "512x512",
                  "type": "image/png", "purpose": "maskable"})
    return {
        "id": "/", "name": "Speciosa", "short_name": "Speciosa",
        "description": "Keep track of kratom, pain and mood, and share it with your clinician.",
        "start_url": "/", "scope": "/", "display": "standalone", "orientation": "portrait",
        "theme_color": THEME, "background_color": BACKGROUND, "lang": "en", "icons": icons,
    }


@require_safe
def manifest(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(json.dumps(manifest_data(), indent=1), content_type="application/manifest+json")
    response["Cache-Control"] = f"public, max-age={DAY}"
    return response


@cache
def _worker_script() -> str:
    shell = [staticfiles_storage.url(name) for name in SHELL] + [reverse("pwa:offline")]
    queued = [reverse(name) for name in QUEUED_FORMS]
    config = {"shell": shell, "offline": reverse("pwa:offline"), "queued": queued, "quickLog": QUICK_LOG_PREFIX}
    body = render_to_string("pwa/sw.js", {"config": json.dumps(config)})
    # The version changes whenever the shell's hashed names or the script do, so phones replace the old cache.
    version = hashlib.sha256(body.encode()).hexdigest()[:12]
    return body.replace("__VERSION__", version)


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(_worker_script(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"  # the browser checks for a new worker on every visit
    return response


@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    """Shown by the service worker when a page cannot be reached; it holds no one's data, so it may be cached."""
    response = render(request, "pwa/offline.html", {"queued": request.GET.get("queued") == "1"})
    response["Cache-Control"] = f"public, max-age={DAY}"
    return response


urlpatterns = [
    path("manifest.webmanifest", manifest, name="manifest"),
    path("sw.js", service_worker, name="service_worker"),
    path("offline/", offline, name="offline"),
]
