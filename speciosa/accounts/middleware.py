"""What a signed-in session may do before its second factor, and how long it may sit idle."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from speciosa.accounts.http import signed_in
from speciosa.accounts.twofactor import awaits_second_factor, required_for, uses_two_factor

LAST_SEEN_KEY = "speciosa_last_seen"
STARTED_KEY = "speciosa_session_started"
LAST_SEEN_GRANULARITY_S = 60  # the session is written at most once a minute to note activity


class SessionGuardMiddleware:
    """Two rules for sessions (bearer-token requests carry no session and are checked in speciosa.accounts.api_auth):

    - A session that still owes its second factor (every clinician and administrator, and patients who turned
      two-factor on) reaches only the two-factor pages and sign-out: pages redirect there, the API answers 403.
    - A clinician's or administrator's session ends after SPECIOSA_IDLE_MINUTES without a request, and after
      SESSION_COOKIE_AGE (12 hours) however busy.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._open_paths: frozenset[str] | None = None

    def open_paths(self) -> frozenset[str]:
        if self._open_paths is None:
            self._open_paths = frozenset(reverse(name) for name in (
                "accounts:two_factor_setup", "accounts:two_factor_verify", "accounts:logout"))
        return self._open_paths

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and required_for(user) and self._idle_too_long(request):
            logout(request)
            if request.path.startswith("/api/"):
                return _api_refusal(401, "authorization", "your session ended after a period without activity; "
                                                          "sign in again")
            messages.info(request, "You were signed out after a period without activity.")
            return redirect(f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}")
        if awaits_second_factor(request) and request.path not in self.open_paths():
            if request.path.startswith("/api/"):
                return _api_refusal(403, "otp", "this account uses two-factor authentication: finish signing in "
                                                "on the two-factor page, or use a bearer token issued with a code")
            target = "accounts:two_factor_verify" if uses_two_factor(signed_in(request)) else "accounts:two_factor_setup"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _idle_too_long(request: HttpRequest) -> bool:
        """Also caps the whole session at SESSION_COOKIE_AGE: noting activity saves the session, which would
        otherwise push its expiry forward for as long as the clinician keeps working."""
        now = int(timezone.now().timestamp())
        last_seen = request.session.get(LAST_SEEN_KEY)
        if isinstance(last_seen, int) and now - last_seen > settings.SPECIOSA_IDLE_MINUTES * 60:
            return True
        started = request.session.setdefault(STARTED_KEY, now)
        if isinstance(started, int) and now - started > settings.SESSION_COOKIE_AGE:
            return True
        if not isinstance(last_seen, int) or now - last_seen >= LAST_SEEN_GRANULARITY_S:
            request.session[LAST_SEEN_KEY] = now
        return False


def _api_refusal(status: int, field: str, message: str) -> JsonResponse:
    return JsonResponse({"detail": [{"field": field, "message": message}]}, status=status)
