"""The one JSON API (/api/v1). Each app contributes a router; errors are JSON that name the field."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from speciosa.clinic.access import NoAccess
from speciosa.core.errors import InputError, each_error
from speciosa.lib.api_errors import ApiError


class StrictParser(Parser):
    """Malformed JSON is the caller's error (400 naming the body), not ours."""

    def parse_body(self, request: HttpRequest):
        try:
            return super().parse_body(request)
        except (ValueError, RecursionError) as error:  # RecursionError: JSON nested too deeply to parse
            raise ApiError(400, "body", f"malformed JSON ({str(error)[:200]})") from None


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


def _message_of(item: dict) -> str:
    """Pydantic's message, in the words the domain would use for the same fault."""
    pattern = str(item.get("ctx", {}).get("pattern", ""))
    if item.get("type") == "string_pattern_mismatch" and "\\x00" in pattern:
        return "contains a NUL character, which cannot be stored"
    if item.get("type") == "timezone_aware":
        return "needs a time zone offset, such as 2026-11-20T08:00:00+00:00"
    message = str(item.get("msg", "invalid"))
    return message.removeprefix("Value error, ")


@api.exception_handler(InputError)
def on_input_error(request: HttpRequest, error: InputError) -> HttpResponse:
    """Every bad field the domain found (InputErrors carries several), each naming its field."""
    detail = [{"field": each.field, "message": each.message} for each in each_error(error)]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    detail = [{"field": _field_of(list(item.get("loc", []))), "message": _message_of(item)}
              for item in error.errors]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    """Refusals (ours and ninja's own, such as a failed CSRF check) in the one error shape."""
    if isinstance(error.__cause__, ApiError):  # ninja wraps the parser's error in its own "Cannot parse" 400
        error = error.__cause__
    field = error.field if isinstance(error, ApiError) else "request"
    return api.create_response(request, {"detail": [{"field": field, "message": str(error)}]},
                               status=error.status_code)


@api.exception_handler(NoAccess)
def on_no_access(request: HttpRequest, error: NoAccess) -> HttpResponse:
    """The access door's refusal: 404, the same answer as for a patient who does not exist."""
    detail = [{"field": "patient", "message": f"no patient {error.patient_id} has shared this with you"}]
    return api.create_response(request, {"detail": detail}, status=404)


@api.exception_handler(RequestDataTooBig)
def on_too_big(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
    detail = [{"field": "body", "message": "the request is too large"}]
    return api.create_response(request, {"detail": detail}, status=413)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": [{"field": "authorization",
                                                     "message": "sign in or send a bearer token"}]}, status=401)


def _mount() -> None:
    from speciosa.accounts.api import router as accounts_router
    from speciosa.audit.api import router as audit_router
    from speciosa.clinic.api import router as clinic_router
    from speciosa.diary.api import router as diary_router
    from speciosa.instruments.api import router as instruments_router
    from speciosa.interop.fhir.api import router as fhir_router
    from speciosa.interop.redcap.api import router as redcap_router
    from speciosa.interop.trackers.api import router as import_router
    from speciosa.plans.api import router as plans_router
    from speciosa.reports.api import router as reports_router
    from speciosa.safety.api import router as safety_router

    api.add_router("/", accounts_router)
    api.add_router("/", diary_router)
    api.add_router("/", safety_router)
    api.add_router("/", instruments_router)
    api.add_router("/", reports_router)
    api.add_router("/", clinic_router)
    api.add_router("/", plans_router)
    api.add_router("/", audit_router)
    api.add_router("/", redcap_router)
    api.add_router("/", import_router)
    api.add_router("/", fhir_router)


_mount()
