"""Every document generated from the code, and how to regenerate it: one list for `speciosa docs` and for the test
that fails when a committed file is stale.

A document is either a whole file (docs/safety-rules.md) or the block between two marker lines of a hand-written
file (the configuration table in README.md), so prose around a generated table stays hand-written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from speciosa.cli import reference
from speciosa.core.instruments import docs as instrument_docs
from speciosa.core.safety import docs as rule_docs
from speciosa.interop.redcap import dictionary as redcap_dictionary
from speciosa.lib import settings_doc

ROOT = Path(__file__).resolve().parents[2]  # the source checkout: docs/ and README.md sit beside the package
REGENERATE = "./dev speciosa docs"


@dataclass(frozen=True)
class Generated:
    path: str  # relative to the repository root
    render: Callable[[], str]
    markers: tuple[str, str] | None = None  # when set, only the lines between these two are generated

    def expected(self, current: str) -> str:
        """The file as it should read, given its current text (which matters only around the markers)."""
        if self.markers is None:
            return self.render()
        start, end = (f"{marker}\n" for marker in self.markers)
        head, found_start, rest = current.partition(start)
        _, found_end, tail = rest.partition(end)
        if not (found_start and found_end):
            raise LookupError(f"{self.path} has lost its markers: put {self.markers[0]} and {self.markers[1]} on "
                              "lines of their own around the generated block")
        return head + start + self.render() + end + tail


DOCUMENTS = (
    Generated("docs/safety-rules.md", rule_docs.render),
    Generated("docs/instruments.md", instrument_docs.render),
    Generated("docs/cli.md", reference.render),
    Generated("README.md", settings_doc.render_table, markers=("<!-- settings:start -->", "<!-- settings:end -->")),
    Generated("docs/interop.md", redcap_dictionary.variables_markdown,
              markers=("<!-- redcap-variables:start -->", "<!-- redcap-variables:end -->")),
)


def stale(root: Path = ROOT) -> list[Generated]:
    """The documents whose file under ``root`` differs from what the code renders."""
    found = []
    for document in DOCUMENTS:
        current = _current(root, document)
        if current != document.expected(current):
            found.append(document)
    return found


def write_stale(root: Path = ROOT) -> list[Generated]:
    """Rewrites the stale documents under ``root``; returns them."""
    rewritten = stale(root)
    for document in rewritten:
        path = root / document.path
        path.write_text(document.expected(_current(root, document)), encoding="utf-8")
    return rewritten


def _current(root: Path, document: Generated) -> str:
    path = root / document.path
    return path.read_text(encoding="utf-8") if path.exists() else ""
