"""Two-factor authentication (TOTP, with single-use backup codes), on django-otp.

Required for clinicians and administrators: they see other people's health data. Optional for patients; once a
patient turns it on, it is asked for at every sign-in like anyone else's.

Bearer tokens: a clinician or administrator gets a token only by sending a current code with the password
(POST /api/v1/auth/token with ``otp``), and a token of theirs works only while they hold a confirmed authenticator
that was in service when the token was issued. So a token issued before two-factor was set up stops working, and
no token of theirs ever rests on a password alone. Any change of second factor (a new authenticator, new backup
codes, two-factor turned off) ends all of the person's tokens, whatever their role.
"""

from __future__ import annotations

import base64
import re

import segno
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from speciosa.accounts.enums import Role
from speciosa.accounts.models import ApiToken, User
from speciosa.accounts.rate_limits import check_reentered_password
from speciosa.core.errors import InputError

REQUIRED_ROLES = frozenset({Role.CLINICIAN, Role.ADMIN})
PENDING_KEY = "speciosa_two_factor_pending"  # in the session: this sign-in still awaits its second factor
BACKUP_CODES = 10
_CODE = re.compile(r"^\d{6}$|^[a-z2-7]{8}$")


def required_for(user: User) -> bool:
    return user.role in REQUIRED_ROLES


def authenticator_of(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-created_at").first()


def uses_two_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def session_is_verified(request: HttpRequest) -> bool:
    is_verified = getattr(request.user, "is_verified", None)  # set by django-otp's middleware on signed-in users
    return bool(is_verified and is_verified())


def awaits_second_factor(request: HttpRequest) -> bool:
    """True for a signed-in session that must still give a code before it may do anything else."""
    user = request.user
    if not user.is_authenticated or session_is_verified(request):
        return False
    return required_for(user) or bool(request.session.get(PENDING_KEY))


@receiver(user_logged_in, dispatch_uid="speciosa.accounts.two_factor_pending")
def _note_pending_second_factor(sender: object, request: HttpRequest | None, user: User, **kwargs: object) -> None:
    """A patient who turned two-factor on is asked for a code too; the answer is kept so pages need not ask again."""
    if request is not None and hasattr(request, "session"):
        request.session[PENDING_KEY] = required_for(user) or uses_two_factor(user)


def _normalise(code: object) -> str:
    if not isinstance(code, str):
        raise InputError("otp", "expected the 6-digit code from your authenticator app, or a backup code")
    text = code.replace(" ", "").replace("-", "").strip().lower()
    if not _CODE.match(text):
        raise InputError("otp", "expected the 6-digit code from your authenticator app, or a backup code")
    return text


@transaction.atomic
def start_setup(user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator for ``user`` (a previous unconfirmed one is replaced)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def pending_setup(user: User, device_id: object) -> TOTPDevice | None:
    if not isinstance(device_id, int):
        return None
    return TOTPDevice.objects.filter(user=user, pk=device_id, confirmed=False).first()


@transaction.atomic
def confirm_setup(user: User, *, device: TOTPDevice, code: object) -> list[str]:
    """Confirms ``device`` with a code it shows; returns new backup codes (shown once).

    Side effects: any earlier authenticator and backup codes of ``user`` are removed (their bearer tokens stop
    working), this device is in service from now on, and a new set of backup codes replaces the old.
    Raises InputError("otp") if the code is wrong.
    """
    text = _normalise(code)
    if device.user_id != user.pk or device.confirmed or not device.verify_token(text):
        raise InputError("otp", "that code does not match: check the time on your phone and try the newest code")
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    end_tokens(user)
    device.confirmed = True
    device.created_at = timezone.now()  # in service from now: tokens issued before this do not rest on it
    device.save(update_fields=["confirmed", "created_at"])
    return new_backup_codes(user)


@transaction.atomic
def new_backup_codes(user: User) -> list[str]:
    """Replaces ``user``'s backup codes (a change of second factor, so their tokens end)."""
    StaticDevice.objects.filter(user=user).delete()
    end_tokens(user)
    static = StaticDevice.objects.create(user=user, name="Backup codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def verify(user: User, code: object) -> Device | None:
    """The device that accepts ``code`` (an authenticator code, or a backup code, which is then used up), else None.

    Each device throttles wrong guesses itself (django-otp doubles the wait after each failure).
    """
    text = _normalise(code)
    candidates: list[Device] = []
    if len(text) == 6 and text.isdigit():  # backup codes are 8 characters, so the two never meet
        candidates.extend(TOTPDevice.objects.filter(user=user, confirmed=True))
    else:
        candidates.extend(StaticDevice.objects.filter(user=user, confirmed=True))
    with transaction.atomic():
        for device in candidates:
            locked = type(device).objects.select_for_update().get(pk=device.pk)
            if locked.verify_token(text):
                return locked
    return None


def check_code(user: User, code: object) -> Device:
    """``verify``, for forms and the API: raises InputError("otp") when no device accepts the code."""
    device = verify(user, code)
    if device is None:
        raise InputError("otp", "that code does not match (or too many wrong codes: wait a little and try the "
                                "newest code)")
    return device


def mark_verified(request: HttpRequest, device: Device) -> None:
    """This session has given its second factor."""
    otp_login(request, device)
    request.session.pop(PENDING_KEY, None)


@transaction.atomic
def turn_off(user: User, *, password: str) -> None:
    """A patient turns two-factor off (their password again, as proof). Clinicians and admins cannot."""
    if required_for(user):
        raise InputError("role", "two-factor authentication is required for clinicians and administrators")
    check_reentered_password(user, password)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    end_tokens(user)


def end_tokens(user: User) -> None:
    """Every bearer token of ``user`` stops working: they were issued under the second factor being replaced.
    (Here rather than in speciosa.accounts.tokens, which builds on this module.)"""
    ApiToken.objects.filter(user=user).delete()


def qr_code_svg(device: TOTPDevice) -> str:
    """The setup link as an inline SVG QR code (drawn here: no image service sees the secret)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=4, title="QR code to add Speciosa to your authenticator app", light="#fff")


def manual_key(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    key = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[index:index + 4] for index in range(0, len(key), 4))


def token_allowed(token: ApiToken) -> bool:
    """A clinician's or administrator's bearer token works only if an authenticator was in service when it was
    issued (see the module docstring). Other tokens are not affected."""
    if not required_for(token.user):
        return True
    return TOTPDevice.objects.filter(user_id=token.user_id, confirmed=True,
                                     created_at__lte=token.created_at).exists()


def forget_session_device(request: HttpRequest) -> None:
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
