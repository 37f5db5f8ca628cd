"""Stand-ins for the programs tokensh starts (an OTP command, a browser) that record what they
inherited, and a registry that hands out a login URL no browser should be given."""

import json
import os
import time

from servers.loopback import LoopbackServer

RECORDER = """#!{python}
# Records the environment, the open descriptors and the process relations of this program.
import json, os, sys
descriptors = {{}}
for name in os.listdir("/proc/self/fd"):
    try:
        descriptors[name] = os.readlink("/proc/self/fd/" + name)
    except OSError:
        pass  # the listing's own descriptor, closed by now
record = {{
    "argv": sys.argv[1:], "env": dict(os.environ), "fds": descriptors, "pid": os.getpid(),
    "ppid": os.getppid(), "sid": os.getsid(0), "pgid": os.getpgid(0),
}}
with open({out!r}, "a") as log:
    log.write(json.dumps(record) + "\\n")
{tail}
"""


def write_recorder(path, out, python, tail=""):
    """An executable script at `path` that appends one JSON record per run to `out`."""
    path.write_text(RECORDER.format(python=python, out=str(out), tail=tail))
    path.chmod(0o700)
    return path


def read_records(out, count=1, timeout=20):
    """The records in `out`, once there are `count` of them (polled until `timeout`)."""
    deadline = time.monotonic() + timeout
    while True:
        if out.exists():
            lines = [line for line in out.read_text().splitlines() if line.strip()]
            if len(lines) >= count:
                return [json.loads(line) for line in lines]
        if time.monotonic() > deadline:
            raise AssertionError(f"{out} holds fewer than {count} records")
        time.sleep(0.05)


def extra_descriptors(record):
    """Descriptors above 2 (the recorder's own listing is left out when it is written)."""
    return {fd: target for fd, target in record["fds"].items() if fd not in ("0", "1", "2")}


def web_login_registry(login_url):
    """A registry whose web login hands out `login_url` (and a doneUrl that never completes)."""

    def handle(exchange):
        if exchange.method == "POST" and exchange.path.endswith("/-/v1/login"):
            exchange.reply(200, {"loginUrl": server.current, "doneUrl": server.url + "-/v1/done/1"})
        elif exchange.path.startswith("/-/v1/done"):
            exchange.reply(202, {}, headers=[("Retry-After", "1")])
        else:
            exchange.reply(404, {"error": "not found"})

    server = LoopbackServer(handle)
    server.current = login_url
    return server


def process_state(pid):
    """(state letter, parent pid) from /proc/PID/stat, or None once the process is gone."""
    try:
        text = open(f"/proc/{pid}/stat").read()
    except OSError:
        return None
    fields = text.rsplit(")", 1)[1].split()
    return fields[0], int(fields[1])


def children_of(pid):
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            state = process_state(int(name))
            if state and state[1] == pid:
                found.append(int(name))
    return found
