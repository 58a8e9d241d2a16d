"""The pages: view data built from the validated catalogue, rendered with the Jinja templates in
templates/. Needs no MkDocs."""
