"""Runs tools/fhir-validate (an independent FHIR validator under Node.js) over Bundles, for the tests.

Locally the tests that need it are skipped, with the reason, when Node.js or the validator's packages are missing;
with SPECIOSA_REQUIRE_FHIR_VALIDATOR=1 (set by .ci/run, which installs them with ``npm ci``) that is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

TOOL = Path(__file__).resolve().parents[3] / "tools" / "fhir-validate"


def _unavailable() -> str | None:
    if shutil.which("node") is None:
        return "Node.js is not installed: the independent FHIR validator (tools/fhir-validate) cannot run"
    if not (TOOL / "node_modules" / "@medplum" / "core").is_dir():
        return "the FHIR validator's packages are not installed: run `npm ci` in tools/fhir-validate"
    return None


def require_validator() -> None:
    reason = _unavailable()
    if reason is None:
        return
    if os.environ.get("SPECIOSA_REQUIRE_FHIR_VALIDATOR") == "1":
        pytest.fail(f"SPECIOSA_REQUIRE_FHIR_VALIDATOR=1 but {reason}")
    pytest.skip(reason)


def validate(resources: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each named resource's report from the validator: {"resources", "errors", "unchecked_bindings"}."""
    require_validator()
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for name, resource in resources.items():
            path = Path(folder) / f"{len(paths)}.json"
            path.write_text(json.dumps(resource, ensure_ascii=False), encoding="utf-8")
            paths[str(path)] = name
        finished = subprocess.run(["node", "validate.mjs", *paths], cwd=TOOL, capture_output=True, text=True,
                                  timeout=300, check=False)
    if finished.returncode not in (0, 1):
        raise AssertionError(f"the validator failed to run: {finished.stderr[-2000:]}")
    reports = [json.loads(line) for line in finished.stdout.splitlines() if line.strip()]
    return {paths[report["file"]]: report for report in reports}
