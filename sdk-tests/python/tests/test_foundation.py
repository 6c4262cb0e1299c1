"""Foundation through the official Python SDK: tokens, the envelope, ids in all three types."""

import lark_oapi as lark
import pytest
from lark_oapi.core.exception import ObtainAccessTokenException
from lark_oapi.api.contact.v3 import (CreateDepartmentRequest, Department, CreateUserRequest, User,
                                      GetUserRequest)


def test_create_and_read_back_in_every_id_type(client):
    dept = client.contact.v3.department.create(
        CreateDepartmentRequest.builder().department_id_type("department_id")
        .request_body(Department.builder().name("SDK Team").parent_department_id("0").department_id("sdk-team").build())
        .build())
    assert dept.success(), (dept.code, dept.msg)
    assert dept.get_log_id(), "X-Tt-Logid reaches get_log_id()"

    created = client.contact.v3.user.create(
        CreateUserRequest.builder().department_id_type("department_id").user_id_type("user_id")
        .request_body(User.builder().name("Sdk Person").mobile("+15556660001").user_id("sdk-person")
                      .department_ids(["sdk-team"]).employee_type(1).build())
        .build())
    assert created.success(), (created.code, created.msg)
    user = created.data.user
    assert user.open_id.startswith("ou_") and user.union_id.startswith("on_")

    for id_type, value in [("open_id", user.open_id), ("union_id", user.union_id), ("user_id", "sdk-person")]:
        got = client.contact.v3.user.get(
            GetUserRequest.builder().user_id(value).user_id_type(id_type).department_id_type("department_id").build())
        assert got.success(), (id_type, got.code, got.msg)
        assert got.data.user.name == "Sdk Person"
        assert got.data.user.department_ids == ["sdk-team"]


def test_errors_come_back_as_codes(client):
    got = client.contact.v3.user.get(GetUserRequest.builder().user_id("nobody").user_id_type("user_id").build())
    assert not got.success()
    assert got.code == 99992360
    assert got.get_log_id()


def test_bad_credentials_are_reported(roster):
    # The SDK caches tenant tokens per app_id for the whole process, so use an app it has not seen.
    other = roster.post("/_roster/v1/tenants", {"name": "Credentials Check"})["data"]
    bad = (lark.Client.builder().app_id(other["app_id"]).app_secret("wrong").domain(roster.base)
           .log_level(lark.LogLevel.CRITICAL).build())
    with pytest.raises(ObtainAccessTokenException) as e:
        bad.contact.v3.user.get(GetUserRequest.builder().user_id("alice").user_id_type("user_id").build())
    assert e.value.code == 10015
