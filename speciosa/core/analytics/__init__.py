"""Outcome analytics for one patient and for a cohort: series, IMMPACT change, dose-response, side effects by dose band,
products, time of day. Plain data in (speciosa.core.analytics.inputs), frozen dataclasses with ``to_dict()`` out."""
