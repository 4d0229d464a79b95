from __future__ import annotations

from typing import Any

import pytest

from speciosa.interop.tests.bundles import own_bundle


@pytest.fixture
def alice_bundle(cast) -> dict[str, Any]:
    return own_bundle(cast.alice.user)
