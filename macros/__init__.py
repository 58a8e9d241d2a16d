"""Build-time Python: load and validate data/, macros for pages, generated pages, open data."""
