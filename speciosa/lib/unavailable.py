"""503 instead of 500 while the database cannot be reached, so clients and proxies know to try again.

Installed as the project's ``handler500`` (speciosa/urls.py): Django calls it for every exception nobody handled,
wherever it was raised (a view, the API, or a middleware reading the session), inside the ``except`` block, so the
exception is still at hand. A lost or refused database connection (``django.db.OperationalError`` and
``InterfaceError``: a restarting PostgreSQL, SQLite busy past its timeout) answers 503 with ``Retry-After``: a JSON
error in the API's one shape under /api/, a plain page elsewhere. Both are rendered without touching the database
(no request context: the navigation would read the user). Any other exception gets the usual 500 page. Django still
logs each one with its traceback (``django.request``).

Recovery needs no restart: a broken connection is closed at the end of the request (Django's
close_old_connections), and with ``CONN_HEALTH_CHECKS`` (speciosa.settings) a persistent one is checked before reuse.
"""

from __future__ import annotations

import json
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views import defaults

RETRY_AFTER_SECONDS = 10
API_PREFIX = "/api/"
MESSAGE = "Speciosa cannot reach its database just now. Please try again in a few seconds."


def database_unavailable(error: BaseException | None) -> bool:
    return isinstance(error, OperationalError | InterfaceError)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: 503 for a database that cannot be reached, else Django's own 500 page (templates/500.html)."""
    if not database_unavailable(sys.exc_info()[1]):
        return defaults.server_error(request)
    if request.path.startswith(API_PREFIX):
        body = json.dumps({"detail": [{"field": "database", "message": MESSAGE}]})
        response = HttpResponse(body, status=503, content_type="application/json")
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
