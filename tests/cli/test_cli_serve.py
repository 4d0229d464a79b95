import os
import signal
import socket
import subprocess
import sys
import urllib.request

import pytest

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_migrates_a_new_embedded_database_answers_over_http_and_stops_cleanly(tmp_path):
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "SPECIOSA_TEST_DB")}
    env["SPECIOSA_HOME"] = str(tmp_path)
    server = subprocess.Popen([sys.executable, "-m", "speciosa.cli", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        assert server.stdout.readline() == f"Serving Speciosa on http://127.0.0.1:{port}/ (press Ctrl+C to stop)\n"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=10) as response:
            assert (response.status, response.headers["Server"]) == (200, "speciosa")
        assert (tmp_path / "speciosa.sqlite3").exists()
    finally:
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=10)
    # On a loaded machine waitress may warn that requests queued ("Task queue depth is 1"): that is load, not a fault.
    problems = [line for line in err.splitlines() if "Task queue depth" not in line]
    assert (server.returncode, out, problems) == (0, "Stopped.\n", [])


def test_a_port_already_in_use_is_refused_naming_the_port(speciosa, monkeypatch):
    # In this process, collectstatic would write its manifest into the test run's home, and every page a later
    # test renders in this worker would then name hashed files (the cause of CI's hang in the browser tests).
    # The subprocess test above collects into a home of its own.
    monkeypatch.setattr("speciosa.cli.serve.collect_static", lambda: None)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = speciosa("serve", "--port", str(port))
    assert result.exit_code == 3
    assert result.stderr.startswith(f"error: --port: cannot listen on 127.0.0.1:{port} (")


def test_a_port_out_of_range_is_refused_naming_the_port(speciosa):
    result = speciosa("serve", "--port", "70000")
    assert (result.exit_code, result.stderr) == (3, "error: --port: must be from 1 to 65535\n")


def test_a_rule_registry_that_fails_its_system_check_stops_the_start(speciosa, monkeypatch):
    from speciosa.core.evidence import EvidenceLevel
    from speciosa.core.safety import registry
    from speciosa.core.safety.alert import Severity

    documented = registry.get_rule("DOSE_HIGH").check  # documented, but planted below without any source
    planted = registry.Rule(code="UNCITED", version=1, title="An uncited rule", family="test",
                            severities=(Severity.INFO,), evidence_level=EvidenceLevel.CASE_REPORTS, sources=(),
                            check=documented, plain_title="A test", plain_summary="We test.")
    monkeypatch.setitem(registry._REGISTRY, "UNCITED", planted)
    with socket.socket() as taken:  # were the checks skipped, the taken port would end it with exit status 3
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = speciosa("serve", "--port", str(taken.getsockname()[1]))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: UNCITED: (speciosa.safety.E001) rule UNCITED "
                                    "(speciosa.core.safety.rules.dosing.dose_high): no sources")
