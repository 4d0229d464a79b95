"""Finding the people and products a command names. Django is imported inside each function (see boot.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from speciosa.core.errors import InputError

if TYPE_CHECKING:
    from speciosa.accounts.models import User
    from speciosa.diary.models import Product


def find_patient(username: str) -> User:
    from speciosa.accounts.models import User

    user = User.objects.select_related("profile").filter(username=username.strip()).first()
    if user is None:
        raise InputError("user", f"no user named {username!r}")
    if not user.is_patient:
        raise InputError("user", f"{user.username} is a {user.role}, not a patient; only patients keep a diary")
    return user


def find_product(patient: User, name_or_id: str) -> Product:
    """One of the patient's own products, by id or by name (case does not matter)."""
    from speciosa.diary.queries import products_of

    products = products_of(patient)
    wanted = name_or_id.strip()
    found = list(products.filter(pk=int(wanted))) if wanted.isdigit() else []
    if not found:
        found = list(products.filter(name__iexact=wanted))
    if len(found) == 1:
        return found[0]
    names = ", ".join(sorted(f"{product.name} (id {product.pk})" for product in products)) or "none yet"
    if found:
        raise InputError("product", f"{len(found)} products are named {wanted!r}; give the id instead: {names}")
    raise InputError("product", f"{patient.username} has no product {wanted!r}; their products: {names}")
