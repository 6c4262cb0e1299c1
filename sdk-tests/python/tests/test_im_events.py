"""im.chat.member.user.added_v1 from a live Roster, produced through the real chat API and decoded
by the official SDK: lark.EventDispatcherHandler behind a webhook (encrypted with signature
checking, and plain) and lark.ws.Client over the long connection."""

import queue

import lark_oapi as lark
from lark_oapi.api.im.v1 import (CreateChatMembersRequest, CreateChatMembersRequestBody, CreateChatRequest,
                                 CreateChatRequestBody)

from events_support import LongConnectionClient, WebhookReceiver, subscribe, wait_delivered, wait_for

ADDED = "im.chat.member.user.added_v1"


def make_chat_and_add_bob(client, roster):
    """Creates a chat as the demo app (its bot is then a member) and adds bob; returns
    (chat_id, bob's open_id)."""
    body = CreateChatRequestBody.builder().name("Events 事件").build()
    created = client.im.v1.chat.create(
        CreateChatRequest.builder().user_id_type("user_id").request_body(body).build())
    assert created.success(), created.msg
    chat_id = created.data.chat_id
    add = CreateChatMembersRequestBody.builder().id_list(["bob"]).build()
    added = client.im.v1.chat_members.create(
        CreateChatMembersRequest.builder().chat_id(chat_id).member_id_type("user_id").request_body(add).build())
    assert added.success(), added.msg
    return chat_id


def receiver(encrypt_key, token):
    got = queue.Queue()
    handler = (lark.EventDispatcherHandler.builder(encrypt_key, token)
               .register_p2_im_chat_member_user_added_v1(got.put).build())
    return WebhookReceiver(handler), got


def check_added(data, chat_id, roster):
    assert isinstance(data, lark.im.v1.P2ImChatMemberUserAddedV1)
    assert data.header.event_type == ADDED
    assert data.header.app_id == roster.demo["app_id"]
    ev = data.event
    assert ev.chat_id == chat_id
    assert ev.name == "Events 事件"
    assert ev.operator_tenant_key == roster.demo["tenant_key"]
    assert [u.user_id.user_id for u in ev.users] == ["bob"]
    assert ev.users[0].user_id.open_id.startswith("ou_") and ev.users[0].user_id.union_id.startswith("on_")
    assert ev.users[0].name == "Bob Builder"


def test_member_added_encrypted_with_signature_checking(roster, client):
    key, token = roster.demo["encrypt_key"], roster.demo["verification_token"]
    rx, got = receiver(key, token)
    try:
        assert subscribe(roster, rx.url, [ADDED], key)["verified"] is True
        chat_id = make_chat_and_add_bob(client, roster)
        check_added(wait_for(got), chat_id, roster)
    finally:
        rx.close()


def test_member_added_plain_with_token_checking(roster, client):
    rx, got = receiver("", roster.demo["verification_token"])
    try:
        assert subscribe(roster, rx.url, [ADDED], "")["verified"] is True
        chat_id = make_chat_and_add_bob(client, roster)
        check_added(wait_for(got), chat_id, roster)
    finally:
        rx.close()
        subscribe(roster, "", [], roster.demo["encrypt_key"])


def test_member_added_over_the_long_connection(roster, client):
    subscribe(roster, "", [ADDED], roster.demo["encrypt_key"])
    ws = LongConnectionClient(roster, roster.demo["verification_token"], roster.demo["encrypt_key"])
    try:
        ws.wait_connected(roster)
        chat_id = make_chat_and_add_bob(client, roster)
        ev = wait_for(ws.events)
        assert (ev["type"], ev["chat_id"]) == (ADDED, chat_id)
        assert len(ev["users"]) == 1 and ev["users"][0].startswith("ou_")
        wait_delivered(roster, ev["event_id"])
    finally:
        ws.close()
        subscribe(roster, "", [], roster.demo["encrypt_key"])
