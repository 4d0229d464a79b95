"""The patient's shelf of products."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from speciosa.accounts.http import AuthedRequest, patient_required
from speciosa.diary.domain import create_product, delete_product, update_product
from speciosa.diary.forms import ProductForm
from speciosa.diary.models import Product
from speciosa.diary.queries import products_of
from speciosa.lib.pages import posted


def _own_product(request: AuthedRequest, pk: int) -> Product:
    return get_object_or_404(products_of(request.user), pk=pk)


@patient_required
def product_list(request: AuthedRequest) -> HttpResponse:
    return render(request, "diary/product_list.html", {"products": products_of(request.user)})


@patient_required
def product_new(request: AuthedRequest) -> HttpResponse:
    patient = request.user
    form = ProductForm(posted(request))
    if form.is_bound and form.is_valid() and form.submit(lambda values: create_product(patient, by=patient, **values)):
        messages.success(request, "Product added.")
        return redirect("diary:products")
    return render(request, "diary/form_page.html", {"form": form, "title": "Add a product", "submit": "Add product"})


@patient_required
def product_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    product = _own_product(request, pk)
    form = ProductForm(posted(request), initial=ProductForm.initial_for(product))
    if form.is_bound and form.is_valid() and form.submit(
            lambda values: update_product(product, by=request.user, **values)):
        messages.success(request, "Product saved. Doses of it were recalculated.")
        return redirect("diary:products")
    return render(request, "diary/form_page.html", {
        "form": form, "title": f"Change {product.name}", "submit": "Save changes",
        "delete_url": "diary:product_delete", "record": product})


@patient_required
def product_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    product = _own_product(request, pk)
    if request.method == "POST":
        delete_product(product, by=request.user)
        messages.success(request, f"{product.name} removed from your products. Doses already logged keep it.")
        return redirect("diary:products")
    return render(request, "diary/confirm_delete.html",
                  {"what": product.name, "record": product, "cancel": reverse("diary:products")})
