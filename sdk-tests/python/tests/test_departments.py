"""Contact departments through the official Python SDK, unchanged: build a small tree, list it
recursively page by page, walk up from a leaf, patch (move and lead), give a new custom id,
delete a leaf, and read Lark's codes back from refusals."""

from lark_oapi.api.contact.v3 import (BatchDepartmentRequest, ChildrenDepartmentRequest, CreateDepartmentRequest,
                                      DeleteDepartmentRequest, Department, DepartmentLeader, GetDepartmentRequest,
                                      ParentDepartmentRequest, PatchDepartmentRequest,
                                      UpdateDepartmentIdDepartmentRequest,
                                      UpdateDepartmentIdDepartmentRequestBody)


def make(client, dept_id, parent, **fields):
    body = Department.builder().name(f"Py {dept_id}").department_id(dept_id).parent_department_id(parent)
    for k, v in fields.items():
        body = getattr(body, k)(v)
    r = client.contact.v3.department.create(
        CreateDepartmentRequest.builder().department_id_type("department_id").user_id_type("user_id")
        .client_token(f"py-{dept_id}").request_body(body.build()).build())
    assert r.success(), (dept_id, r.code, r.msg)
    return r.data.department


def children(client, dept_id, fetch_child, page_size):
    """Every department `children` lists, following page tokens; also the number of pages."""
    out, token, pages = [], None, 0
    while True:
        req = (ChildrenDepartmentRequest.builder().department_id(dept_id).department_id_type("department_id")
               .user_id_type("user_id").fetch_child(fetch_child).page_size(page_size))
        if token:
            req = req.page_token(token)
        r = client.contact.v3.department.children(req.build())
        assert r.success(), (r.code, r.msg)
        pages += 1
        out += [d.department_id for d in r.data.items or []]
        if not r.data.has_more:
            assert r.data.page_token is None
            return out, pages
        token = r.data.page_token


def test_a_department_tree(client):
    top = make(client, "py-top", "0", leader_user_id="alice", order=7)
    assert top.leader_user_id == "alice" and top.order == "7"
    assert top.open_department_id.startswith("od-")
    make(client, "py-a", "py-top")
    make(client, "py-b", "py-top")
    make(client, "py-a1", "py-a")
    assert make(client, "py-a1", "py-a").department_id == "py-a1", "the same client_token answers again"

    assert children(client, "py-top", True, 1) == (["py-a", "py-a1", "py-b"], 3)
    assert children(client, "py-top", False, 10) == (["py-a", "py-b"], 1)

    up = client.contact.v3.department.parent(
        ParentDepartmentRequest.builder().department_id("py-a1").department_id_type("department_id").build())
    assert up.success(), (up.code, up.msg)
    assert [d.department_id for d in up.data.items] == ["py-a", "py-top"]

    leaders = [DepartmentLeader.builder().leader_type(1).leader_id("bob").build()]
    moved = client.contact.v3.department.patch(
        PatchDepartmentRequest.builder().department_id("py-b").department_id_type("department_id").user_id_type("user_id")
        .request_body(Department.builder().name("Py B").parent_department_id("py-a").leaders(leaders).build()).build())
    assert moved.success(), (moved.code, moved.msg)
    assert moved.data.department.parent_department_id == "py-a"
    assert moved.data.department.leader_user_id == "bob", "leaders[main] is the leader"

    both = client.contact.v3.department.batch(
        BatchDepartmentRequest.builder().department_ids(["py-b", "py-top"]).department_id_type("department_id").build())
    assert [d.name for d in both.data.items] == ["Py B", "Py py-top"]
    assert both.data.items[1].member_count == 0

    renamed = client.contact.v3.department.update_department_id(
        UpdateDepartmentIdDepartmentRequest.builder().department_id("py-a1").department_id_type("department_id")
        .request_body(UpdateDepartmentIdDepartmentRequestBody.builder().new_department_id("py-leaf").build()).build())
    assert renamed.success(), (renamed.code, renamed.msg)
    leaf = client.contact.v3.department.get(
        GetDepartmentRequest.builder().department_id("py-leaf").department_id_type("department_id").build())
    assert leaf.data.department.name == "Py py-a1"

    not_empty = client.contact.v3.department.delete(
        DeleteDepartmentRequest.builder().department_id("py-a").department_id_type("department_id").build())
    assert (not_empty.success(), not_empty.code) == (False, 43012)
    cycle = client.contact.v3.department.patch(
        PatchDepartmentRequest.builder().department_id("py-top").department_id_type("department_id")
        .request_body(Department.builder().parent_department_id("py-leaf").build()).build())
    assert cycle.code == 43017, cycle.msg
    gone = client.contact.v3.department.delete(
        DeleteDepartmentRequest.builder().department_id("py-leaf").department_id_type("department_id").build())
    assert gone.success(), (gone.code, gone.msg)
    again = client.contact.v3.department.get(
        GetDepartmentRequest.builder().department_id("py-leaf").department_id_type("department_id").build())
    assert again.code == 99992380
    assert children(client, "py-a", True, 50) == (["py-b"], 1)
