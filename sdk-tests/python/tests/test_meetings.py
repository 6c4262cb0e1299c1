"""Meetings through the official Python SDK: reserve, join, invite, a locked-meeting failure,
kick out, set host and end. User tokens come from the emulator and travel with
enable_set_token(True); people join and the meeting locks through the emulator (Roster has no video)."""

import time

import lark_oapi as lark
from lark_oapi.api.vc.v1 import (ApplyReserveRequest, ApplyReserveRequestBody, EndMeetingRequest,
                                 GetActiveMeetingReserveRequest, GetMeetingRequest, InviteMeetingRequest,
                                 InviteMeetingRequestBody, KickoutMeetingRequest, KickoutMeetingRequestBody,
                                 MeetingUser, ReserveAssignHost, ReserveMeetingSetting, SetHostMeetingRequest,
                                 SetHostMeetingRequestBody)


def as_user(roster, user_id):
    return lark.RequestOption.builder().user_access_token(roster.user_token(user_id)).build()


def lark_user(user_id):
    return MeetingUser.builder().id(user_id).user_type(1).build()


def presence(roster, meeting_or_reserve_id, user_id, action):
    body = {"user_id": user_id, "user_id_type": "user_id", "action": action}
    return roster.post(f"/_roster/v1/meetings/{meeting_or_reserve_id}/participants", body)


def invite(user_client, option, meeting_id, *user_ids):
    req = (InviteMeetingRequest.builder().meeting_id(meeting_id).user_id_type("user_id")
           .request_body(InviteMeetingRequestBody.builder().invitees([lark_user(u) for u in user_ids]).build())
           .build())
    return user_client.vc.v1.meeting.invite(req, option)


def test_a_meeting_from_reserve_to_end(roster, client, user_client):
    alice = as_user(roster, "alice")

    settings = (ReserveMeetingSetting.builder().topic("SDK sync").password("2468")
                .assign_host_list([ReserveAssignHost.builder().user_type(1).id("bob").build()]).build())
    applied = user_client.vc.v1.reserve.apply(
        ApplyReserveRequest.builder().user_id_type("user_id")
        .request_body(ApplyReserveRequestBody.builder().end_time(int(time.time()) + 3600)
                      .meeting_settings(settings).build())
        .build(), alice)
    assert applied.success(), (applied.code, applied.msg)
    reserve = applied.data.reserve
    assert len(reserve.meeting_no) == 9 and reserve.password == "2468"
    assert reserve.reserve_user_id == "alice"

    # Joining the reserve starts its meeting; get_active_meeting then returns it.
    started = presence(roster, reserve.id, "alice", "join")
    assert started["code"] == 0, started
    meeting_id = started["data"]["meeting"]["id"]
    active = user_client.vc.v1.reserve.get_active_meeting(
        GetActiveMeetingReserveRequest.builder().reserve_id(reserve.id).user_id_type("user_id").build(), alice)
    assert active.success(), (active.code, active.msg)
    assert active.data.meeting.id == meeting_id
    assert active.data.meeting.host_user.id == "alice"

    invited = invite(user_client, alice, meeting_id, "bob", "carol")
    assert invited.success(), (invited.code, invited.msg)
    assert [(r.id, r.status) for r in invited.data.invite_results] == [("bob", 1), ("carol", 1)]
    assert presence(roster, meeting_id, "bob", "join")["code"] == 0

    # A locked meeting refuses invitations.
    assert roster.post(f"/_roster/v1/meetings/{meeting_id}/lock", {"locked": True})["code"] == 0
    refused = invite(user_client, alice, meeting_id, "dan")
    assert not refused.success() and refused.code == 122008, (refused.code, refused.msg)
    assert roster.post(f"/_roster/v1/meetings/{meeting_id}/lock", {"locked": False})["code"] == 0
    assert presence(roster, meeting_id, "carol", "join")["code"] == 0

    # The app (tenant token) kicks bob out.
    kicked = client.vc.v1.meeting.kickout(
        KickoutMeetingRequest.builder().meeting_id(meeting_id).user_id_type("user_id")
        .request_body(KickoutMeetingRequestBody.builder().kickout_users([lark_user("bob")]).build()).build())
    assert kicked.success(), (kicked.code, kicked.msg)
    assert [(r.id, r.result) for r in kicked.data.kickout_results] == [("bob", 1)]

    # alice hands the host role to carol, guarded by old_host_user.
    handed = user_client.vc.v1.meeting.set_host(
        SetHostMeetingRequest.builder().meeting_id(meeting_id).user_id_type("user_id")
        .request_body(SetHostMeetingRequestBody.builder().host_user(lark_user("carol"))
                      .old_host_user(lark_user("alice")).build()).build(), alice)
    assert handed.success(), (handed.code, handed.msg)
    assert handed.data.host_user.id == "carol"

    # Only the host ends it.
    end = EndMeetingRequest.builder().meeting_id(meeting_id).build()
    not_host = user_client.vc.v1.meeting.end(end, alice)
    assert not_host.code == 121005, (not_host.code, not_host.msg)
    ended = user_client.vc.v1.meeting.end(end, as_user(roster, "carol"))
    assert ended.success(), (ended.code, ended.msg)

    got = client.vc.v1.meeting.get(
        GetMeetingRequest.builder().meeting_id(meeting_id).with_participants(True).user_id_type("user_id").build())
    assert got.success(), (got.code, got.msg)
    meeting = got.data.meeting
    assert meeting.status == 3 and meeting.topic == "SDK sync"
    assert meeting.host_user.id == "carol"
    statuses = {p.id: p.status for p in meeting.participants}
    assert statuses == {"alice": 4, "bob": 4, "carol": 4}, statuses


def test_meeting_errors_reach_the_sdk_as_codes(roster, client):
    got = client.vc.v1.meeting.get(GetMeetingRequest.builder().meeting_id("7000000000000000001").build())
    assert got.code == 122002 and got.get_log_id(), (got.code, got.msg)
    bad = client.vc.v1.meeting.get(GetMeetingRequest.builder().meeting_id("not-an-id").build())
    assert bad.code == 121003, (bad.code, bad.msg)
