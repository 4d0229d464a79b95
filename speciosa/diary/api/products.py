"""Products on the patient's shelf, and the one-tap log of a favourite's usual dose."""

from __future__ import annotations

from ninja import Router, Status
from ninja.pagination import paginate

from speciosa.accounts.api_auth import AUTH
from speciosa.accounts.http import ApiRequest, patient_of
from speciosa.diary.domain import create_product, delete_product, quick_log, update_product
from speciosa.diary.models import Product
from speciosa.diary.schemas.doses import DoseOut
from speciosa.diary.schemas.products import ProductIn, ProductOut, ProductPatch, QuickLogIn
from speciosa.lib.api_errors import own
from speciosa.lib.paging import Pages
from speciosa.lib.schemas import RecordId, error_responses

router = Router(tags=["products"], auth=AUTH)


@router.get("/products", response={200: list[ProductOut], **error_responses(401, 403, 422)})
@paginate(Pages)
def list_products(request: ApiRequest):
    """Your products, newest first."""
    return Product.objects.of(patient_of(request)).order_by("-created_at", "-id")


@router.post("/products", response={201: ProductOut, **error_responses(400, 401, 403, 422)})
def add_product(request: ApiRequest, payload: ProductIn):
    patient = patient_of(request)
    return Status(201, create_product(patient, by=patient, **payload.model_dump()))


@router.get("/products/{id}", response={200: ProductOut, **error_responses(401, 403, 404, 422)})
def get_product(request: ApiRequest, id: RecordId):
    return own(Product.objects.of(patient_of(request)), id, "product")


@router.patch("/products/{id}", response={200: ProductOut, **error_responses(400, 401, 403, 404, 422)})
def change_product(request: ApiRequest, id: RecordId, payload: ProductPatch):
    """Changes the fields sent; every dose logged with the product is re-normalised."""
    patient = patient_of(request)
    product = own(Product.objects.of(patient), id, "product")
    changes = payload.model_dump(exclude_unset=True)
    return update_product(product, by=patient, **changes) if changes else product


@router.delete("/products/{id}", response={204: None, **error_responses(401, 403, 404, 422)})
def remove_product(request: ApiRequest, id: RecordId):
    """Takes the product off the shelf; doses already logged with it keep it."""
    patient = patient_of(request)
    delete_product(own(Product.objects.of(patient), id, "product"), by=patient)
    return Status(204, None)


@router.post("/products/{id}/quick-log", response={201: DoseOut, **error_responses(400, 401, 403, 404, 422)})
def quick_log_product(request: ApiRequest, id: RecordId, payload: QuickLogIn | None = None):
    """Logs the product's usual dose, now or at ``taken_at``."""
    patient = patient_of(request)
    product = own(Product.objects.of(patient), id, "product")
    taken_at = payload.taken_at if payload is not None else None
    return Status(201, quick_log(patient, product=product, taken_at=taken_at, by=patient))
