"""A small scriptable HTTP(S) server on 127.0.0.1, for fault tests the sandbox cannot stage.

Each test sets `server.handle = function(exchange)`; the function answers through the
`Exchange` helpers (or misbehaves on the raw socket). Every request is recorded with its
method, path and lower-cased headers, so a test can count requests and inspect what a client
sent.
"""

import http.server
import json
import socket
import ssl
import struct
import threading


class Exchange:
    def __init__(self, handler):
        self.handler = handler
        self.method = handler.command
        self.path = handler.path
        self.headers = {name.lower(): value for name, value in handler.headers.items()}

    def reply(self, status, body=b"", headers=()):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        elif isinstance(body, str):
            body = body.encode()
        self.handler.send_response(status)
        for name, value in headers:
            self.handler.send_header(name, value)
        self.handler.send_header("Content-Type", "application/json")
        self.handler.send_header("Content-Length", str(len(body)))
        self.handler.end_headers()
        self.handler.wfile.write(body)
        self.handler.wfile.flush()

    def reset(self):
        """Closes the connection with a TCP reset (SO_LINGER 0), as a crashed server would."""
        sock = self.handler.connection
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.handler.close_connection = True
        sock.close()


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _dispatch(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        exchange = Exchange(self)
        exchange.body = body
        with self.server.owner.lock:
            self.server.owner.requests.append(exchange)
        try:
            self.server.owner.handle(exchange)
        except (BrokenPipeError, ConnectionResetError, OSError):
            self.close_connection = True

    do_GET = do_PUT = do_POST = do_DELETE = _dispatch


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class LoopbackServer:
    """Serves on 127.0.0.1, port 0; `url` ends in `/`. Use as a context manager."""

    def __init__(self, handle=None, tls=None):
        self.requests = []
        self.lock = threading.Lock()
        self.handle = handle or (lambda exchange: exchange.reply(404, {"error": "not found"}))
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.owner = self
        scheme = "http"
        if tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            scheme = "https"
        self.port = self.server.server_address[1]
        self.url = f"{scheme}://127.0.0.1:{self.port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def seen(self, method=None, path_prefix=""):
        with self.lock:
            return [r for r in self.requests if (method is None or r.method == method) and r.path.startswith(path_prefix)]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


class SilentServer:
    """Accepts connections and never answers (until stopped): a hung registry."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.accepted = []
        self.stopping = False
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while not self.stopping:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted.append(conn)

    def stop(self):
        self.stopping = True
        self.sock.close()
        for conn in self.accepted:
            conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def refused_url():
    """A loopback URL whose port was just released: connecting to it is refused."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}/"
