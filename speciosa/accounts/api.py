"""Accounts API: tokens for clients, and the signed-in person's own profile."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.http import HttpRequest
from ninja import Router, Status

from speciosa.accounts.domain import issue_token, update_profile
from speciosa.accounts.models import PatientProfile
from speciosa.accounts.schemas import ErrorOut, MeOut, ProfileIn, ProfileOut, TokenIn, TokenOut
from speciosa.api_auth import AUTH
from speciosa.api_errors import ApiError

router = Router(tags=["accounts"])


@router.post("/auth/token", auth=None, response={201: TokenOut, 400: ErrorOut, 401: ErrorOut, 422: ErrorOut})
def create_token(request: HttpRequest, payload: TokenIn):  # type: ignore[no-untyped-def]
    """Exchange a username and password for a bearer token (send it as `Authorization: Bearer TOKEN`)."""
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:
        return Status(401, {"detail": [{"field": "password", "message": "username or password is wrong"}]})
    return Status(201, {"token": issue_token(user, label=payload.label)})


@router.get("/me", auth=AUTH, response={200: MeOut, 401: ErrorOut})
def me(request: HttpRequest):  # type: ignore[no-untyped-def]
    user = request.auth  # type: ignore[attr-defined]
    profile = PatientProfile.objects.filter(user=user).first()
    return {"id": user.pk, "username": user.username, "email": user.email, "role": user.role,
            "profile": profile}


@router.patch("/me/profile", auth=AUTH,
              response={200: ProfileOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut})
def change_profile(request: HttpRequest, payload: ProfileIn):  # type: ignore[no-untyped-def]
    user = request.auth  # type: ignore[attr-defined]
    if not user.is_patient:
        raise ApiError(403, "role", "only patients have a clinical profile")
    return update_profile(user, **payload.model_dump(exclude_unset=True))
