"""Network security: credentials stay on the registry's origin, loopback means a literal
loopback address, and a long token list is not cut off by the size cap."""

import json
import time

import pytest

from servers.attacker_net import (
    STOLEN_TOKEN,
    AddressServer,
    big_token_page,
    collector,
    everything_sent,
    origin,
    redirecting_registry,
)
from servers.loopback import LoopbackServer
from shell import ShellHome

PASSWORD = "correct-horse-redirect-7"
OTP = "493817"
SESSION = "npm_SessionTokenOfTheRealRegistry000000"


def refused_cleanly(result, registry, elsewhere, home):
    """tokensh failed, named both origins, sent the other one nothing, and saved nothing."""
    assert result.returncode != 0, result.stdout
    assert elsewhere.seen() == [], "the other origin received:\n" + everything_sent(elsewhere)
    assert origin(registry) in result.stderr and origin(elsewhere) in result.stderr, result.stderr
    assert STOLEN_TOKEN not in result.stdout + result.stderr
    assert STOLEN_TOKEN not in home.config_text()


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_security_01_couch_login_password_never_follows_a_cross_origin_redirect(tmp_path, status):
    with collector() as elsewhere, redirecting_registry(elsewhere, status, lambda e: e.method == "PUT") as registry:
        home = ShellHome(tmp_path / "home", registry.url)
        result = home.run("-c", "login --auth-type legacy --username alice", env={"TOKENSH_PASSWORD": PASSWORD})
        refused_cleanly(result, registry, elsewhere, home)
        assert "_authToken" not in home.config_text()
        assert PASSWORD in registry.seen("PUT")[0].body.decode(), "the registry itself got the login"


@pytest.mark.parametrize("status", [307, 308])
def test_security_01_a_request_carrying_an_otp_never_follows_a_cross_origin_redirect(tmp_path, status):
    def challenge(exchange):
        exchange.reply(401, {"error": "OTP required for authentication"}, headers=[("WWW-Authenticate", "OTP")])

    def with_otp(exchange):
        return exchange.method == "PUT" and "npm-otp" in exchange.headers

    with collector() as elsewhere, redirecting_registry(elsewhere, status, with_otp, challenge) as registry:
        home = ShellHome(tmp_path / "home", registry.url)
        result = home.run(
            "-c", "login --auth-type legacy --username alice", env={"TOKENSH_PASSWORD": PASSWORD, "TOKENSH_OTP": OTP}
        )
        refused_cleanly(result, registry, elsewhere, home)
        assert OTP not in everything_sent(elsewhere)
        assert [r.headers.get("npm-otp") for r in registry.seen("PUT")] == [None, OTP]


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_security_01_token_create_never_follows_a_cross_origin_redirect(tmp_path, status):
    def answer(exchange):
        if exchange.path.endswith("/-/whoami"):
            exchange.reply(200, {"username": "alice"})
        else:
            exchange.reply(200, {"objects": [], "total": 0, "urls": {}})

    def creating(exchange):
        return exchange.method == "POST"

    with collector() as elsewhere, redirecting_registry(elsewhere, status, creating, answer) as registry:
        home = ShellHome(tmp_path / "home", registry.url)
        nerf = "//" + registry.url.split("//", 1)[1]
        home.userconfig.write_text(f"{nerf}:_authToken={SESSION}\n")
        result = home.run(
            "-c",
            "token create --granular --name ci --packages-and-scopes-permission read-only --packages-all --expires 7",
            env={"TOKENSH_PASSWORD": PASSWORD},
        )
        refused_cleanly(result, registry, elsewhere, home)
        assert PASSWORD not in everything_sent(elsewhere) and SESSION not in everything_sent(elsewhere)
        assert registry.seen("POST"), "the registry itself got the request"


@pytest.mark.parametrize("where", ["done-url-elsewhere", "done-url-redirected"])
def test_security_01_a_web_login_token_is_taken_only_from_the_registry(tmp_path, where):
    with collector() as elsewhere:
        def answer(exchange):
            if exchange.method == "POST" and exchange.path.endswith("/-/v1/login"):
                done_base = elsewhere.url if where == "done-url-elsewhere" else registry.url
                exchange.reply(200, {"loginUrl": elsewhere.url + "login/1", "doneUrl": done_base + "-/v1/done/1"})
            elif exchange.path.endswith("/-/whoami"):
                exchange.reply(200, {"username": "mallory"})
            else:
                exchange.reply(404, {"error": "not found"})

        def polling(exchange):
            return exchange.method == "GET" and "/-/v1/done/" in exchange.path

        with redirecting_registry(elsewhere, 302, polling, answer) as registry:
            home = ShellHome(tmp_path / "home", registry.url)
            result = home.run("-c", "login", timeout=60)
            refused_cleanly(result, registry, elsewhere, home)
            assert "_authToken" not in home.config_text()


@pytest.mark.parametrize("host", ["127.evil.example", "127.0.0.1.nip.io", "localhost.evil"])
def test_security_03_lookalike_loopback_names_are_refused_before_any_connection(tmp_path, host):
    # Every connection libcurl would open goes to this proxy (so no name is looked up in DNS):
    # a refusal must leave it untouched.
    with LoopbackServer() as proxy:
        home = ShellHome(tmp_path / "home", f"http://{host}:4873/")
        proxies = {name: proxy.url for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY")}
        result = home.run("-c", "whoami", env=dict(proxies, TOKENSH_TOKEN=SESSION))
        assert result.returncode == 2, result.stdout + result.stderr
        assert "refusing to send credentials over plain http" in result.stderr
        assert proxy.seen() == [], "tokensh connected for " + host


def test_security_02_a_url_password_is_not_sent_over_plain_http_by_ping(tmp_path):
    # The userinfo of a registry URL is a credential (sent as Basic auth): `ping`, which sends
    # no token, still needs the plain-http consent before it goes to a remote host.
    with LoopbackServer() as proxy:
        home = ShellHome(tmp_path / "home", "http://alice:url-pass-771@registry.example:4873/")
        proxies = {name: proxy.url for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY")}
        result = home.run("-c", "ping", env=proxies)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "refusing to send credentials over plain http" in result.stderr
        assert "url-pass-771" not in result.stdout + result.stderr
        assert proxy.seen() == [], "tokensh connected"


@pytest.mark.parametrize("address", ["127.1.2.3", "::1"])
def test_security_03_literal_loopback_addresses_are_allowed(tmp_path, address):
    server = AddressServer(address, lambda exchange: exchange.reply(200, {"username": "alice"}))
    try:
        home = ShellHome(tmp_path / "home", server.url)
        result = home.run("-c", "whoami", env={"TOKENSH_TOKEN": SESSION})
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "alice"
        assert server.seen()[0].headers.get("authorization") == "Bearer " + SESSION
    finally:
        server.stop()


def test_security_21_a_registry_sending_every_token_in_one_page_is_listed_in_full(tmp_path):
    count = 20000
    page = big_token_page(count)
    assert len(page) > 8 * 1024 * 1024, "the page must be larger than the old 8 MiB cap"

    def answer(exchange):
        if "/-/npm/v1/tokens" in exchange.path:
            exchange.handler.send_response(200)
            exchange.handler.send_header("Content-Type", "application/json")
            exchange.handler.send_header("Content-Length", str(len(page)))
            exchange.handler.end_headers()
            exchange.handler.wfile.write(page)
        else:
            exchange.reply(200, {"username": "alice"})

    with LoopbackServer(answer) as registry:
        home = ShellHome(tmp_path / "home", registry.url)
        started = time.monotonic()
        result = home.run("--json", "-c", "token list", env={"TOKENSH_TOKEN": SESSION}, timeout=300)
        elapsed = time.monotonic() - started
        assert result.returncode == 0, result.stderr
        listed = json.loads(result.stdout)
        tokens = listed if isinstance(listed, list) else listed.get("tokens", listed.get("objects"))
        assert len(tokens) == count
        print(f"listed {count} tokens from one {len(page)} byte page in {elapsed:.1f}s")
