"""Accounts API: tokens for clients (issue, list, revoke), and the signed-in person's own profile."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from speciosa.accounts import tokens, twofactor
from speciosa.accounts.api_auth import AUTH, CURRENT_TOKEN_ATTR
from speciosa.accounts.domain import update_profile
from speciosa.accounts.http import ApiRequest
from speciosa.accounts.models import PatientProfile
from speciosa.accounts.rate_limits import TooManyAttempts
from speciosa.accounts.schemas import (
    DeleteAccountIn,
    MeOut,
    ProfileIn,
    ProfileOut,
    TokenIn,
    TokenInfoOut,
    TokenOut,
)
from speciosa.diary.privacy import delete_account, export_archive
from speciosa.lib.api_errors import ApiError
from speciosa.lib.schemas import ErrorOut

router = Router(tags=["accounts"])


@router.post("/auth/token", auth=None, response={201: TokenOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut, 429: ErrorOut})
def create_token(request: HttpRequest, payload: TokenIn):
    """Exchange a username and password for a bearer token (send it as `Authorization: Bearer TOKEN`).

    Accounts with two-factor authentication (every clinician and administrator) also send `otp`, the current code.
    Five wrong passwords for one username from one address lock that pair out for 15 minutes (429).
    The token ends at ``expires_at`` unless used; each use extends it, up to a limit from issue (clinicians and
    administrators: their idle timeout and 12 hours by default). Changing or resetting the password, or the second
    factor, ends all of an account's tokens.
    """
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:
        return Status(401, {"detail": [{"field": "password", "message": "username or password is wrong"}]})
    if twofactor.required_for(user) or twofactor.uses_two_factor(user):
        if not payload.otp:
            return Status(401, {"detail": [{"field": "otp", "message": "this account uses two-factor "
                                            "authentication: send the current code from your authenticator app"}]})
        if not twofactor.uses_two_factor(user):
            return Status(401, {"detail": [{"field": "otp", "message": "set up two-factor authentication on the "
                                            "website first"}]})
        if twofactor.verify(user, payload.otp) is None:
            return Status(401, {"detail": [{"field": "otp", "message": "that code does not match (or too many "
                                            "wrong codes: wait a little and send the newest code)"}]})
    raw, token = tokens.issue(user, label=payload.label)
    return Status(201, {"token": raw, "id": token.pk, "expires_at": token.expires_at})


@router.get("/tokens", auth=AUTH, response={200: list[TokenInfoOut], 401: ErrorOut, 403: ErrorOut})
def list_tokens(request: ApiRequest):
    """Your bearer tokens that still work, newest first; ``current`` marks the one this request came with."""
    current = getattr(request, CURRENT_TOKEN_ATTR, None)
    return [{"id": token.pk, "label": token.label, "created_at": token.created_at,
             "last_used_at": token.last_used_at, "expires_at": token.expires_at, "current": token.pk == current}
            for token in tokens.tokens_of(request.auth)]


@router.delete("/tokens/{token_id}", auth=AUTH, response={204: None, 401: ErrorOut, 403: ErrorOut,
                                                           404: ErrorOut})
def revoke_token(request: ApiRequest, token_id: int):
    """Ends one of your tokens at once (the one this request came with too: that is how a client signs out).
    Another person's token id answers 404, like one that does not exist."""
    if not tokens.revoke(request.auth, token_id):
        raise ApiError(404, "token_id", "you have no token with this id")
    return Status(204, None)


@router.get("/me", auth=AUTH, response={200: MeOut, 401: ErrorOut})
def me(request: ApiRequest):
    user = request.auth
    profile = PatientProfile.objects.filter(user=user).first()
    return {"id": user.pk, "username": user.username, "email": user.email, "role": user.role,
            "profile": profile}


@router.patch("/me/profile", auth=AUTH,
              response={200: ProfileOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut})
def change_profile(request: ApiRequest, payload: ProfileIn):
    user = request.auth
    if not user.is_patient:
        raise ApiError(403, "role", "only patients have a clinical profile")
    return update_profile(user, **payload.model_dump(exclude_unset=True))


@router.get("/me/archive", auth=AUTH, response={200: bytes, 401: ErrorOut, 403: ErrorOut},
            openapi_extra={"responses": {200: {"description": "A zip archive", "content": {
                "application/zip": {"schema": {"type": "string", "format": "binary"}}}}}})
def download_everything(request: ApiRequest):
    """Everything Speciosa holds about you, as a zip of one JSON document and CSV files (see docs/privacy.md)."""
    user = request.auth
    if not user.is_patient:
        raise ApiError(403, "role", "only a patient has a record to download")
    response = HttpResponse(export_archive(user), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="speciosa-{user.username}-all-data.zip"'
    return response


@router.post("/me/delete", auth=AUTH, response={204: None, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut,
                                                422: ErrorOut, 429: ErrorOut})
def delete_me(request: ApiRequest, payload: DeleteAccountIn):
    """Deletes your account and all your data now; it cannot be undone. Send your password to confirm.

    Five wrong passwords within 15 minutes refuse further attempts (even the right one) until then (429).
    """
    user = request.auth
    if not user.is_patient:
        raise ApiError(403, "role", "only a patient account can be erased here; ask an administrator")
    try:
        delete_account(user, password=payload.password)
    except TooManyAttempts as refused:
        raise ApiError(429, refused.field, refused.message) from None
    return Status(204, None)
