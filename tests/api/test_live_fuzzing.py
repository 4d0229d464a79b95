"""Schema fuzzing against a live server: schemathesis' own runner, every check it has, its stateful phase.

tests/api/test_schema_fuzzing.py sends generated requests through Django's test client and looks for 5xx only. This
one is the outside view: the `st run` command, in a separate process, over real HTTP, against pytest-django's live
server (a WSGI server thread on the test database), with a patient's and a clinician's bearer token. It runs every
phase (examples, coverage, fuzzing, stateful sequences over the links schemathesis infers from the document) and every
check (server errors, response schema and status-code conformance, content types and headers, negative data rejected,
valid data accepted, authentication enforced, use after delete, resources available after create, ...). Any failure
fails the test and prints schemathesis' report, with a curl line that reproduces it.

Bounded for CI (a few examples per operation and a fixed seed, so a failure replays). Left out, with why:
- DELETE /tokens/{token_id} and POST /me/delete: the fuzzer would revoke its own credential or delete its own
  account and spend the rest of the run on 401s; both have their own tests (accounts/tests).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from speciosa.testing import build_cast

pytest.importorskip("schemathesis", reason="schemathesis is not installed: pip install -e '.[dev]'")

pytestmark = pytest.mark.django_db(transaction=True)

ST = Path(sys.executable).with_name("st")
EXAMPLES_PER_OPERATION = "6"
SEED = "20261203"
CONFIG = Path(__file__).with_name("schemathesis.toml")  # the rules JSON Schema cannot state, operation by operation
LEFT_OUT = ("/api/v1/tokens/{token_id}", "/api/v1/me/delete")


def run_schemathesis(base_url: str, token: str, report_dir: Path) -> subprocess.CompletedProcess[str]:
    # The document is read here, not by schemathesis over HTTP: its 10-second limit for loading it is too short on a
    # busy CI machine, and its requests get a generous limit for the same reason.
    with urllib.request.urlopen(f"{base_url}/api/v1/openapi.json", timeout=120) as response:
        document = json.load(response)
    schema = report_dir / "openapi.json"
    schema.write_text(json.dumps(document))
    command = [str(ST), "--config-file", str(CONFIG), "run", str(schema), "--url", base_url, "--request-timeout", "60",
               "--header", f"Authorization: Bearer {token}",
               "--checks", "all", "--max-examples", EXAMPLES_PER_OPERATION, "--seed", SEED, "--workers", "1",
               "--phases", "examples,coverage,fuzzing,stateful", "--no-color",
               "--report", "junit", "--report-dir", str(report_dir)]
    for path in LEFT_OUT:
        command += ["--exclude-path", path]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "", "NO_COLOR": "1"}
    # In report_dir: schemathesis keeps a cache of past failures in the working directory and replays them.
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=900, check=False, cwd=report_dir)


@pytest.mark.parametrize("who", ["alice", "bob"])  # a patient, and a clinician alice shares everything with
def test_every_schemathesis_check_passes_against_the_live_server(live_server, tmp_path: Path, who: str) -> None:
    persona = getattr(build_cast(), who)
    result = run_schemathesis(live_server.url, persona.token, tmp_path)
    (tmp_path / "schemathesis.txt").write_text(result.stdout + result.stderr)
    report = result.stdout[-12000:] + result.stderr[-2000:]
    assert result.returncode == 0, f"schemathesis found problems as {who} (all: {tmp_path}):\n{report}"
