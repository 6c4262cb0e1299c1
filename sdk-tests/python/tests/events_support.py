"""Helpers for the event tests: a webhook receiver built on lark.EventDispatcherHandler (the SDK's
own handler, fed by a plain http.server the way its Flask adapter feeds it), and a long-connection
client (lark.ws.Client) run in a child process."""

import json
import os
import queue
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import lark_oapi as lark
from lark_oapi.core.model import RawRequest

HERE = os.path.dirname(os.path.abspath(__file__))


class WebhookReceiver:
    """Serves `handler` on 127.0.0.1; `errors` collects what the handler refused."""

    def __init__(self, handler):
        self.handler = handler
        self.statuses = []
        outer = self

        class Handle(BaseHTTPRequestHandler):
            def do_POST(self):
                req = RawRequest()
                req.uri = self.path
                req.headers = self.headers
                req.body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                resp = outer.handler.do(req)
                outer.statuses.append(resp.status_code)
                self.send_response(resp.status_code)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(resp.content or b"")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handle)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/webhook/event"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()


def subscribe(roster, url, types, encrypt_key):
    body = json.dumps({"event_url": url, "event_types": types, "encrypt_key": encrypt_key}).encode()
    req = urllib.request.Request(f"{roster.base}/_roster/v1/apps/{roster.demo['app_id']}", data=body, method="PATCH",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)["data"]


def tenant_token(roster):
    body = {"app_id": roster.demo["app_id"], "app_secret": roster.demo["app_secret"]}
    return roster.post("/open-apis/auth/v3/tenant_access_token/internal", body)["tenant_access_token"]


def roster_api(roster, path):
    req = urllib.request.Request(roster.base + path, headers={"Authorization": f"Bearer {tenant_token(roster)}"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)["data"]


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_roster_at(port, data_dir):
    """Roster on a fixed port and data dir, so a restart comes back where clients look for it."""
    from conftest import ROSTER_BIN, Roster
    args = [ROSTER_BIN, "serve", "--demo", "--listen", f"127.0.0.1:{port}", "--data-dir", data_dir, "--log", "warn"]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    for line in proc.stdout:
        if "listening on " in line:
            break
    base = f"http://127.0.0.1:{port}"
    with urllib.request.urlopen(base + "/_roster/v1/demo") as r:
        demo = json.load(r)["data"]
    return Roster(base=base, demo=demo, proc=proc)


def create_user_raw(roster, name, mobile):
    """Creates a user over plain HTTP with a fresh tenant token (the SDK caches tokens per app_id
    process-wide, which would carry another Roster's token here)."""
    body = json.dumps({"name": name, "mobile": mobile, "department_ids": ["0"], "employee_type": 1}).encode()
    req = urllib.request.Request(roster.base + "/open-apis/contact/v3/users", data=body, method="POST",
                                 headers={"Authorization": f"Bearer {tenant_token(roster)}",
                                          "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        out = json.load(r)
    assert out["code"] == 0, out
    return out["data"]["user"]


def wait_delivered(roster, event_id, timeout=10):
    """The log entry of `event_id` once Roster has recorded its delivery."""
    deadline = time.time() + timeout
    while True:
        items = roster_api(roster, "/open-apis/roster/v1/events/deliveries?page_size=100")["items"]
        found = [i for i in items if i["event_id"] == event_id]
        if found and found[0]["status"] == "delivered":
            return found[0]
        if time.time() > deadline:
            raise AssertionError(f"{event_id} not delivered: {found}")
        time.sleep(0.1)


def wait_for(q, timeout=15):
    return q.get(timeout=timeout)


class LongConnectionClient:
    """`lark.ws.Client` in a child process (its start() blocks forever); each event it receives
    comes back as a JSON line."""

    def __init__(self, roster, verification_token, encrypt_key):
        env = dict(os.environ, ROSTER_BASE=roster.base, APP_ID=roster.demo["app_id"],
                   APP_SECRET=roster.demo["app_secret"], VERIFICATION_TOKEN=verification_token,
                   ENCRYPT_KEY=encrypt_key)
        self.proc = subprocess.Popen([sys.executable, os.path.join(HERE, "ws_client_main.py")], env=env,
                                     stdout=subprocess.PIPE, text=True)
        self.events = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            if line.startswith("EVENT "):  # the SDK logs to stdout too
                self.events.put(json.loads(line[len("EVENT "):]))

    def wait_connected(self, roster, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if roster_api(roster, "/open-apis/roster/v1/events/subscription")["long_connections"] > 0:
                return
            time.sleep(0.2)
        raise AssertionError("lark.ws.Client did not connect")

    def close(self):
        self.proc.kill()
        self.proc.wait(timeout=10)
