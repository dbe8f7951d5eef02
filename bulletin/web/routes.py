"""The studio's routes in one table, and :func:`create_app` that puts it together."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from bulletin.web import api, onair, pages
from bulletin.web.app import HERE, Protect, Studio, http_error
from bulletin.web.security import Guard, stored_password


def create_app(root: Path | str = ".", *, config: Path | None = None, host: str = "127.0.0.1", port: int = 8080,
               allowed_hosts: tuple[str, ...] = ()) -> Starlette:
    """The studio for the station folder ``root`` (password mode when a password is stored there)."""
    root = Path(root).resolve()
    guard = Guard(host=host, port=port, password=stored_password(root), allowed_hosts=allowed_hosts)
    studio = Studio(root, config=config, guard=guard)
    routes = [
        *pages.ROUTES,
        *onair.ROUTES,
        *api.ROUTES,
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error})
    app.state.studio = studio
    app.add_middleware(Protect, studio=studio)
    return app
