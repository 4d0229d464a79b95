import subprocess
import sys

HELP_WITHOUT_DJANGO = """
import sys
from speciosa.cli import app
try:
    app(["--help"], prog_name="speciosa")
except SystemExit as exit:
    print("exit", exit.code, "django loaded:", "django" in sys.modules)
"""


def test_help_lists_the_commands_without_loading_django():
    probe = subprocess.run([sys.executable, "-c", HELP_WITHOUT_DJANGO], capture_output=True, text=True, check=True,
                           env={"PATH": "/usr/bin:/bin", "COLUMNS": "100", "TERM": "dumb"})
    assert probe.stdout.rstrip().endswith("exit 0 django loaded: False")
    for command in ("demo", "serve", "migrate", "export", "user", "log"):
        assert f" {command} " in probe.stdout
