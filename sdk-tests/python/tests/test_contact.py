"""Contact users through the official Python SDK, unchanged, with only the domain pointed at
Roster: a department and its users, read back by all three id types, batch reads, paging through
the department with find_by_department, patch, put, update_user_id and batch_get_id."""

from lark_oapi.api.contact.v3 import (
    BatchGetIdUserRequest, BatchGetIdUserRequestBody, BatchUserRequest, CreateDepartmentRequest,
    CreateUserRequest, Department, FindByDepartmentUserRequest, GetUserRequest, PatchUserRequest,
    UpdateUserIdUserRequest, UpdateUserIdUserRequestBody, UpdateUserRequest, User)

DEPT = "py-contact"
COUNT = 7


def ok(resp):
    assert resp.success(), (resp.code, resp.msg)
    return getattr(resp, "data", None)


def get(client, value, id_type):
    return client.contact.v3.user.get(
        GetUserRequest.builder().user_id(value).user_id_type(id_type).department_id_type("department_id").build())


def test_a_department_of_users_read_paged_and_patched(client):
    ok(client.contact.v3.department.create(
        CreateDepartmentRequest.builder().department_id_type("department_id")
        .request_body(Department.builder().name("Py Contact").parent_department_id("0").department_id(DEPT).build())
        .build()))
    made = []
    for i in range(COUNT):
        data = ok(client.contact.v3.user.create(
            CreateUserRequest.builder().department_id_type("department_id").user_id_type("user_id")
            .request_body(User.builder().name(f"Py {i}").mobile(f"+1555777{i:04d}").user_id(f"py-{i}")
                          .email(f"py{i}@demo.roster.local").department_ids([DEPT]).employee_type(1).build())
            .build()))
        made.append(data.user)

    # Every user by each of its three ids.
    for u in made:
        for id_type, value in [("open_id", u.open_id), ("union_id", u.union_id), ("user_id", u.user_id)]:
            got = ok(get(client, value, id_type)).user
            assert (got.open_id, got.user_id, got.department_ids) == (u.open_id, u.user_id, [DEPT]), id_type

    # Batch get: user_ids sent as repeated keys, answered in request order.
    wanted = [made[3].open_id, made[0].open_id, made[5].open_id]
    items = ok(client.contact.v3.user.batch(
        BatchUserRequest.builder().user_ids(wanted).user_id_type("open_id").department_id_type("department_id")
        .build())).items
    assert [u.open_id for u in items] == wanted
    assert [u.name for u in items] == ["Py 3", "Py 0", "Py 5"]
    bad = client.contact.v3.user.batch(BatchUserRequest.builder().user_ids(["py-0", "ghost"]).user_id_type("user_id").build())
    assert (bad.success(), bad.code) == (False, 99992360)

    # Paging through the department, three at a time.
    seen, token, pages = [], None, 0
    while True:
        builder = (FindByDepartmentUserRequest.builder().department_id(DEPT).department_id_type("department_id")
                   .user_id_type("user_id").page_size(3))
        if token:
            builder = builder.page_token(token)
        page = ok(client.contact.v3.user.find_by_department(builder.build()))
        pages += 1
        seen += [u.user_id for u in page.items]
        if not page.has_more:
            assert page.page_token is None
            break
        token = page.page_token
    assert seen == [f"py-{i}" for i in range(COUNT)]
    assert pages == 3

    # Patch: only what is sent changes; freezing shows in the status.
    patched = ok(client.contact.v3.user.patch(
        PatchUserRequest.builder().user_id("py-1").user_id_type("user_id").department_id_type("department_id")
        .request_body(User.builder().city("Lisbon").job_title("Navigator").is_frozen(True).build()).build())).user
    assert (patched.city, patched.job_title, patched.name) == ("Lisbon", "Navigator", "Py 1")
    assert patched.status.is_frozen is True
    again = ok(get(client, "py-1", "user_id")).user
    assert (again.city, again.status.is_frozen) == ("Lisbon", True)

    # Put replaces the whole user.
    replaced = ok(client.contact.v3.user.update(
        UpdateUserRequest.builder().user_id(made[2].open_id).department_id_type("department_id")
        .request_body(User.builder().name("Py Two").mobile("+15557770002").department_ids(["0"]).employee_type(2)
                      .build()).build())).user
    assert (replaced.name, replaced.department_ids, replaced.employee_type) == ("Py Two", ["0"], 2)
    assert replaced.email is None

    # A new user_id; the open_id stays.
    ok(client.contact.v3.user.update_user_id(
        UpdateUserIdUserRequest.builder().user_id("py-4").user_id_type("user_id")
        .request_body(UpdateUserIdUserRequestBody.builder().new_user_id("py-four").build()).build()))
    assert ok(get(client, "py-four", "user_id")).user.open_id == made[4].open_id

    # Ids by email and mobile.
    found = ok(client.contact.v3.user.batch_get_id(
        BatchGetIdUserRequest.builder().user_id_type("user_id")
        .request_body(BatchGetIdUserRequestBody.builder().emails(["py5@demo.roster.local", "nobody@x.io"])
                      .mobiles(["+15557770006"]).include_resigned(True).build()).build())).user_list
    assert [(e.email, e.mobile, e.user_id) for e in found] == [
        ("py5@demo.roster.local", None, "py-5"), ("nobody@x.io", None, None), (None, "+15557770006", "py-6")]
    assert found[0].status.is_activated is True
