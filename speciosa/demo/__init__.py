"""The synthetic demo: a clinician and a cast of patients with months of plausible, deliberately varied history.

    from speciosa.demo import load_demo
    summary = load_demo(patients=25, seed=2026)

Every name, vendor and number in it is invented; it exists to show and test Speciosa, never to describe anyone.
"""

from speciosa.demo.load import CLINICIAN, DEMO_PASSWORD, DemoLogin, DemoSummary, load_demo

__all__ = ["CLINICIAN", "DEMO_PASSWORD", "DemoLogin", "DemoSummary", "load_demo"]
