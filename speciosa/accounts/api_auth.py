"""How API callers prove who they are: a session cookie (pages, with CSRF) or a bearer token (clients)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer, SessionAuth

from speciosa.accounts.tokens import token_for
from speciosa.lib.api_errors import ApiError

CURRENT_TOKEN_ATTR = "speciosa_api_token_id"  # on the request: the id of the bearer token it came with


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        if "\x00" in token or len(token) > 200:
            return None
        found = token_for(token)
        if found is None:
            return None
        setattr(request, CURRENT_TOKEN_ATTR, found.pk)  # GET /tokens marks it, so a client can revoke its own
        request.user = found.user
        return found.user


class Session(SessionAuth):
    """Django's session, with CSRF checked on unsafe methods (ninja's SessionAuth does this).

    The check runs only for a signed-in session: a caller with no session at all is unauthenticated (401),
    not a forged request (403).
    """

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        try:
            return super()._get_key(request)
        except HttpError:
            raise ApiError(403, "X-CSRFToken", "the CSRF token is missing or wrong: send the value of the "
                                               "csrftoken cookie in the X-CSRFToken header") from None


AUTH: list[APIKeyCookie | HttpBearer] = [BearerToken(), Session()]
