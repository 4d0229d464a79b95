"""Removes audit entries older than the retention period (docs/privacy.md). Run it daily."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from speciosa.audit.domain import RETENTION, purge_expired


class Command(BaseCommand):
    help = f"Remove audit entries older than {RETENTION.days} days."

    def handle(self, *args: Any, **options: Any) -> None:
        removed = purge_expired(now=timezone.now())
        self.stdout.write(f"Removed {removed} audit entries older than {RETENTION.days} days.")
