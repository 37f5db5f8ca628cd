"""Plain http: credentials never go over http to a non-loopback host without consent.

`http://example.invalid/` cannot resolve, so to prove that tokensh refuses *before* any
connection, each run also sets `http_proxy` to a loopback server we control: libcurl would send
any request for that host through it, so an empty request log means nothing left the process.
With `--allow-insecure-registry` the same request does reach the proxy, which shows the check
can fail.
"""

import pexpect

from servers.loopback import LoopbackServer
from shell import PROMPT, ShellHome
from test_hardening_network import TOKEN, User

REMOTE = "http://example.invalid/"
PASSWORD = "correct-horse-7"


def proxied(server):
    return {"http_proxy": server.url, "HTTP_PROXY": server.url, "no_proxy": "", "NO_PROXY": ""}


def whoami_ok(exchange):
    exchange.reply(200, {"username": "alice"})


def test_whoami_over_plain_http_is_refused_before_connecting(tmp_path):
    with LoopbackServer(whoami_ok) as proxy:
        user = User(tmp_path / "home", REMOTE)
        before = user.snapshot()
        run = user.measure("-c", "whoami", env=proxied(proxy))
        assert run.returncode == 2, run.stderr
        assert "refusing to send credentials over plain http to example.invalid" in run.stderr
        assert "--allow-insecure-registry" in run.stderr
        assert run.elapsed < 3
        assert proxy.requests == []
        assert user.snapshot() == before


def test_login_over_plain_http_is_refused_before_the_password_is_sent(tmp_path):
    with LoopbackServer(whoami_ok) as proxy:
        user = User(tmp_path / "home", REMOTE)
        run = user.measure(
            "-c", "login --auth-type legacy --username alice",
            env={**proxied(proxy), "TOKENSH_PASSWORD": PASSWORD},
        )
        assert run.returncode == 2, run.stderr
        assert proxy.requests == []
        assert PASSWORD not in run.stderr + run.stdout


def test_the_token_from_the_environment_is_not_sent_either(tmp_path):
    with LoopbackServer(whoami_ok) as proxy:
        user = ShellHome(tmp_path / "home", REMOTE)
        run = user.run("-c", "whoami", env={**proxied(proxy), "TOKENSH_TOKEN": TOKEN})
        assert run.returncode == 2, run.stderr
        assert proxy.requests == []


def test_allow_insecure_registry_lets_the_request_through(tmp_path):
    with LoopbackServer(whoami_ok) as proxy:
        user = User(tmp_path / "home", REMOTE)
        run = user.measure("--allow-insecure-registry", "-c", "whoami", env=proxied(proxy))
        assert run.returncode == 0, run.stderr
        assert run.stdout.strip() == "alice"
        [request] = proxy.requests
        assert request.path == "http://example.invalid/-/whoami"
        assert request.headers.get("authorization") == f"Bearer {TOKEN}"


def test_loopback_http_needs_no_confirmation(tmp_path):
    with LoopbackServer(whoami_ok) as server:
        user = User(tmp_path / "home", server.url)
        run = user.measure("-c", "whoami")
        assert run.returncode == 0, run.stderr


def test_interactive_confirmation(tmp_path):
    with LoopbackServer(whoami_ok) as proxy:
        user = User(tmp_path / "home", REMOTE)
        child = user.spawn("--no-history", env=proxied(proxy))
        try:
            child.expect(PROMPT)
            child.sendline("whoami")
            child.expect(r"plain http")
            child.expect(r"\?")
            child.sendline("n")
            child.expect("refusing to send credentials")
            child.expect(PROMPT)
            assert proxy.requests == []
            child.sendline("whoami")
            child.expect(r"plain http")
            child.expect(r"\?")
            child.sendline("y")
            child.expect("alice")
            child.expect(PROMPT)
            assert len(proxy.requests) == 1
            child.sendline("exit")
            child.expect(pexpect.EOF)
        finally:
            child.close(force=True)
