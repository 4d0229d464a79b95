"""The safety app: builds a patient's snapshot, runs the core's rules on every change, and keeps the alerts."""
