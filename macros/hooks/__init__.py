"""The MkDocs glue: the hooks listed in mkdocs.yml and the macros' entry point. The only part of
macros/ that imports MkDocs, apart from the file hand-over in publish/."""
