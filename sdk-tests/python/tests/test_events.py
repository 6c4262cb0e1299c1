"""Events from a live Roster decoded by the official SDK: lark.EventDispatcherHandler behind a
webhook, encrypted (with signature checking) and plain (with token checking), and the
long-connection lark.ws.Client. Users are created through the SDK's contact API."""

import queue

import lark_oapi as lark
import pytest
from lark_oapi.api.contact.v3 import CreateUserRequest, User

from events_support import (LongConnectionClient, WebhookReceiver, create_user_raw, free_port, start_roster_at,
                            subscribe, wait_delivered, wait_for)

CREATED = "contact.user.created_v3"


def create_user(client, name, mobile):
    body = User.builder().name(name).mobile(mobile).department_ids(["0"]).employee_type(1).build()
    req = CreateUserRequest.builder().user_id_type("user_id").request_body(body).build()
    resp = client.contact.v3.user.create(req)
    assert resp.success(), resp.msg
    return resp.data.user


def receiver(encrypt_key, token):
    got = queue.Queue()

    def on_created(data: lark.contact.v3.P2ContactUserCreatedV3):
        got.put(data)

    handler = (lark.EventDispatcherHandler.builder(encrypt_key, token)
               .register_p2_contact_user_created_v3(on_created).build())
    return WebhookReceiver(handler), got


def check_created(data, user, roster, name):
    assert isinstance(data, lark.contact.v3.P2ContactUserCreatedV3)
    assert data.header.event_type == CREATED
    assert data.header.app_id == roster.demo["app_id"]
    assert data.header.tenant_key == roster.demo["tenant_key"]
    assert len(data.header.event_id) == 32
    assert data.header.create_time.isdigit()
    obj = data.event.object
    assert (obj.name, obj.open_id, obj.union_id, obj.user_id) == (name, user.open_id, user.union_id, user.user_id)
    assert obj.status.is_activated is True
    assert obj.department_ids == ["0"]


def test_encrypted_events_with_signature_checking(roster, client):
    key, token = roster.demo["encrypt_key"], roster.demo["verification_token"]
    rx, got = receiver(key, token)
    try:
        sub = subscribe(roster, rx.url, [CREATED], key)
        assert sub["verified"] is True and sub["encrypted"] is True
        user = create_user(client, "Zoë 李", "+15557000001")
        check_created(wait_for(got), user, roster, "Zoë 李")
        assert set(rx.statuses) == {200}
    finally:
        rx.close()


def test_a_wrong_key_is_refused_and_retried(roster, client):
    key, token = roster.demo["encrypt_key"], roster.demo["verification_token"]
    rx, got = receiver(key, token)
    try:
        subscribe(roster, rx.url, [CREATED], key)
        rx.handler._encrypt_key = key + "x"  # the receiver now fails decryption: HTTP 500
        create_user(client, "Refused", "+15557000002")
        with pytest.raises(queue.Empty):
            got.get(timeout=2)
        rx.handler._encrypt_key = key
        roster.post("/_roster/v1/clock/advance", {"seconds": 15})
        data = wait_for(got)
        assert data.event.object.name == "Refused"
        log = wait_delivered(roster, data.header.event_id)
        assert log["attempts"] == 2 and log["last_status"] == "http 200"
    finally:
        rx.close()


def test_plain_events_with_token_checking(roster, client):
    token = roster.demo["verification_token"]
    rx, got = receiver("", token)
    try:
        sub = subscribe(roster, rx.url, [CREATED], "")
        assert sub["verified"] is True and sub["encrypted"] is False
        user = create_user(client, "Plain Jane", "+15557000003")
        check_created(wait_for(got), user, roster, "Plain Jane")
    finally:
        rx.close()
        subscribe(roster, "", [], roster.demo["encrypt_key"])


def test_long_connection_client_receives_events(roster, client):
    subscribe(roster, "", [CREATED], roster.demo["encrypt_key"])
    ws = LongConnectionClient(roster, roster.demo["verification_token"], roster.demo["encrypt_key"])
    try:
        ws.wait_connected(roster)
        user = create_user(client, "Over The Wire", "+15557000004")
        ev = wait_for(ws.events)
        assert ev["type"] == CREATED
        assert (ev["name"], ev["open_id"], ev["union_id"], ev["user_id"]) == \
            ("Over The Wire", user.open_id, user.union_id, user.user_id)
        assert wait_delivered(roster, ev["event_id"])["attempts"] == 1
    finally:
        ws.close()


def test_long_connection_survives_a_killed_roster(tmp_path):
    """Roster is killed (SIGKILL); lark.ws.Client reconnects on its own to the restarted Roster
    (same port and data) and receives the events made after it. Delivery is at least once: if the
    kill came before Roster recorded the ack, the first event arrives again, with the same id."""
    port = free_port()
    r = start_roster_at(port, str(tmp_path))
    ws = None
    try:
        subscribe(r, "", [CREATED], r.demo["encrypt_key"])
        ws = LongConnectionClient(r, r.demo["verification_token"], r.demo["encrypt_key"])
        ws.wait_connected(r)
        create_user_raw(r, "Before The Crash", "+15557000005")
        first = wait_for(ws.events)
        assert first["name"] == "Before The Crash"
        r.proc.kill()
        r.proc.wait(timeout=10)
        r = start_roster_at(port, str(tmp_path))
        ws.wait_connected(r, timeout=30)
        create_user_raw(r, "After The Crash", "+15557000006")
        after = wait_for(ws.events)
        while after["name"] == "Before The Crash":
            assert after["event_id"] == first["event_id"], "a redelivery keeps its event_id"
            after = wait_for(ws.events)
        assert after["name"] == "After The Crash"
    finally:
        if ws:
            ws.close()
        r.proc.kill()
        r.proc.wait(timeout=10)
