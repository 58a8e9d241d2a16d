"""The loader: reads data/, checks it against the schemas and the vocabularies, and reports every
problem with file, line and field. Needs no MkDocs; `python -m macros.loader` is its CLI."""
