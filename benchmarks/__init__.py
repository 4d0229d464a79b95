"""Benchmarks: scripts that print figures and ratios. Never part of the test run, never imported by the app."""
