"""Build-time Python: load and validate data/, macros for pages, generated pages, open data."""


def define_env(env):
    """Entry point for mkdocs-macros (module_name: macros). Imported lazily so that
    `python -m macros.check_data` does not load MkDocs."""
    from .site_macros import define_env as define

    define(env)
