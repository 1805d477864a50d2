"""One app: the API under /api (OpenAPI at /docs) and the Gradio chat page at /."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from fastapi import FastAPI

from assistant.access import Role
from assistant.service import Assistant
from ui.api import create_app
from ui.guards import LOOPBACK_HOSTS

log = logging.getLogger(__name__)


def build_app(assistant: Assistant, *, chat: bool = True, keys: Mapping[str, Role] | None = None,
              allowed_hosts: Sequence[str] = ("*",)) -> FastAPI:
    """The API app, with the chat page mounted at / unless `chat` is False."""
    app = create_app(assistant, keys=keys, allowed_hosts=allowed_hosts)
    if chat:
        import gradio as gr

        from ui.chat import build_chat, chat_css

        page = build_chat(assistant, keys=keys)
        login = (lambda role, key: keys.get(key) == role) if keys else None
        # Mounted last: routes registered before the mount (/api, /docs) take precedence over "/".
        app = gr.mount_gradio_app(app, page, path="/", ssr_mode=False, css=chat_css(), footer_links=["api"],
                                  show_error=False, auth=login,
                                  auth_message="Sign in with your role (public, member or officer) and its key.")
        # Gradio checks that a file named by an event was uploaded through its upload route only once
        # `launch()` has run, which a mounted page never does; the flag turns that check on (the chat's
        # own ingest handler checks again, see ui/chat.py).
        page.has_launched = True
    return app


def listen_check(host: str, keys: Mapping[str, Role], allowed_hosts: Sequence[str]) -> tuple[str, list[str]]:
    """Why the server must not start on `host`, or "" and the Host names it answers to.

    Without keys every caller is the local officer, so only this machine may call: the server listens on
    loopback and answers only to loopback names (a page's DNS-rebound name is refused).
    """
    if not keys:
        if host not in LOOPBACK_HOSTS and host != "[::1]":
            return (f"refusing to listen on {host} without API keys: set CLERK_AUTH__KEYS (every caller would "
                    "otherwise be an officer who sees exempt papers), or listen on 127.0.0.1"), []
        return "", list(allowed_hosts) or list(LOOPBACK_HOSTS)
    return "", list(allowed_hosts) or ["*"]


def serve(assistant: Assistant, *, host: str = "127.0.0.1", port: int = 8000, keys: Mapping[str, Role] | None = None,
          allowed_hosts: Sequence[str] = ()) -> None:
    import threading

    import uvicorn

    problem, hosts = listen_check(host, keys or {}, allowed_hosts)
    if problem:
        raise ValueError(problem)
    app = build_app(assistant, keys=keys, allowed_hosts=hosts)
    threading.Thread(target=assistant.warm_up, name="clerk-warm-up", daemon=True).start()
    log.info("Clerk is serving the chat at http://%s:%d/ and the API at http://%s:%d/api (docs: /docs)",
             host, port, host, port)
    uvicorn.run(app, host=host, port=port, log_level="warning")
