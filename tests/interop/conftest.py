import pytest

from harness import Npm, Sandbox


@pytest.fixture
def start_sandbox(tmp_path):
    started = []

    def start(*args, totp_users=()):
        sandbox = Sandbox(tmp_path, *args, totp_users=totp_users)
        started.append(sandbox)
        return sandbox

    yield start
    for sandbox in started:
        sandbox.stop()


@pytest.fixture
def npm_for(tmp_path):
    count = [0]

    def make(sandbox):
        count[0] += 1
        home = tmp_path / f"home{count[0]}"
        home.mkdir()
        return Npm(home, sandbox.url)

    return make
