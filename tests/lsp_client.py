"""A small Language Server Protocol client for the tests: JSON-RPC 2.0 over a subprocess's
stdin/stdout with Content-Length framing, as an editor speaks it.

Hand-written rather than a client library: the tests need five messages (initialize, didOpen,
hover, completion, publishDiagnostics) and answers to three server requests, which is less code
than pinning a library and its dependencies with hashes. Positions are LSP's: zero-based line
and character, counted in UTF-16 code units (the same as Python's str index for Swedish text).
"""

from __future__ import annotations

import json
import subprocess
import threading
from collections import defaultdict
from pathlib import Path
from typing import Any


class LspError(RuntimeError):
    pass


class LanguageClient:
    def __init__(self, argv: list[str], cwd: Path, settings: dict[str, Any], timeout: float = 15) -> None:
        self.settings = settings
        self.timeout = timeout
        self.process = subprocess.Popen(
            argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self._next_id = 0
        self._lock = threading.Condition()
        self._responses: dict[int, dict] = {}
        self._diagnostics: dict[str, list[list[dict]]] = defaultdict(list)
        self._opened: dict[str, int] = {}  # publishes seen for a document before it was opened
        self.configuration_requests = 0
        self.log: list[str] = []  # window/logMessage texts, to explain a failure
        threading.Thread(target=self._read_messages, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    # -- the wire ---------------------------------------------------------------------------
    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read_messages(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if not line or length is None:
                with self._lock:
                    self._lock.notify_all()  # the server has gone: wake the waiters
                return
            self._dispatch(json.loads(stream.read(length)))

    def _read_stderr(self) -> None:
        for line in self.process.stderr:
            self.log.append(line.decode(errors="replace").rstrip())

    def _dispatch(self, message: dict) -> None:
        method = message.get("method")
        if method and "id" in message:  # a request from the server to the editor
            self._send({"id": message["id"], "result": self._answer(method, message.get("params") or {})})
        elif "id" in message:
            with self._lock:
                self._responses[message["id"]] = message
                self._lock.notify_all()
        elif method == "textDocument/publishDiagnostics":
            with self._lock:
                self._diagnostics[message["params"]["uri"]].append(message["params"]["diagnostics"])
                self._lock.notify_all()
        elif method == "window/logMessage":
            self.log.append(message["params"]["message"])

    def _answer(self, method: str, params: dict) -> Any:
        if method == "workspace/configuration":
            with self._lock:
                self.configuration_requests += 1
                self._lock.notify_all()
            return [self._setting(item.get("section", "")) for item in params["items"]]
        return None  # client/registerCapability, window/workDoneProgress/create: accepted

    def _setting(self, section: str) -> Any:
        value: Any = self.settings
        for part in section.split("."):
            if not isinstance(value, dict) or part not in value:
                return None
            value = value[part]
        return value

    def _wait(self, ready, what: str) -> Any:
        """Wait until `ready()` returns something other than None, and return that."""
        with self._lock:
            self._lock.wait_for(lambda: ready() is not None or self.process.poll() is not None, self.timeout)
            if (value := ready()) is None:
                state = "exited" if self.process.poll() is not None else "did not answer"
                raise LspError(f"yaml-language-server {state} while waiting for {what}:\n" + "\n".join(self.log[-20:]))
            return value

    # -- what the tests use -----------------------------------------------------------------
    def request(self, method: str, params: dict) -> Any:
        self._next_id += 1
        number = self._next_id
        self._send({"id": number, "method": method, "params": params})
        response = self._wait(lambda: self._responses.get(number), method)
        if "error" in response:
            raise LspError(f"{method}: {response['error']}")
        return response.get("result")

    def notify(self, method: str, params: dict) -> None:
        self._send({"method": method, "params": params})

    def wait_configured(self) -> None:
        """Wait until the server has pulled its settings (it asks after `initialized`)."""
        self._wait(lambda: True if self.configuration_requests else None, "workspace/configuration")

    def open(self, uri: str, text: str) -> None:
        """Open a document; the server validates it in the background."""
        with self._lock:
            self._opened[uri] = len(self._diagnostics[uri])
        self.notify(
            "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}
        )

    def diagnostics(self, uri: str) -> list[dict]:
        """The first diagnostics the server publishes for `uri` after it was opened."""
        seen = self._opened[uri]
        return self._wait(
            lambda: self._diagnostics[uri][seen] if len(self._diagnostics[uri]) > seen else None,
            f"diagnostics of {uri}",
        )

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.process.wait(timeout=5)
        except (LspError, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
