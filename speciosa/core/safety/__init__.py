"""The safety engine: a registry of cited rules, each a pure function from a snapshot to alerts."""
