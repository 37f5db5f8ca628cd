"""Network faults against small loopback servers: each gives a clear message, the design's exit
code (1 failed, 2 usage, 3 refused, 4 unreachable), no hang, no crash, and nothing written.

Servers here are Python loopback servers we can script byte by byte and count requests on; the
sandbox's own `--fault` modes are exercised at the end.
"""

import os
import re
import shutil
import subprocess
import threading
import time

import pytest

from harness import tokensh_bin
from servers.loopback import LoopbackServer, SilentServer, refused_url
from shell import ShellHome

TOKEN = "npm_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
PASSWORD = "correct-horse-7"


class Run:
    """One tokensh run with its elapsed time and its peak RSS (from wait4)."""

    def __init__(self, returncode, stdout, stderr, elapsed, peak_kib):
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.elapsed = elapsed
        self.peak_kib = peak_kib


class User(ShellHome):
    """A temp HOME whose user config holds a token for `registry`; remembers its files."""

    def __init__(self, path, registry, token=TOKEN):
        super().__init__(path, registry)
        nerf = "//" + registry.split("//", 1)[1]
        self.userconfig.write_text(f"# kept byte for byte\n{nerf}:_authToken={token}\n")
        os.chmod(self.userconfig, 0o600)

    def snapshot(self):
        files = {}
        for root, _, names in os.walk(self.home):
            for name in names:
                path = os.path.join(root, name)
                with open(path, "rb") as handle:
                    files[os.path.relpath(path, self.home)] = handle.read()
        return files

    def measure(self, *args, env=None, timeout=60):
        merged = dict(self.env, **(env or {}))
        start = time.monotonic()
        proc = subprocess.Popen(
            [tokensh_bin(), *self.argv(*args)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=merged,
            cwd=self.home,
        )
        out = {}
        readers = [
            threading.Thread(target=lambda: out.__setitem__("o", proc.stdout.read())),
            threading.Thread(target=lambda: out.__setitem__("e", proc.stderr.read())),
        ]
        for reader in readers:
            reader.start()
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        for reader in readers:
            reader.join()
        elapsed = time.monotonic() - start
        assert proc.returncode >= 0, f"tokensh died of signal {-proc.returncode}: {out['e']!r}"
        return Run(proc.returncode, out["o"].decode(), out["e"].decode(), elapsed, usage.ru_maxrss)


def unchanged(user, before, run):
    after = user.snapshot()
    assert after == before, f"files changed: {set(after) ^ set(before) or 'contents'}; stderr: {run.stderr}"


def whoami_ok(exchange):
    exchange.reply(200, {"username": "alice"})


# MARK: - refused, reset, silent


def test_connection_refused(tmp_path):
    url = refused_url()
    user = User(tmp_path / "home", url)
    before = user.snapshot()
    run = user.measure("-c", "whoami")
    assert run.returncode == 4, run.stderr
    assert "connection refused" in run.stderr
    assert "ping" in run.stderr  # the hint says what to do next
    assert run.elapsed < 5
    unchanged(user, before, run)


def test_reset_in_the_middle_of_the_body(tmp_path):
    def cut(exchange):
        handler = exchange.handler
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", "5000")
        handler.end_headers()
        handler.wfile.write(b'{"username":"al')
        handler.wfile.flush()
        exchange.reset()

    with LoopbackServer(cut) as server:
        user = User(tmp_path / "home", server.url)
        before = user.snapshot()
        run = user.measure("-c", "whoami")
        assert run.returncode == 4, run.stderr
        assert re.search(r"(?i)(reset|closed|partial|recv|receiv)", run.stderr), run.stderr
        # A GET is safe to repeat: the first try and two retries, then it gives up.
        assert len(server.seen("GET", "/-/whoami")) == 3
        assert run.elapsed < 15
        unchanged(user, before, run)


def test_a_server_that_never_answers_times_out(tmp_path):
    with SilentServer() as server:
        user = User(tmp_path / "home", server.url)
        before = user.snapshot()
        run = user.measure("--timeout", "1.5", "-c", "whoami", timeout=30)
        assert run.returncode == 4, run.stderr
        assert "did not answer in time" in run.stderr
        assert 1.4 < run.elapsed < 6, run.elapsed
        unchanged(user, before, run)


# MARK: - 5xx and 429


@pytest.mark.parametrize("status", [500, 503])
def test_server_errors_retry_a_get_with_backoff(tmp_path, status):
    with LoopbackServer(lambda exchange: exchange.reply(status, {"error": "down for maintenance"})) as server:
        user = User(tmp_path / "home", server.url)
        before = user.snapshot()
        run = user.measure("-c", "whoami")
        assert run.returncode == 1, run.stderr
        assert str(status) in run.stderr and "down for maintenance" in run.stderr
        assert len(server.seen("GET", "/-/whoami")) == 3
        # backoff: 1 s, then 2 s
        assert 2.8 < run.elapsed < 10, run.elapsed
        unchanged(user, before, run)


def test_a_get_that_recovers_after_a_503(tmp_path):
    answers = iter([503])

    def flaky(exchange):
        status = next(answers, 200)
        exchange.reply(status, {"username": "alice"} if status == 200 else {"error": "busy"})

    with LoopbackServer(flaky) as server:
        user = User(tmp_path / "home", server.url)
        run = user.measure("-c", "whoami")
        assert run.returncode == 0, run.stderr
        assert run.stdout.strip() == "alice"
        assert len(server.seen("GET")) == 2


@pytest.mark.parametrize("status", [500, 503])
def test_a_put_is_never_repeated(tmp_path, status):
    with LoopbackServer(lambda exchange: exchange.reply(status, {"error": "broken"})) as server:
        user = User(tmp_path / "home", server.url)
        before = user.snapshot()
        run = user.measure(
            "-c", "login --auth-type legacy --username alice", env={"TOKENSH_PASSWORD": PASSWORD}
        )
        assert run.returncode == 1, run.stderr
        assert str(status) in run.stderr
        assert [r.method for r in server.requests] == ["PUT"]
        assert PASSWORD not in run.stderr + run.stdout
        unchanged(user, before, run)


def test_a_post_is_never_repeated(tmp_path):
    with LoopbackServer(lambda exchange: exchange.reply(503, {"error": "broken"})) as server:
        user = User(tmp_path / "home", server.url)
        before = user.snapshot()
        run = user.measure("-c", "login --auth-type web")
        assert run.returncode == 1, run.stderr
        assert [r.method for r in server.requests] == ["POST"]
        unchanged(user, before, run)


def test_a_delete_is_never_repeated(tmp_path):
    with LoopbackServer(lambda exchange: exchange.reply(500, {"error": "broken"})) as server:
        user = User(tmp_path / "home", server.url)
        before = user.snapshot()
        run = user.measure("-c", "logout")
        assert run.returncode == 1, run.stderr
        assert [r.method for r in server.requests] == ["DELETE"]
        assert TOKEN not in run.stderr + run.stdout
        unchanged(user, before, run)  # a failed logout keeps the credentials, as npm does


def test_429_waits_for_retry_after(tmp_path):
    answers = iter([429])

    def limited(exchange):
        if next(answers, 200) == 429:
            exchange.reply(429, {"error": "slow down"}, headers=[("Retry-After", "2")])
        else:
            exchange.reply(200, {"username": "alice"})

    with LoopbackServer(limited) as server:
        user = User(tmp_path / "home", server.url)
        run = user.measure("-c", "whoami")
        assert run.returncode == 0, run.stderr
        times = server.seen("GET")
        assert len(times) == 2
        assert 1.9 < run.elapsed < 8, run.elapsed


def test_429_that_persists_gives_up(tmp_path):
    def limited(exchange):
        exchange.reply(429, {"error": "slow down"}, headers=[("Retry-After", "1")])

    with LoopbackServer(limited) as server:
        user = User(tmp_path / "home", server.url)
        before = user.snapshot()
        run = user.measure("-c", "whoami")
        assert run.returncode == 1, run.stderr
        assert "429" in run.stderr
        assert len(server.seen("GET")) == 3
        unchanged(user, before, run)


# nanosleep and clock_nanosleep: what a process waiting out a delay is blocked in.
SLEEP_SYSCALLS = {"x86_64": {"35", "230"}, "aarch64": {"101", "115"}}[os.uname().machine]


def wait_until_sleeping(pid, timeout=20):
    """Polls /proc until a thread of `pid` is blocked in a sleep system call: the kernel's word
    that the process is waiting, not a guess that a second was long enough."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{task}/syscall") as file:
                    if file.read().split(" ", 1)[0] in SLEEP_SYSCALLS:
                        return
            except OSError:
                continue
        time.sleep(0.01)
    raise AssertionError(f"process {pid} did not start waiting within {timeout} s")


def test_a_long_retry_after_is_interruptible(tmp_path):
    """A Retry-After of a day is cut to the cap, and Ctrl-C ends the wait at once."""

    def limited(exchange):
        exchange.reply(429, {"error": "slow down"}, headers=[("Retry-After", "86400")])

    with LoopbackServer(limited) as server:
        user = User(tmp_path / "home", server.url)
        proc = subprocess.Popen(
            [tokensh_bin(), *user.argv("-c", "whoami")],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=user.env, cwd=user.home,
        )
        deadline = time.monotonic() + 20
        while not server.requests and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.requests, "no request arrived"
        wait_until_sleeping(proc.pid)  # the shell is now waiting out Retry-After
        assert proc.poll() is None
        started = time.monotonic()
        proc.send_signal(2)
        _, err = proc.communicate(timeout=10)
        assert time.monotonic() - started < 3
        assert proc.returncode == 130, err
        assert len(server.requests) == 1


# MARK: - bad bodies


def test_malformed_json(tmp_path):
    with LoopbackServer(lambda exchange: exchange.reply(200, '{"username": "ali')) as server:
        user = User(tmp_path / "home", server.url)
        before = user.snapshot()
        run = user.measure("-c", "whoami")
        assert run.returncode == 1, run.stderr
        assert "invalid response" in run.stderr
        unchanged(user, before, run)


def test_malformed_json_on_login_writes_nothing(tmp_path):
    with LoopbackServer(lambda exchange: exchange.reply(201, '{"ok":true,"token":')) as server:
        user = User(tmp_path / "home", server.url)
        before = user.snapshot()
        run = user.measure(
            "-c", "login --auth-type legacy --username alice", env={"TOKENSH_PASSWORD": PASSWORD}
        )
        assert run.returncode == 1, run.stderr
        assert "invalid response" in run.stderr
        unchanged(user, before, run)


def huge(announce_length):
    chunk = b" " * 65536

    def serve(exchange):
        handler = exchange.handler
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        if announce_length:
            handler.send_header("Content-Length", str(len(chunk) * 4096))
        else:
            handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(b'{"username":"alice","padding":"')
        for _ in range(4096):  # 256 MiB if nobody stops reading
            handler.wfile.write(chunk)
        handler.close_connection = True

    return serve


@pytest.mark.parametrize("announce_length", [True, False], ids=["content-length", "streamed"])
def test_a_huge_body_is_capped_and_memory_stays_flat(tmp_path, announce_length):
    with LoopbackServer(whoami_ok) as small:
        baseline = User(tmp_path / "small", small.url).measure("-c", "whoami")
        assert baseline.returncode == 0, baseline.stderr
    with LoopbackServer(huge(announce_length)) as server:
        user = User(tmp_path / "home", server.url)
        before = user.snapshot()
        run = user.measure("-c", "whoami")
        assert run.returncode == 1, run.stderr
        assert "larger than" in run.stderr
        growth_mib = (run.peak_kib - baseline.peak_kib) / 1024
        print(f"peak RSS: small answer {baseline.peak_kib} KiB, huge answer {run.peak_kib} KiB")
        # The cap is 8 MiB: the body buffer may grow to twice that while it fills; 256 MiB were offered.
        assert growth_mib < 40, growth_mib
        assert len(server.seen("GET")) == 1  # a too-large answer is not fetched again
        unchanged(user, before, run)


# MARK: - redirects and TLS


def test_a_redirect_to_another_host_drops_the_authorization(tmp_path):
    with LoopbackServer(whoami_ok) as other:
        other_url = f"http://localhost:{other.port}/-/whoami"

        def redirect(exchange):
            exchange.reply(302, "", headers=[("Location", other_url)])

        with LoopbackServer(redirect) as server:
            user = User(tmp_path / "home", server.url)
            # whoami's answer is about the credential, which the other host would never see:
            # the redirect is refused and nothing is sent there at all.
            run = user.measure("-c", "whoami")
            assert run.returncode != 0
            assert "another origin" in run.stderr
            first = server.seen("GET")[0]
            assert first.headers.get("authorization") == f"Bearer {TOKEN}"
            assert other.seen("GET") == []
            # A read whose answer is not about the credential follows, without it.
            listing = user.measure("-c", "token list")
            followed = other.seen("GET")
            assert len(followed) == 1, listing.stderr
            assert "authorization" not in followed[0].headers
            assert "npm-otp" not in followed[0].headers


def test_a_redirect_within_the_registry_keeps_the_authorization(tmp_path):
    def serve(exchange):
        if exchange.path.startswith("/-/whoami"):
            exchange.reply(307, "", headers=[("Location", "/moved/whoami")])
        else:
            whoami_ok(exchange)

    with LoopbackServer(serve) as server:
        user = User(tmp_path / "home", server.url)
        run = user.measure("-c", "whoami")
        assert run.returncode == 0, run.stderr
        moved = server.seen("GET", "/moved/")
        assert moved and moved[0].headers.get("authorization") == f"Bearer {TOKEN}"


@pytest.fixture
def certificate(tmp_path):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ],
        check=True, capture_output=True,
    )
    return str(cert), str(key)


def test_a_self_signed_certificate_is_refused(tmp_path, certificate):
    with LoopbackServer(whoami_ok, tls=certificate) as server:
        user = User(tmp_path / "home", server.url)
        before = user.snapshot()
        run = user.measure("-c", "whoami")
        assert run.returncode == 4, run.stderr
        assert "TLS failed" in run.stderr
        assert run.elapsed < 5
        assert not server.requests  # no request, so no token, went over the unverified connection
        unchanged(user, before, run)


def test_a_self_signed_certificate_is_accepted_with_npm_cafile(tmp_path, certificate):
    with LoopbackServer(whoami_ok, tls=certificate) as server:
        user = User(tmp_path / "home", server.url)
        with open(user.userconfig, "a") as config:
            config.write(f"cafile={certificate[0]}\n")
        run = user.measure("-c", "whoami")
        assert run.returncode == 0, run.stderr
        assert run.stdout.strip() == "alice"
        assert server.seen("GET")[0].headers.get("authorization") == f"Bearer {TOKEN}"


def test_an_unlisted_full_token_is_revoked_the_npm_way_only_over_https(tmp_path, certificate):
    """Not in the list: after the confirmation the token itself goes in the DELETE URL, as npm does."""
    stranger = "npm_" + "Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2"

    def serve(exchange):
        if exchange.method == "GET" and exchange.path.startswith("/-/npm/v1/tokens"):
            exchange.reply(200, {"objects": [], "total": 0, "urls": {}})
        elif exchange.method == "DELETE":
            exchange.reply(204)
        else:
            exchange.reply(404, {"error": "not found"})

    with LoopbackServer(serve, tls=certificate) as server:
        user = User(tmp_path / "home", server.url)
        with open(user.userconfig, "a") as config:
            config.write(f"cafile={certificate[0]}\n")
        refused = user.measure("-c", "token revoke ${STRANGER}", env={"STRANGER": stranger})
        assert refused.returncode == 2 and "--yes" in refused.stderr, refused.stderr
        assert not server.seen("DELETE")
        run = user.measure("-c", "token revoke ${STRANGER} --yes", env={"STRANGER": stranger})
        assert run.returncode == 0, run.stderr
        [delete] = server.seen("DELETE")
        assert delete.path == "/-/npm/v1/tokens/token/" + stranger
        assert delete.headers.get("authorization") == f"Bearer {TOKEN}"
        assert stranger not in run.stdout + run.stderr
        assert "Revoked npm_Z9y8...J3i2." in run.stdout


def test_cafile_counts_from_a_userconfig_outside_home(tmp_path, certificate):
    """`--userconfig` names a file other than ~/.npmrc: its `cafile` still reaches the transport."""
    with LoopbackServer(whoami_ok, tls=certificate) as server:
        user = User(tmp_path / "home", server.url)
        elsewhere = tmp_path / "ci.npmrc"
        elsewhere.write_text(user.userconfig.read_text() + f"cafile={certificate[0]}\n")
        elsewhere.chmod(0o600)
        user.userconfig.unlink()
        user.userconfig = elsewhere
        run = user.measure("-c", "whoami")
        assert run.returncode == 0, run.stderr
        assert run.stdout.strip() == "alice"


# MARK: - the sandbox's own fault modes


@pytest.mark.parametrize(
    "fault, status, message",
    [
        ("503", 1, "503"),
        ("500", 1, "500"),
        ("malformed", 1, "invalid response"),
        ("drop", 4, ""),
        ("429,retry-after=1", 1, "429"),
    ],
)
def test_sandbox_faults(start_sandbox, tmp_path, fault, status, message):
    sandbox = start_sandbox("--user", f"alice:{PASSWORD}", "--fault", fault + ",path=/-/whoami")
    user = ShellHome(tmp_path / "home", sandbox.url)
    login = user.run("-c", "login --auth-type legacy --username alice", env={"TOKENSH_PASSWORD": PASSWORD})
    assert login.returncode == 0, login.stderr
    config = user.config_text()
    started = time.monotonic()
    run = user.run("-c", "whoami")
    assert run.returncode == status, run.stderr
    assert message in run.stderr
    assert "Traceback" not in run.stderr and "Fatal error" not in run.stderr
    assert time.monotonic() - started < 15
    assert user.config_text() == config
