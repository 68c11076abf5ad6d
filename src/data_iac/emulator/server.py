"""The emulator: one stdlib HTTP server serving both platforms' APIs at the root of one port.

Services (``emulator/dataiku``, ``emulator/databricks``) register routes; this module owns
the socket, the per-request lock, the request log, persistence and the ``/__emu/`` control
plane. It runs in-process on port 0 for tests, and as ``iac emulator serve`` for people.
"""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol

from data_iac.emulator.faults import Faults
from data_iac.emulator.http import EmulatedError, Request, Response, Route, Router
from data_iac.emulator.store import Store

__all__ = ["Emulator", "EmulatorOptions", "RequestRecord", "Service"]


@dataclass(frozen=True, slots=True)
class EmulatorOptions:
    """Behaviour switches shared by every service.

    ``api_key``: when set, only this DSS API key / Databricks token is accepted; otherwise
    any non-empty credential is, and a missing one is refused.
    ``page_size``: the default page size of every paginated listing.
    ``require_known_tokens``: Databricks workspace paths refuse a personal access token the
    emulator did not create (OAuth tokens are always checked).
    ``token_lifetime_seconds``: how long an issued OAuth access token lives (one hour, as on
    Databricks; tests shorten it).
    """

    api_key: str | None = None
    page_size: int = 100
    seed: int = 0
    require_known_tokens: bool = False
    token_lifetime_seconds: int = 3600


@dataclass(slots=True)
class RequestRecord:
    """One served request, as the request log keeps it."""

    seq: int
    method: str
    path: str
    query: dict[str, list[str]]
    status: int
    mutating: bool
    service: str
    body: Any = None
    duration_ms: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "status": self.status,
            "mutating": self.mutating,
            "service": self.service,
            "body": self.body,
            "duration_ms": round(self.duration_ms, 3),
        }


class Service(Protocol):
    """One emulated platform: its path prefixes, its routes and its authentication."""

    name: str
    prefixes: tuple[str, ...]

    def routes(self) -> list[Route]: ...

    def authenticate(self, request: Request) -> None:
        """Raise EmulatedError with the platform's body when the credential is refused."""
        ...


ServiceFactory = Callable[[Store, EmulatorOptions], Service]
Interceptor = Callable[[Request, "Route | None"], "Response | None"]
AfterApply = Callable[[Request, "Route | None", Response], "Response | None"]


@dataclass
class _Hooks:
    # Called before dispatch; a returned Response short-circuits the request (faults, limits).
    before: list[Interceptor] = field(default_factory=list)
    # Called after a handler applied a request; a returned Response replaces its answer.
    after: list[AfterApply] = field(default_factory=list)
    # Called after a request was served and logged (crash tests count mutating requests).
    served: list[Callable[[RequestRecord], None]] = field(default_factory=list)


def default_services() -> list[ServiceFactory]:
    """Every platform the emulator knows; imported lazily so each can be absent."""
    factories: list[ServiceFactory] = []
    for module_name in ("data_iac.emulator.dataiku", "data_iac.emulator.databricks"):
        try:
            module = __import__(module_name, fromlist=["make_service"])
        except ImportError:
            continue
        factory = getattr(module, "make_service", None)
        if factory is not None:
            factories.append(factory)
    return factories


class Emulator:
    """Both platforms' REST APIs on one port; use as a context manager.

    >>> with Emulator() as emu:      # doctest: +SKIP
    ...     DSSClient(emu.url, "key").list_project_keys()
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        data_dir: Path | None = None,
        options: EmulatorOptions | None = None,
        services: list[ServiceFactory] | None = None,
    ) -> None:
        self.options = options or EmulatorOptions()
        self.store = Store(seed=self.options.seed, data_dir=data_dir)
        self.router = Router()
        self.hooks = _Hooks()
        self.faults = Faults(seed=self.options.seed)
        self.hooks.before.append(self.faults.before)
        self.hooks.after.append(self.faults.after)
        self._builtin_hooks = (list(self.hooks.before), list(self.hooks.after))
        self.requests: list[RequestRecord] = []
        self._log_lock = threading.Lock()
        self._services: list[Service] = []
        for factory in services if services is not None else default_services():
            service = factory(self.store, self.options)
            self._services.append(service)
            self.router.add(service.routes())
        self._host, self._port = host, port
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------
    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("the emulator is not running")
        host, port = self._server.server_address[:2]
        host_text = host.decode() if isinstance(host, bytes) else str(host)
        return f"http://{host_text}:{port}"

    def start(self) -> Emulator:
        self._server = _Server((self._host, self._port), _make_handler(self))
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="iac-emulator", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        self.store.close()

    def serve_forever(self) -> None:
        """Block serving requests until interrupted (``iac emulator serve``)."""
        self._server = _Server((self._host, self._port), _make_handler(self))
        try:
            self._server.serve_forever()
        finally:
            self._server.server_close()
            self.store.close()

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- control plane (Python API; /__emu/ mirrors it) ------------------------------------
    def reset(self) -> None:
        self.store.reset()
        self.clear_requests()

    def reset_hooks(self) -> None:
        """Drop every hook and fault a test added, keeping the emulator's own."""
        self.faults.clear()
        self.hooks.before[:] = self._builtin_hooks[0]
        self.hooks.after[:] = self._builtin_hooks[1]
        self.hooks.served.clear()

    def clear_requests(self) -> None:
        with self._log_lock:
            self.requests.clear()

    def request_log(self) -> list[RequestRecord]:
        with self._log_lock:
            return list(self.requests)

    # -- dispatch --------------------------------------------------------------------------
    def dispatch(self, request: Request) -> tuple[Response, str, bool]:
        """Answer one request; returns the response, the service name and whether it mutated."""
        if request.path.startswith("/__emu/"):
            return self._control(request), "control", False
        service = self._service_for(request.path)
        try:
            found = self.router.match(request.method, request.path)
            route = found[0] if found else None
            for before in self.hooks.before:
                early = before(request, route)
                if early is not None:
                    return early, service.name if service else "-", False
            if found is None or service is None:
                raise EmulatedError(404, _not_found_body(service, request.path))
            route, request.params = found
            service.authenticate(request)
            with self.store.lock:
                response = route.handler(request)
                if route.mutating and response.status < 400:
                    self.store.changed()
            for after in self.hooks.after:
                response = after(request, route, response) or response
            return response, service.name, route.mutating
        except EmulatedError as exc:
            return exc.response, service.name if service else "-", False

    def service(self, name: str) -> Service:
        """The running service called ``name`` (``databricks``, ``dataiku``)."""
        for service in self._services:
            if service.name == name:
                return service
        raise KeyError(name)

    def _service_for(self, path: str) -> Service | None:
        for service in self._services:
            if any(path.startswith(prefix) for prefix in service.prefixes):
                return service
        return None

    def _control(self, request: Request) -> Response:
        match (request.method, request.path):
            case ("POST", "/__emu/reset"):
                self.reset()
                return Response(200, {"ok": True})
            case ("GET", "/__emu/state"):
                return Response(200, self.store.snapshot())
            case ("PUT", "/__emu/state"):
                self.store.restore(request.json())
                return Response(200, {"ok": True})
            case ("GET", "/__emu/requests"):
                return Response(200, [r.to_json() for r in self.request_log()])
            case ("DELETE", "/__emu/requests"):
                self.clear_requests()
                return Response(200, {"ok": True})
            case (_, "/__emu/faults"):
                return self.faults.control(request)
        for service in self._services:
            control = getattr(service, "control", None)
            answer = control(request) if control is not None else None
            if isinstance(answer, Response):
                return answer
        return Response(404, {"error": f"unknown control path {request.method} {request.path}"})

    def record(
        self, request: Request, response: Response, service: str, mutating: bool, started: float
    ) -> None:
        body: Any = None
        if request.body and mutating:
            try:
                body = json.loads(request.body)
            except ValueError:
                body = f"<{len(request.body)} bytes>"
        with self._log_lock:
            entry = RequestRecord(
                seq=len(self.requests) + 1,
                method=request.method,
                path=request.path,
                query={k: list(v) for k, v in request.query.items()},
                status=response.status,
                mutating=mutating and response.status < 400,
                service=service,
                body=body,
                duration_ms=(time.perf_counter() - started) * 1000,
            )
            self.requests.append(entry)
        for served in self.hooks.served:
            served(entry)


def _not_found_body(service: Service | None, path: str) -> dict[str, Any]:
    if service is not None and service.name == "dataiku":
        return {
            "errorType": "com.dataiku.dip.server.controllers.NotFoundException",
            "message": f"No API endpoint at {path}",
            "detailedMessage": f"No API endpoint at {path}",
        }
    return {"error_code": "ENDPOINT_NOT_FOUND", "message": f"No API found for '{path}'"}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client killed mid-request (the crash tests do it on purpose) is not an error.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def _make_handler(emulator: Emulator) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            # Without this, Nagle + delayed ACK cost ~45 ms per request (platform-apis.md §5.1).
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_message(self, format: str, *args: Any) -> None:
            return

        def _serve(self) -> None:
            started = time.perf_counter()
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if len(body) < length:  # the client died mid-request: a real server drops it
                self.close_connection = True
                return
            request = Request.build(self.command, self.path, dict(self.headers.items()), body)
            response, service, mutating = emulator.dispatch(request)
            if response.status == 599:  # a fault asked to drop the connection
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            payload, content_type = response.encode()
            head = [
                f"HTTP/1.1 {response.status} {_reason(response.status)}",
                f"Content-Type: {content_type}",
                f"Content-Length: {len(payload)}",
            ]
            head += [f"{k}: {v}" for k, v in response.headers.items() if k != "Content-Type"]
            # Logged before the answer leaves, so a client that has its answer also finds it
            # in the request log.
            emulator.record(request, response, service, mutating, started)
            # One write for header and body: see setup().
            self.wfile.write(("\r\n".join(head) + "\r\n\r\n").encode() + payload)
            self.wfile.flush()

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _serve

    return Handler


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"
