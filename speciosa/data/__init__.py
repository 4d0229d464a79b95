"""Versioned reference data: JSON files, each row with its source and the date it was checked."""
