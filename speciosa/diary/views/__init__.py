"""The patient's diary pages, one module per area. Each view authorises, parses a form, calls one domain verb."""
