"""Every registered DAG and DAG network rule is named by at least one test or transcript."""

import re
from pathlib import Path

import state.rules.dag  # noqa: F401 - registers the R-DAG rules
import state.rules.net  # noqa: F401 - registers the R-NET rules
from state.rules import REGISTRY

ROOT = Path(__file__).resolve().parents[2]


def test_every_dag_and_network_rule_has_a_test():
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("test_*.py"))
    text += "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "transcripts").glob("*.txt"))
    named = set(re.findall(r"R-(?:DAG|NET)-\d+", text.replace(Path(__file__).read_text(encoding="utf-8"), "")))
    registered = {rule_id for rule_id in REGISTRY if rule_id.startswith(("R-DAG-", "R-NET-"))}
    assert registered and registered <= named, sorted(registered - named)
