"""A scripted stand-in for the OpenAI and Anthropic HTTP APIs on 127.0.0.1, and a clean environment.

Tests queue replies with ``llm_server.reply(...)``; once the queue is empty every request gets a
normal answer. ``llm_server.requests`` holds the JSON bodies the server received, in order,
and ``llm_server.headers`` their headers (names in lower case).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from local_http import send, serving


@dataclass(frozen=True)
class ScriptedReply:
    status: int = 200
    text: str = "hello from the server"
    delay: float = 0.0
    usage: tuple[int, int] = (120, 30)
    model: str = "served-model"
    error: str = "scripted failure"


def openai_body(reply: ScriptedReply) -> dict:
    if reply.status != 200:
        return {"error": {"message": reply.error, "type": "scripted", "code": None}}
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 0,
        "model": reply.model,
        "choices": [
            {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": reply.text}}
        ],
        "usage": {
            "prompt_tokens": reply.usage[0],
            "completion_tokens": reply.usage[1],
            "total_tokens": sum(reply.usage),
        },
    }


def anthropic_body(reply: ScriptedReply) -> dict:
    if reply.status != 200:
        return {"type": "error", "error": {"type": "scripted_error", "message": reply.error}}
    return {
        "id": "msg_1",
        "type": "message",
        "role": "assistant",
        "model": reply.model,
        "content": [{"type": "text", "text": reply.text}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": reply.usage[0], "output_tokens": reply.usage[1]},
    }


class FakeLLMServer(ThreadingHTTPServer):
    daemon_threads = True  # a handler still sleeping out a timeout must not block shutdown

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[dict] = []
        self.paths: list[str] = []
        self.headers: list[dict[str, str]] = []
        self._script: list[ScriptedReply] = []
        self._lock = threading.Lock()
        self.router: Callable[[dict], ScriptedReply] | None = None  # answers by request content instead

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def reply(self, **fields) -> None:
        with self._lock:
            self._script.append(ScriptedReply(**fields))

    def take(self, path: str, headers: dict[str, str], body: dict) -> ScriptedReply:
        with self._lock:
            self.paths.append(path)
            self.headers.append(headers)
            self.requests.append(body)
            if self.router:
                return self.router(body)
            return self._script.pop(0) if self._script else ScriptedReply()

    def handle_error(self, request, client_address) -> None:
        """A client that timed out closed its socket; the late answer has nowhere to go."""


class Handler(BaseHTTPRequestHandler):
    server: FakeLLMServer

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        reply = self.server.take(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
        time.sleep(reply.delay)
        payload = openai_body(reply) if self.path.endswith("/chat/completions") else anthropic_body(reply)
        send(self, reply.status, json.dumps(payload).encode(), "application/json")

    def log_message(self, format, *args) -> None:
        pass


@pytest.fixture
def llm_server():
    with serving(FakeLLMServer()) as server:
        yield server


@pytest.fixture(autouse=True)
def no_llm_environment(monkeypatch):
    """Keys and base URLs from the developer's shell must not leak into tests."""
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "ANTHROPIC_API_KEY",
        "ANTHROPIC_AUTH_TOKEN",
        "ANTHROPIC_BASE_URL",
        "ANTHROPIC_PROFILE",
        "ANTHROPIC_CONFIG_DIR",
    ):
        monkeypatch.delenv(name, raising=False)
