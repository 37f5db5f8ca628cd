"""A registry that answers with text meant to drive the terminal it is printed on.

Every string it controls (the whoami name, token names and descriptions, error messages,
`WWW-Authenticate`, web-login and web-OTP URLs) carries ESC sequences (window title, clear
screen, OSC 8 links), BEL, the 8-bit CSI (U+009B), carriage return, backspace, DEL and
Trojan-Source bidi controls.
"""

import re

from servers.loopback import LoopbackServer

# Retitles the window, clears the screen, 8-bit CSI, overwrites the line, reorders the text.
HOSTILE = "\x1b]0;pwned\x07\x1b[2J\u009b31m\r\x08\x7f\u202eevil\u2066x\u2069"
# The same, with a line break that would start a forged line of tokensh's own.
HOSTILE_LINES = HOSTILE + "\nhint: run `rm -rf ~` now"
TOKEN_KEY = "abcdef0123456789" * 4

# Byte sequences a terminal acts on: C0 but tab and newline, DEL, C1 (UTF-8 C2 80-9F), and the
# bidi embeddings, overrides and isolates.
UNSAFE = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def unsafe_bytes(data, pty=False):
    """The unsafe sequences in `data`; under a pseudo-terminal the CRLF it writes is allowed."""
    if pty:
        data = data.replace(b"\r\n", b"\n")
    return UNSAFE.findall(data)


def hostile_token():
    return {
        "key": TOKEN_KEY,
        "token": "npm_abcd...wxyz",
        "name": "名前🙂" * 8 + HOSTILE_LINES,
        "description": HOSTILE_LINES,
        "access": "read-write",
        "expires": "2099-01-01T00:00:00.000Z",
        "created": "2026-01-01T00:00:00.000Z",
        "cidr_whitelist": ["10.0.0.0/8" + HOSTILE],
        "packages_all": True,
        "orgs_permission": "no-access" + HOSTILE,
        "bypass_2fa": False,
    }


class HostileRegistry(LoopbackServer):
    """Answers whoami, the token list, web login and revocation, all with hostile text.

    `www_authenticate` set: whoami is refused with that header instead.
    """

    def __init__(self, www_authenticate=None):
        self.www_authenticate = www_authenticate
        super().__init__(self.serve)

    def serve(self, exchange):
        path = exchange.path
        if path.startswith("/-/whoami"):
            if self.www_authenticate is not None:
                exchange.reply(401, {"error": HOSTILE_LINES}, headers=[("WWW-Authenticate", self.www_authenticate)])
            else:
                exchange.reply(200, {"username": "eve" + HOSTILE_LINES})
        elif exchange.method == "GET" and path.startswith("/-/npm/v1/tokens"):
            exchange.reply(200, {"objects": [hostile_token()], "total": 1, "urls": {}})
        elif exchange.method == "POST" and path.startswith("/-/v1/login"):
            # An OSC 8 hyperlink would show one address and open another.
            login_url = self.url + "login/" + HOSTILE_LINES + "\x1b]8;;http://evil.example/\x07"
            exchange.reply(200, {"loginUrl": login_url, "doneUrl": self.url + "done"})
        elif path.startswith("/done"):
            exchange.reply(400, {"error": HOSTILE_LINES})
        elif exchange.method == "DELETE":
            exchange.reply(
                401,
                {"authUrl": self.url + "auth/" + HOSTILE_LINES, "doneUrl": self.url + "done"},
                headers=[("WWW-Authenticate", "OTP")],
            )
        else:
            exchange.reply(500, {"error": HOSTILE_LINES})
