"""CSV files from the trackers patients already use: presets for real exports, a column mapping for the rest."""
