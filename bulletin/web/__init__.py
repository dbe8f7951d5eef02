"""The studio: the web face of the library (``bulletin serve``).

Server-rendered Vietnamese pages and a small JSON API over the same public
functions the command line calls. Nothing here holds bulletin logic: pages
parse a request, call the library, and render its values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from bulletin.web.routes import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":  # starlette is imported only when the studio is used
        from bulletin.web.routes import create_app

        return create_app
    raise AttributeError(name)
