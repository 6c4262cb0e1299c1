"""Fixtures for running the official Python SDK (lark-oapi), unchanged, against a live Roster.

Each test module gets its own Roster (`roster serve --demo` on a free port, fresh data dir);
only the SDK's domain points at it. ROSTER_BIN names the binary (scripts/test sets it).
"""

import json
import os
import subprocess
import tempfile
import urllib.request
from dataclasses import dataclass

import lark_oapi as lark
import pytest
from lark_oapi.core.cache import LocalCache

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROSTER_BIN = os.environ.get("ROSTER_BIN", os.path.join(REPO, "target", "debug", "roster"))


@dataclass
class Roster:
    base: str
    demo: dict
    proc: subprocess.Popen

    def post(self, path, body):
        """POST JSON to Roster directly (emulator controls), returning the decoded body."""
        req = urllib.request.Request(self.base + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req) as r:
            return json.load(r)

    def get(self, path):
        with urllib.request.urlopen(self.base + path) as r:
            return json.load(r)

    def user_token(self, user_id, user_id_type="user_id", app_id=None):
        body = {"app_id": app_id or self.demo["app_id"], "user_id": user_id, "user_id_type": user_id_type}
        return self.post("/_roster/v1/user_access_token", body)["data"]["access_token"]


def start_roster(*extra):
    data_dir = tempfile.mkdtemp(prefix="roster-sdk-")
    args = [ROSTER_BIN, "serve", "--demo", "--listen", "127.0.0.1:0", "--data-dir", data_dir, "--log", "warn", *extra]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    base = None
    for line in proc.stdout:
        if "listening on " in line:
            base = line.split("listening on ", 1)[1].strip()
            break
    if base is None:
        proc.kill()
        raise RuntimeError(f"{ROSTER_BIN} exited before listening")
    with urllib.request.urlopen(base + "/_roster/v1/demo") as r:
        demo = json.load(r)["data"]
    return Roster(base=base, demo=demo, proc=proc)


def forget_sdk_tokens():
    """The SDK caches tenant tokens process-wide by app_id; every module has its own Roster (with
    the same demo app_id), so a token cached for an earlier module's Roster must not leak in."""
    from lark_oapi.core.token.manager import TokenManager
    TokenManager.cache.cache.clear()


@pytest.fixture(scope="module")
def roster():
    forget_sdk_tokens()
    r = start_roster()
    yield r
    r.proc.terminate()
    r.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def token_cache(roster):
    """A token cache for this module's Roster. The SDK caches tenant tokens process-wide by app_id,
    and every module's Roster issues its own, so each module hands the SDK a fresh cache (the
    builder's public `.cache()` option)."""
    return LocalCache()


@pytest.fixture(scope="module")
def client(roster, token_cache):
    """The SDK client exactly as an app builds it, with only the domain (and cache) changed."""
    return (lark.Client.builder()
            .app_id(roster.demo["app_id"])
            .app_secret(roster.demo["app_secret"])
            .domain(roster.base)
            .oauth_base_url(roster.base)
            .cache(token_cache)
            .log_level(lark.LogLevel.WARNING)
            .build())


@pytest.fixture(scope="module")
def user_client(roster, token_cache):
    """A client that sends user access tokens given per request (enable_set_token)."""
    return (lark.Client.builder()
            .app_id(roster.demo["app_id"])
            .app_secret(roster.demo["app_secret"])
            .domain(roster.base)
            .oauth_base_url(roster.base)
            .cache(token_cache)
            .enable_set_token(True)
            .log_level(lark.LogLevel.WARNING)
            .build())
