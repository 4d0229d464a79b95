"""Root test configuration: shared fixtures live in speciosa.testing."""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's event loop runs beside the live server
# Background tasks run at once, in memory, where they are enqueued (after the write's commit): the suite stays
# deterministic. The worker tests (tests/queue/, tests/faults/) run real workers against Redis and a SQLite queue.
os.environ.setdefault("SPECIOSA_TASKS_IMMEDIATE", "1")

pytest_plugins = ["speciosa.testing"]
