"""Static files with their content's hash in their names, so a browser may keep each for a year.

``speciosa serve`` (and ``demo``) run collectstatic at start, which writes the hashed (and pre-compressed) copies and
their manifest into STATIC_ROOT; WhiteNoise then serves them with a one-year ``Cache-Control: immutable``. Before any
collectstatic (the tests, a first ``manage.py runserver`` from a checkout) a file has no hashed copy yet, and its
plain name is used instead of stopping the page, as Django's strict manifest storage would.
"""

from __future__ import annotations

from typing import Any

from whitenoise.storage import CompressedManifestStaticFilesStorage


class HashedStaticFiles(CompressedManifestStaticFilesStorage):
    manifest_strict = False

    def hashed_name(self, name: str, content: Any = None, filename: str | None = None) -> str:
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:  # not collected yet: no file in STATIC_ROOT to hash
            if content is not None:
                raise
            return name
