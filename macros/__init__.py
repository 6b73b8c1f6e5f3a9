"""The catalogue site: loader (catalogue), pages (site), MkDocs adapters (hooks, macros) and command line (cli).

This package is also the mkdocs-macros module (`module_name: macros` in mkdocs.yml).
"""

from .macros_module import define_env

__all__ = ["define_env"]
