"""The framework's floor: the least a Django view can do for a write (parse JSON, insert one row in a transaction).

No authentication, no validation, no domain logic: whatever the API costs beyond this is ours.
"""

from __future__ import annotations

import json

from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from speciosa.diary.enums import RevisionAction
from speciosa.diary.models import Revision


@csrf_exempt
@require_POST
def floor(request: HttpRequest) -> HttpResponse:
    patient_id = int(json.loads(request.body)["patient"])
    with transaction.atomic():
        row = Revision.objects.create(patient_id=patient_id, record_type="bench", record_id=0,
                                      action=RevisionAction.CREATE)
    return JsonResponse({"id": row.pk}, status=201)
