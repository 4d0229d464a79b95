"""The domain in plain Python: no Django, no ninja, no I/O beyond reading the package's own reference data.

Everything here takes plain data and returns plain data, so it is fast, easy to test and usable from the command line
on a file. An import-linter contract (pyproject.toml) and a test keep Django out.
"""
