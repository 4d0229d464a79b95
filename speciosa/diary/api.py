"""Diary API: products, doses, check-ins, medicines and labs of the signed-in patient."""

from ninja import Router

router = Router(tags=["diary"])
