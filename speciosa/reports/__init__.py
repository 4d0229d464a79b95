"""Charts and the clinician's visit report (PDF), drawn from the core's analytics."""
