"""Group chats through the official Python SDK: a full group story, from creation to dissolution."""

import json
import urllib.request

import lark_oapi as lark
from lark_oapi.api.contact.v3 import CreateUserRequest, User
from lark_oapi.api.im.v1 import (AddManagersChatManagersRequest, AddManagersChatManagersRequestBody,
                                 CreateChatMembersRequest, CreateChatMembersRequestBody, CreateChatRequest,
                                 CreateChatRequestBody, DeleteChatRequest, DeleteManagersChatManagersRequest,
                                 DeleteManagersChatManagersRequestBody, GetChatMembersRequest, GetChatRequest,
                                 IsInChatChatMembersRequest, LinkChatRequest, LinkChatRequestBody,
                                 UpdateChatRequest, UpdateChatRequestBody)


def as_user(token):
    return lark.RequestOption.builder().user_access_token(token).build()


def roster_call(roster, method, path, token, body=None):
    """Roster's own API (no SDK has it), with a bearer token."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(roster.base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)


def add(client, chat_id, ids, succeed_type, option=None):
    req = (CreateChatMembersRequest.builder().chat_id(chat_id).member_id_type("user_id").succeed_type(succeed_type)
           .request_body(CreateChatMembersRequestBody.builder().id_list(ids).build()).build())
    return client.im.v1.chat_members.create(req, option) if option else client.im.v1.chat_members.create(req)


def members(client, chat_id, page_size):
    """Every member's user_id, page by page; also the number of pages."""
    ids, token, pages = [], None, 0
    while True:
        b = GetChatMembersRequest.builder().chat_id(chat_id).member_id_type("user_id").page_size(page_size)
        if token:
            b = b.page_token(token)
        resp = client.im.v1.chat_members.get(b.build())
        assert resp.success(), (resp.code, resp.msg)
        pages += 1
        ids += [m.member_id for m in resp.data.items]
        assert resp.data.member_total >= len(ids)
        if not resp.data.has_more:
            return ids, pages
        token = resp.data.page_token


def test_a_group_story(roster, client, user_client):
    alice, bob = roster.user_token("alice"), roster.user_token("bob")
    frozen = client.contact.v3.user.create(
        CreateUserRequest.builder().user_id_type("user_id")
        .request_body(User.builder().name("Frozen Py").mobile("+15558880001").user_id("frozen-py")
                      .department_ids(["0"]).employee_type(1).is_frozen(True).build()).build())
    assert frozen.success(), (frozen.code, frozen.msg)

    # The app's bot creates a chat owned by alice, with bob, and manages it.
    created = client.im.v1.chat.create(
        CreateChatRequest.builder().user_id_type("user_id").set_bot_manager(True)
        .request_body(CreateChatRequestBody.builder().name("SDK Group").owner_id("alice").user_id_list(["bob"]).build())
        .build())
    assert created.success(), (created.code, created.msg)
    chat_id = created.data.chat_id
    assert chat_id.startswith("oc_") and created.data.owner_id == "alice"

    got = client.im.v1.chat.get(GetChatRequest.builder().chat_id(chat_id).user_id_type("user_id").build())
    assert got.success(), (got.code, got.msg)
    assert got.data.user_count == "2" and got.data.bot_count == "1"
    assert got.data.bot_manager_id_list == [roster.demo["app_id"]]

    # succeed_type 0, 1 and 2.
    r = add(client, chat_id, ["carol", "nobody"], 0)
    assert r.code == 99992360
    r = add(client, chat_id, ["carol", "frozen-py"], 0)
    assert r.success(), (r.code, r.msg)
    assert r.data.invalid_id_list == ["frozen-py"]
    r = add(client, chat_id, ["dan", "nobody"], 1)
    assert r.success() and r.data.not_existed_id_list == ["nobody"]
    r = add(client, chat_id, ["admin", "frozen-py"], 2)
    assert r.code == 232043
    r = add(client, chat_id, ["carol"], 2)
    assert r.success(), "re-adding a member is idempotent"

    # Members across pages.
    ids, pages = members(client, chat_id, 2)
    assert ids == ["alice", "bob", "carol", "dan"] and pages == 2

    # alice turns approval on; bob's addition waits; alice approves it through Roster's API.
    upd = user_client.im.v1.chat.update(
        UpdateChatRequest.builder().chat_id(chat_id)
        .request_body(UpdateChatRequestBody.builder().membership_approval("approval_required").build()).build(),
        as_user(alice))
    assert upd.success(), (upd.code, upd.msg)
    r = add(user_client, chat_id, ["admin"], 0, as_user(bob))
    assert r.success() and r.data.pending_approval_id_list == ["admin"], (r.code, r.msg)
    pending = roster_call(roster, "GET", f"/open-apis/roster/v1/chats/{chat_id}/join_requests?user_id_type=user_id", alice)
    request_id = pending["data"]["items"][0]["request_id"]
    done = roster_call(roster, "POST", f"/open-apis/roster/v1/chats/{chat_id}/join_requests/{request_id}/approve", alice)
    assert done["data"]["join_request"]["status"] == "approved"
    assert "admin" in members(client, chat_id, 100)[0]

    # alice hands ownership to bob; bob appoints carol as manager and dismisses her.
    upd = user_client.im.v1.chat.update(
        UpdateChatRequest.builder().chat_id(chat_id).user_id_type("user_id")
        .request_body(UpdateChatRequestBody.builder().owner_id("bob").build()).build(), as_user(alice))
    assert upd.success(), (upd.code, upd.msg)
    got = client.im.v1.chat.get(GetChatRequest.builder().chat_id(chat_id).user_id_type("user_id").build())
    assert got.data.owner_id == "bob"
    m = user_client.im.v1.chat_managers.add_managers(
        AddManagersChatManagersRequest.builder().chat_id(chat_id).member_id_type("user_id")
        .request_body(AddManagersChatManagersRequestBody.builder().manager_ids(["carol"]).build()).build(),
        as_user(bob))
    assert m.success() and m.data.chat_managers == ["carol"], (m.code, m.msg)
    m = user_client.im.v1.chat_managers.add_managers(
        AddManagersChatManagersRequest.builder().chat_id(chat_id).member_id_type("user_id")
        .request_body(AddManagersChatManagersRequestBody.builder().manager_ids(["dan"]).build()).build(),
        as_user(alice))
    assert m.code == 232038, "only the owner manages managers"
    m = user_client.im.v1.chat_managers.delete_managers(
        DeleteManagersChatManagersRequest.builder().chat_id(chat_id).member_id_type("user_id")
        .request_body(DeleteManagersChatManagersRequestBody.builder().manager_ids(["carol"]).build()).build(),
        as_user(bob))
    assert m.success() and m.data.chat_managers == []

    # A share link; is_in_chat for the caller.
    link = client.im.v1.chat.link(
        LinkChatRequest.builder().chat_id(chat_id)
        .request_body(LinkChatRequestBody.builder().validity_period("permanently").build()).build())
    assert link.success() and link.data.is_permanent and link.data.share_link.startswith(roster.base)
    inside = user_client.im.v1.chat_members.is_in_chat(
        IsInChatChatMembersRequest.builder().chat_id(chat_id).build(), as_user(alice))
    assert inside.success() and inside.data.is_in_chat is True

    # Only the owner dissolves it.
    gone = user_client.im.v1.chat.delete(DeleteChatRequest.builder().chat_id(chat_id).build(), as_user(alice))
    assert gone.code == 232017
    gone = user_client.im.v1.chat.delete(DeleteChatRequest.builder().chat_id(chat_id).build(), as_user(bob))
    assert gone.success(), (gone.code, gone.msg)
    got = client.im.v1.chat.get(GetChatRequest.builder().chat_id(chat_id).build())
    assert got.code == 232009
