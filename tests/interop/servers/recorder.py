"""A registry somewhere else (127.0.0.2) that records the Authorization header of every request
and answers 404: where a credential must never arrive."""

import http.server
import threading


class HeaderRecorder:
    """A registry elsewhere (127.0.0.2) that a cloned project points a scope at: records every
    Authorization header it is sent and answers 404."""

    def __init__(self):
        recorder = self
        self.seen = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                recorder.seen.append((self.path, self.headers.get("authorization")))
                self.send_response(404)
                self.send_header("content-type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"error":"not found"}')

            def log_message(self, *args):
                pass

        self.server = http.server.HTTPServer(("127.0.0.2", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
