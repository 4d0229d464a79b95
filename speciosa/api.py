"""The one JSON API (/api/v1). Each app contributes a router; errors are JSON that name the field."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from speciosa.core.errors import InputError


class StrictParser(Parser):
    """Malformed JSON is the caller's error (400 naming the body), not ours."""

    def parse_body(self, request: HttpRequest):  # type: ignore[no-untyped-def]
        try:
            return super().parse_body(request)
        except ValueError as error:
            raise HttpError(400, f"body: malformed JSON ({error})") from None


api = NinjaAPI(
    title="Speciosa API",
    version="1",
    description="Supervised kratom use for chronic pain. Speciosa supports decisions; it never prescribes.",
    urls_namespace="api",
    parser=StrictParser(),
)


def _field_of(loc: list) -> str:
    parts = [str(part) for part in loc if part not in ("body", "payload", "query", "path")]
    text = ""
    for part in parts:
        text += f"[{part}]" if part.isdigit() else (f".{part}" if text else part)
    return text or "body"


@api.exception_handler(InputError)
def on_input_error(request: HttpRequest, error: InputError) -> HttpResponse:
    return api.create_response(
        request, {"detail": [{"field": error.field, "message": error.message}]}, status=422
    )


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    detail = [{"field": _field_of(list(item.get("loc", []))), "message": item.get("msg", "invalid")}
              for item in error.errors]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": [{"field": "authorization",
                                                     "message": "sign in or send a bearer token"}]}, status=401)


def _mount() -> None:
    from speciosa.accounts.api import router as accounts_router
    from speciosa.diary.api import router as diary_router

    api.add_router("/", accounts_router)
    api.add_router("/", diary_router)


_mount()
