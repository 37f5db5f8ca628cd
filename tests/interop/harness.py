"""Helpers shared by the interoperability tests: a sandbox process, the real npm CLI, TOTP."""

import base64
import hashlib
import hmac
import os
import queue
import shutil
import signal
import struct
import subprocess
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def tokensh_bin():
    path = os.environ.get("TOKENSH_BIN") or str(ROOT / ".build" / "debug" / "tokensh")
    if not os.path.exists(path):
        raise RuntimeError(f"{path} is missing: run `swift build` first or set TOKENSH_BIN")
    return path


class Sandbox:
    """`tokensh sandbox` on 127.0.0.1, a free port; stopped by `stop()`."""

    def __init__(self, tmp, *args, totp_users=(), wait_lines=0):
        self.log_path = Path(tmp) / f"sandbox-{id(self)}.log"
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [tokensh_bin(), "sandbox", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=self.log,
            stdin=subprocess.DEVNULL,
        )
        self.lines = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        self.url = self._next_line(timeout=60)
        if not self.url.startswith("http://127.0.0.1:") or not self.url.endswith("/"):
            self.stop()
            raise AssertionError(f"first line is not the base URL: {self.url!r}")
        self.totp = {}
        while len(self.totp) < len(totp_users):
            line = self._next_line(timeout=10)
            parts = line.split()
            if len(parts) == 3 and parts[0] == "totp-secret":
                self.totp[parts[1]] = parts[2]
        self.host_port = self.url.split("//", 1)[1].split("/", 1)[0]
        self.nerf = "//" + self.url.split("//", 1)[1]

    def _pump(self):
        for raw in self.proc.stdout:
            self.lines.put(raw.decode("utf-8", "replace").rstrip("\n"))

    def _next_line(self, timeout):
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            self.stop()
            raise AssertionError("the sandbox printed nothing in time; log: " + self.log_text())

    def otp(self, user, at=None):
        return totp(self.totp[user], at)

    def log_text(self):
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def totp(secret_b32, at=None, step=30, digits=6):
    """RFC 6238 TOTP with SHA-1, as authenticator apps compute it."""
    padded = secret_b32.upper() + "=" * (-len(secret_b32) % 8)
    key = base64.b32decode(padded)
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % (10**digits)
    return str(code).zfill(digits)


class Npm:
    """The real npm CLI in a throw-away HOME with its own user config."""

    def __init__(self, home, registry):
        self.home = Path(home)
        self.registry = registry
        self.userconfig = self.home / ".npmrc"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "npm_config_update_notifier": "false",
            "npm_config_fetch_retries": "0",
            "npm_config_audit": "false",
            "npm_config_fund": "false",
            "npm_config_cache": str(self.home / ".npm-cache"),
            "NPM_CONFIG_USERCONFIG": str(self.userconfig),
            "NO_COLOR": "1",
        }

    def argv(self, *args):
        return [shutil.which("npm") or "npm", *args, "--registry", self.registry, "--userconfig", str(self.userconfig)]

    def run(self, *args, input=None, cwd=None, timeout=60):
        return subprocess.run(
            self.argv(*args),
            input=input,
            capture_output=True,
            text=True,
            env=self.env,
            cwd=cwd or self.home,
            timeout=timeout,
        )

    def spawn(self, *args, cwd=None):
        import pexpect

        argv = self.argv(*args)
        return pexpect.spawn(argv[0], argv[1:], env=self.env, cwd=str(cwd or self.home), encoding="utf-8", timeout=30)

    def login_legacy(self, user, password, otp=None):
        child = self.spawn("login", "--auth-type=legacy")
        child.expect("Username:")
        child.sendline(user)
        child.expect("Password:")
        child.sendline(password)
        if otp is not None:
            child.expect("Enter OTP:")
            child.sendline(otp())
        child.expect(pexpect_eof())
        child.close()
        return child.exitstatus, child.before

    def config_text(self):
        return self.userconfig.read_text() if self.userconfig.exists() else ""

    def token(self):
        for line in self.config_text().splitlines():
            if ":_authToken=" in line:
                return line.split("=", 1)[1]
        return None


def pexpect_eof():
    import pexpect

    return pexpect.EOF
