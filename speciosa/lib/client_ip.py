"""The client's address for sign-in throttling (django-axes' ``AXES_CLIENT_IP_CALLABLE``).

Behind reverse proxies every connection comes from the nearest proxy, so throttling by ``REMOTE_ADDR`` would lock
out everyone at once. Each proxy appends the address it saw to ``X-Forwarded-For``; with ``SPECIOSA_PROXY_COUNT``
proxies, the entry that many from the right is the one the outermost trusted proxy saw. Entries further left come
from the client and can be forged, so they are never read; with no proxies configured, the header is ignored.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    count = settings.SPECIOSA_PROXY_COUNT
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    if count > 0 and len(forwarded) >= count:
        return forwarded[-count]
    return str(request.META.get("REMOTE_ADDR", ""))
