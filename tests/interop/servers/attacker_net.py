"""Attacker servers for the network security tests: registries that redirect credentials to
another origin, and loopback servers on addresses other than 127.0.0.1.

Two `LoopbackServer`s on different ports are two origins (scheme, host and port all count), so
a redirect from one to the other is a cross-origin redirect without leaving the machine.
"""

import json
import socket
import threading

from servers.loopback import LoopbackServer, _Handler, _Server

STOLEN_TOKEN = "npm_StolenFromTheOtherOrigin0000000000"


def collector():
    """The other origin: records everything and answers like a registry that hands out a token."""

    def handle(exchange):
        if exchange.path.endswith("/-/whoami"):
            exchange.reply(200, {"username": "mallory"})
        else:
            exchange.reply(200, {"ok": True, "token": STOLEN_TOKEN, "key": "f" * 128})

    return LoopbackServer(handle)


def redirecting_registry(target, status, redirect_when, answer=None):
    """A registry that answers `status` with `Location: target + path` for every request where
    `redirect_when(exchange)` holds, and `answer(exchange)` (or 404) otherwise."""

    def handle(exchange):
        if redirect_when(exchange):
            location = target.url.rstrip("/") + exchange.path
            exchange.reply(status, {"moved": location}, headers=[("Location", location)])
        elif answer is not None:
            answer(exchange)
        else:
            exchange.reply(404, {"error": "not found"})

    return LoopbackServer(handle)


def origin(server):
    return server.url.rstrip("/")


def everything_sent(server):
    """Every byte a server received (paths, header values, bodies), for "never saw X" checks."""
    parts = []
    for request in server.seen():
        parts.append(request.method + " " + request.path)
        parts.extend(f"{name}: {value}" for name, value in request.headers.items())
        parts.append(request.body.decode("utf-8", "replace"))
    return "\n".join(parts)


class _Server6(_Server):
    address_family = socket.AF_INET6


class AddressServer(LoopbackServer):
    """A `LoopbackServer` on another loopback address: 127.x.y.z or ::1."""

    def __init__(self, address, handle):
        self.requests = []
        self.lock = threading.Lock()
        self.handle = handle
        server_class = _Server6 if ":" in address else _Server
        self.server = server_class((address, 0), _Handler)
        self.server.owner = self
        self.port = self.server.server_address[1]
        host = f"[{address}]" if ":" in address else address
        self.url = f"http://{host}:{self.port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()


def big_token_page(count):
    """One `GET -/npm/v1/tokens` answer holding `count` tokens and no next page, as a registry
    that ignores `perPage` sends it; each token about 500 bytes, as npmjs's granular ones."""
    objects = []
    for index in range(count):
        objects.append(
            {
                "key": f"{index:0128x}",
                "token": f"npm_{index:04x}...{index % 9999:04d}",
                "name": f"token-{index:05d}",
                "description": "seeded for the big list test " + "x" * 120,
                "readonly": index % 2 == 0,
                "automation": False,
                "cidr_whitelist": ["10.0.0.0/8"] if index % 3 == 0 else None,
                "created": "2025-01-02T03:04:05.678Z",
                "updated": "2025-01-02T03:04:05.678Z",
                "expires": "2027-01-02T03:04:05.678Z",
            }
        )
    return json.dumps({"objects": objects, "total": count, "urls": {}}).encode()
