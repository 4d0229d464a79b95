"""People and their roles: users, patient profiles, API tokens."""
