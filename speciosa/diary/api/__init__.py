"""Diary API: products, doses, days, check-ins, medicines, labs and the export of the signed-in patient.

Every operation is thin: it finds the patient (403 for anyone else), finds the record among that patient's
own (404 otherwise, never a hint that another patient's record exists), calls one domain verb and serialises
the result.
"""

from ninja import Router

from speciosa.diary.api import checkins, days, doses, export, labs, medications, products

router = Router()
for resource in (products, doses, days, checkins, medications, labs, export):
    router.add_router("/", resource.router)
