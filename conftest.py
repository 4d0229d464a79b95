"""Root test configuration: shared fixtures live in speciosa.testing."""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's event loop runs beside the live server

pytest_plugins = ["speciosa.testing"]
