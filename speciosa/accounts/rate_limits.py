"""Counters that refuse an action tried too often: re-entered passwords, sign-ups and password-reset e-mails.

django-axes guards the sign-in itself. These guard the other places where a guess can be checked or a mail sent:
a signed-in session re-entering its password (account deletion, password change, two-factor changes), the sign-up
page (which says whether a username is taken) and the password-reset page (which sends e-mail).

The counts live in Django's cache: one fixed window per key, started by the first attempt. With the default
per-process memory cache each server process counts on its own, so the effective limit is the limit times the
number of processes; a shared cache (CACHES in settings) makes it exact.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from axes.helpers import get_client_ip_address
from django.core.cache import cache
from django.http import HttpRequest

from speciosa.accounts.models import User
from speciosa.core.errors import InputError


@dataclass(frozen=True)
class Limit:
    """At most ``attempts`` within ``window`` for one key (a user, an address, an e-mail)."""

    name: str
    attempts: int
    window: dt.timedelta

    @property
    def minutes(self) -> int:
        return max(1, int(self.window.total_seconds() // 60))


# Wrong passwords re-entered by one signed-in user: the same five as django-axes allows a sign-in.
PASSWORD_REENTRY = Limit("password-reentry", 5, dt.timedelta(minutes=15))
# Sign-up attempts from one address: enough for a family behind one router, too few to walk a list of names.
SIGNUP = Limit("signup", 10, dt.timedelta(hours=1))
# Password-reset requests from one address, and for one e-mail address from anywhere (no mailbox gets flooded).
PASSWORD_RESET_CLIENT = Limit("password-reset-client", 10, dt.timedelta(hours=1))
PASSWORD_RESET_EMAIL = Limit("password-reset-email", 3, dt.timedelta(hours=1))


class TooManyAttempts(InputError):
    """A refusal because the limit is used up; ``retry_after`` is in seconds. An InputError, so forms show it
    beside the field it names."""

    def __init__(self, field: str, message: str, retry_after: int) -> None:
        super().__init__(field, message)
        self.retry_after = retry_after


def _cache_key(limit: Limit, key: str) -> str:
    # Hashed: keys hold e-mail addresses and client addresses, which need not sit readable in a shared cache.
    return f"speciosa:rate:{limit.name}:{hashlib.sha256(key.encode()).hexdigest()}"


def used(limit: Limit, key: str) -> int:
    return int(cache.get(_cache_key(limit, key), 0))


def exhausted(limit: Limit, key: str) -> bool:
    return used(limit, key) >= limit.attempts


def count(limit: Limit, key: str) -> int:
    """One more attempt against ``key``; returns the number within the current window (the first opens it)."""
    cache_key = _cache_key(limit, key)
    if cache.add(cache_key, 1, timeout=int(limit.window.total_seconds())):
        return 1
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr: this attempt opens a new window
        cache.add(cache_key, 1, timeout=int(limit.window.total_seconds()))
        return 1


def clear(limit: Limit, key: str) -> None:
    cache.delete(_cache_key(limit, key))


def take(limit: Limit, key: str, *, field: str, message: str) -> None:
    """Counts one attempt, or raises TooManyAttempts when the limit for ``key`` is already used up."""
    if exhausted(limit, key):
        raise TooManyAttempts(field, f"{message}; try again in {limit.minutes} minutes",
                              int(limit.window.total_seconds()))
    count(limit, key)


def client_of(request: HttpRequest) -> str:
    """The caller's address as django-axes sees it (so its proxy settings apply here too)."""
    return get_client_ip_address(request) or "unknown"


def check_reentered_password(user: User, password: object) -> None:
    """Proof that the person at a signed-in session knows the password, before an irreversible or security change.

    Raises InputError("password") when it is wrong, and TooManyAttempts once five were wrong within 15 minutes
    (then even the right one is refused until the window ends, so guessing gains nothing). A right password
    clears the count.
    """
    key = str(user.pk)
    if exhausted(PASSWORD_REENTRY, key):
        raise TooManyAttempts("password", f"was wrong too many times; try again in {PASSWORD_REENTRY.minutes} "
                                          "minutes", int(PASSWORD_REENTRY.window.total_seconds()))
    if not isinstance(password, str) or not password or not user.check_password(password):
        count(PASSWORD_REENTRY, key)
        raise InputError("password", "is wrong")
    clear(PASSWORD_REENTRY, key)
