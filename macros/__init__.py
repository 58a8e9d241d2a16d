"""Build-time Python: loader/ (data/ checked), pages/ (templates), hooks/ (MkDocs), publish/
(browser runtime, open data, security)."""


def define_env(env):
    """Entry point for mkdocs-macros (module_name: macros). Imported lazily so that
    `python -m macros.loader` does not load MkDocs."""
    from .hooks.page_macros import define_env as define

    define(env)
