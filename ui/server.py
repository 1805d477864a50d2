"""One app: the API under /api (OpenAPI at /docs) and the Gradio chat page at /."""

from __future__ import annotations

import logging

from fastapi import FastAPI

from assistant.service import Assistant
from ui.api import create_app

log = logging.getLogger(__name__)


def build_app(assistant: Assistant, *, chat: bool = True) -> FastAPI:
    """The API app, with the chat page mounted at / unless `chat` is False."""
    app = create_app(assistant)
    if chat:
        import gradio as gr

        from ui.chat import build_chat, chat_css

        # Mounted last: routes registered before the mount (/api, /docs) take precedence over "/".
        page = build_chat(assistant)
        app = gr.mount_gradio_app(app, page, path="/", ssr_mode=False, css=chat_css(),
                                  footer_links=["api"], show_error=False)
        # Gradio checks that a file named by an event was uploaded through its upload route only once
        # `launch()` has run, which a mounted page never does; the flag turns that check on (the chat's
        # own ingest handler checks again, see ui/chat.py).
        page.has_launched = True
    return app


def serve(assistant: Assistant, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    import threading

    import uvicorn

    app = build_app(assistant)
    threading.Thread(target=assistant.warm_up, name="clerk-warm-up", daemon=True).start()
    log.info("Clerk is serving the chat at http://%s:%d/ and the API at http://%s:%d/api (docs: /docs)",
                host, port, host, port)
    uvicorn.run(app, host=host, port=port, log_level="warning")
