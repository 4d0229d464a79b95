"""Compressed pages, except where a page shows a secret.

Text compresses to a fifth of its size, which is most of a page's time on a slow phone connection. Compressing a
response that holds both a secret and text an attacker can put in it opens the BREACH side channel (the secret's
bytes are guessed from the compressed length). Django's own mitigations cover its CSRF token (masked anew on every
response) and GZipMiddleware pads each response with random bytes in the gzip header ("Heal the Breach"). The pages
that show other secrets - a two-factor key and backup codes, a new API token, a password-reset link's page, and
everything under /accounts/ - are sent uncompressed, as are API answers (a token is issued there), so no secret is
ever compressed with something an attacker chose. Static files are compressed ahead of time by WhiteNoise.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

# Static files are left to WhiteNoise, which sends its own pre-compressed copies (and never re-packs a PNG).
UNCOMPRESSED_PREFIXES = ("/accounts/", "/api/", "/static/")


class CompressionMiddleware(GZipMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if request.path.startswith(UNCOMPRESSED_PREFIXES):
            return response
        return super().process_response(request, response)
