"""API shapes for the diary, one module per resource.

Inputs refuse unknown fields, NUL characters, over-long text, booleans where numbers belong and times without
an offset; the domain checks everything again.
"""
