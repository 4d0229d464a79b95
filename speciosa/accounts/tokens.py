"""Bearer tokens for API clients: issuing, checking, listing and revoking them.

A token ends. Each use slides its expiry forward by an idle window, but never past a hard limit counted from when
it was issued. Clinicians and administrators see other people's health data, so theirs follow their session's rules
(SPECIOSA_IDLE_MINUTES without a request, SPECIOSA_STAFF_TOKEN_HOURS however busy); other accounts' tokens live
longer (SPECIOSA_TOKEN_IDLE_DAYS idle, SPECIOSA_TOKEN_MAX_DAYS at most), because a patient's phone app cannot
ask for a password every half hour.

Changing or resetting the password and changing the second factor revoke all of a person's tokens (see
``User.save`` and ``twofactor``): whoever had stolen one loses it with the old secret. Only a token's SHA-256 is
stored, so a copied database gives no usable token.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from speciosa.accounts.models import ApiToken, PatientProfile, User
from speciosa.accounts.twofactor import required_for, token_allowed
from speciosa.core.text import clean_text
from speciosa.lib.rows import instance_from, select_list, width

TOKEN_USE_GRANULARITY = dt.timedelta(minutes=5)
"""How stale a token's ``last_used_at`` (and so its sliding expiry) may get: writing on every request would add a
write (and on SQLite the database's single write lock) to every read. So a token may end up to this much sooner
than its idle window after its last use, never later."""


@dataclass(frozen=True, slots=True)
class Lifetime:
    idle: dt.timedelta  # unused this long, the token ends
    limit: dt.timedelta  # counted from issue, however busy


def describe(span: dt.timedelta) -> str:
    """``span`` in the largest whole unit, for the tokens page: "30 minutes", "12 hours", "180 days"."""
    seconds = int(span.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return f"{seconds} seconds"


def lifetime_for(user: User) -> Lifetime:
    if required_for(user):
        return Lifetime(idle=dt.timedelta(minutes=settings.SPECIOSA_IDLE_MINUTES),
                        limit=dt.timedelta(hours=settings.SPECIOSA_STAFF_TOKEN_HOURS))
    return Lifetime(idle=dt.timedelta(days=settings.SPECIOSA_TOKEN_IDLE_DAYS),
                    limit=dt.timedelta(days=settings.SPECIOSA_TOKEN_MAX_DAYS))


def _expiry(user: User, *, issued: dt.datetime, now: dt.datetime) -> dt.datetime:
    lifetime = lifetime_for(user)
    return min(now + lifetime.idle, issued + lifetime.limit)


def issue(user: User, *, label: str = "") -> tuple[str, ApiToken]:
    """A new bearer token: its raw value (returned this once; only its digest is kept) and the stored row."""
    raw = secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(user=user, digest=ApiToken.digest_of(raw),
                                    expires_at=_expiry(user, issued=now, now=now),
                                    label=clean_text(label, "label", max_length=100))
    return raw, token


def issue_token(user: User, *, label: str = "") -> str:
    """A new bearer token's raw value."""
    return issue(user, label=label)[0]


@cache
def _token_sql() -> str:
    quote = connection.ops.quote_name
    return (f"SELECT {select_list(ApiToken, 't')}, {select_list(User, 'u')}, {select_list(PatientProfile, 'p')} "
            f"FROM {quote(ApiToken._meta.db_table)} t JOIN {quote(User._meta.db_table)} u ON u.id = t.user_id "
            f"LEFT JOIN {quote(PatientProfile._meta.db_table)} p ON p.user_id = u.id WHERE t.digest = %s")


def _token_by_digest(digest: str) -> ApiToken | None:
    """The token with its user and the user's profile (None when they have none), in one read.

    What ``ApiToken.objects.select_related("user", "user__profile").filter(digest=digest).first()`` reads,
    written out (speciosa.lib.rows): every API request runs it, and compiling that queryset cost over ten times
    the query.
    """
    with connection.cursor() as cursor:
        cursor.execute(_token_sql(), [digest])
        row = cursor.fetchone()
    if row is None:
        return None
    token_end = width(ApiToken)
    user_end = token_end + width(User)
    token = instance_from(ApiToken, row[:token_end])
    user = instance_from(User, row[token_end:user_end])
    profile_values = row[user_end:]
    profile = None if profile_values[0] is None else instance_from(PatientProfile, profile_values)
    User.profile.related.set_cached_value(user, profile)  # None: "no profile", known without another read
    if profile is not None:
        PatientProfile.user.field.set_cached_value(profile, user)
    ApiToken.user.field.set_cached_value(token, user)
    return token


def token_for(raw: str) -> ApiToken | None:
    """The live token with this raw value, its expiry slid forward by this use; None if unknown, expired, its
    holder inactive, or (for clinicians and administrators) not backed by a second factor."""
    token = _token_by_digest(ApiToken.digest_of(raw))
    now = timezone.now()
    if token is None or token.expires_at <= now or not token.user.is_active or not token_allowed(token):
        return None
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_USE_GRANULARITY:
        token.last_used_at = now
        # The holder's current role decides: a patient made a clinician gets the shorter lifetime at once.
        token.expires_at = _expiry(token.user, issued=token.created_at, now=now)
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now, expires_at=token.expires_at)
    return token


def user_for_token(raw: str) -> User | None:
    token = token_for(raw)
    return None if token is None else token.user


def tokens_of(user: User) -> QuerySet[ApiToken]:
    """``user``'s tokens that still work, newest first (expired ones are deleted on the way)."""
    ApiToken.objects.filter(user=user, expires_at__lte=timezone.now()).delete()
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def revoke(user: User, token_id: int) -> bool:
    """Ends one of ``user``'s tokens; False if ``user`` holds no token with that id (someone else's is not theirs)."""
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return deleted > 0


def revoke_all(user: User) -> int:
    """Ends every token of ``user``; the number ended."""
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return deleted
