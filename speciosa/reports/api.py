"""Reports API, mounted under /api/v1 by speciosa.api."""

from ninja import Router

router = Router(tags=["reports"])
