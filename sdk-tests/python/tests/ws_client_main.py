"""Runs the official lark.ws.Client against Roster and prints each event it decodes as one JSON
line (used by test_events.py; start() blocks forever, so it runs in its own process)."""

import json
import os
import sys

import lark_oapi as lark


def on_user_created(data: lark.contact.v3.P2ContactUserCreatedV3):
    print("EVENT " + json.dumps({"type": data.header.event_type, "event_id": data.header.event_id,
                      "name": data.event.object.name, "open_id": data.event.object.open_id,
                      "union_id": data.event.object.union_id, "user_id": data.event.object.user_id}), flush=True)


def on_member_added(data: lark.im.v1.P2ImChatMemberUserAddedV1):
    print("EVENT " + json.dumps({"type": data.header.event_type, "event_id": data.header.event_id,
                      "chat_id": data.event.chat_id,
                      "users": [u.user_id.open_id for u in data.event.users]}), flush=True)


handler = (lark.EventDispatcherHandler.builder(os.environ["ENCRYPT_KEY"], os.environ["VERIFICATION_TOKEN"])
           .register_p2_contact_user_created_v3(on_user_created)
           .register_p2_im_chat_member_user_added_v1(on_member_added)
           .build())
client = lark.ws.Client(os.environ["APP_ID"], os.environ["APP_SECRET"], event_handler=handler,
                        domain=os.environ["ROSTER_BASE"], log_level=lark.LogLevel.WARNING)
sys.stderr.write("starting\n")
client.start()
