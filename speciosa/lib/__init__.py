"""Small helpers that are not a domain, one concern per module."""
