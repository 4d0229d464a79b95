"""How API callers prove who they are: a session cookie (pages, with CSRF) or a bearer token (clients)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import APIKeyCookie, HttpBearer, SessionAuth

from speciosa.accounts.domain import user_for_token
from speciosa.accounts.models import ApiToken


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):  # type: ignore[no-untyped-def]
        if "\x00" in token or len(token) > 200:
            return None
        user = user_for_token(token)
        if user is None:
            return None
        ApiToken.objects.filter(digest=ApiToken.digest_of(token)).update(last_used_at=timezone.now())
        request.user = user
        return user


class Session(SessionAuth):
    """Django's session, with CSRF checked on unsafe methods (ninja's SessionAuth does this)."""


AUTH: list[APIKeyCookie | HttpBearer] = [BearerToken(), Session()]
