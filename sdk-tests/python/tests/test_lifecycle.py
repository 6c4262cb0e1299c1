"""The account lifecycle through the official Python SDK, unchanged: an app offboards a member
with acceptors (client.contact.v3.user.delete), the emulator moves Roster's clock some days, and
the app restores the member into a department (client.contact.v3.user.resurrect); past the
30-day window the restore is refused with 44028."""

import lark_oapi as lark
from lark_oapi.api.contact.v3 import (CreateUserRequest, DeleteUserRequest, DeleteUserRequestBody,
                                      GetUserRequest, ResourceAcceptor, ResurrectUserRequest,
                                      ResurrectUserRequestBody, User, UserDepartmentInfo)
from lark_oapi.core.cache import LocalCache

DAY = 86400


def fresh_client(roster):
    """A client with its own token cache: tenant tokens cached before the clock moved have expired
    on Roster's clock."""
    return (lark.Client.builder()
            .app_id(roster.demo["app_id"]).app_secret(roster.demo["app_secret"])
            .domain(roster.base).cache(LocalCache()).log_level(lark.LogLevel.WARNING).build())


def advance(roster, seconds):
    r = roster.post("/_roster/v1/clock/advance", {"seconds": seconds})
    assert r["code"] == 0, r


def create(client, user_id, mobile):
    body = (User.builder().name(f"SDK {user_id}").user_id(user_id).mobile(mobile)
            .department_ids(["0"]).employee_type(1).build())
    resp = client.contact.v3.user.create(CreateUserRequest.builder().user_id_type("user_id").request_body(body).build())
    assert resp.success(), (resp.code, resp.msg)


def status(client, user_id):
    resp = client.contact.v3.user.get(GetUserRequest.builder().user_id(user_id).user_id_type("user_id")
                                      .department_id_type("department_id").build())
    assert resp.success(), (resp.code, resp.msg)
    return resp.data.user


def delete(client, user_id, body):
    return client.contact.v3.user.delete(
        DeleteUserRequest.builder().user_id(user_id).user_id_type("user_id").request_body(body).build())


def resurrect(client, user_id, department_id):
    body = (ResurrectUserRequestBody.builder()
            .departments([UserDepartmentInfo.builder().department_id(department_id).user_order(1).build()])
            .build())
    return client.contact.v3.user.resurrect(
        ResurrectUserRequest.builder().user_id(user_id).user_id_type("user_id")
        .department_id_type("department_id").request_body(body).build())


def test_offboard_with_acceptors_then_resurrect_days_later(roster, client):
    create(client, "sdk-leaver", "+15557770001")
    body = (DeleteUserRequestBody.builder()
            .department_chat_acceptor_user_id("bob")
            .external_chat_acceptor_user_id("bob")
            .docs_acceptor_user_id("carol")
            .email_acceptor(ResourceAcceptor.builder().processing_type(1).acceptor_user_id("carol").build())
            .build())
    deleted = delete(client, "sdk-leaver", body)
    assert deleted.success(), (deleted.code, deleted.msg)
    assert status(client, "sdk-leaver").status.is_resigned is True

    # An acceptor who cannot take anything over is refused with Lark's code.
    create(client, "sdk-other", "+15557770002")
    bad = delete(client, "sdk-other", DeleteUserRequestBody.builder().docs_acceptor_user_id("sdk-leaver").build())
    assert bad.code == 41052, (bad.code, bad.msg)

    advance(roster, 5 * DAY)
    client = fresh_client(roster)
    restored = resurrect(client, "sdk-leaver", "engineering")
    assert restored.success(), (restored.code, restored.msg)
    user = status(client, "sdk-leaver")
    assert user.status.is_resigned is False
    assert user.department_ids == ["engineering"]

    again = resurrect(client, "sdk-leaver", "engineering")
    assert again.code == 44033, (again.code, again.msg)
    assert again.get_log_id()


def test_the_restore_window_closes_after_30_days(roster):
    client = fresh_client(roster)
    create(client, "sdk-late", "+15557770003")
    assert delete(client, "sdk-late", DeleteUserRequestBody.builder().build()).success()
    advance(roster, 31 * DAY)
    client = fresh_client(roster)
    late = resurrect(client, "sdk-late", "0")
    assert late.code == 44028, (late.code, late.msg)
    assert late.msg == "Exceed recoverable time"
