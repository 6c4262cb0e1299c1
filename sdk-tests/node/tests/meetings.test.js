// Meetings through the official Node SDK: reserve with a user token, join (emulator), invite,
// a locked meeting refusing an invitation, kick out, set host and end.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const lark = require('@larksuiteoapi/node-sdk');
const { startRoster } = require('./harness');

test('a meeting from reserve to end', async (t) => {
  const roster = await startRoster('127.0.0.4');
  t.after(() => roster.stop());
  // The SDK logs every rejected call at error level; this story expects two, so errors stay quiet.
  const quiet = { error() {}, warn: console.warn, info() {}, debug() {}, trace() {} };
  const client = new lark.Client({ appId: roster.demo.app_id, appSecret: roster.demo.app_secret, domain: roster.base, logger: quiet, loggerLevel: lark.LoggerLevel.warn });
  const as = async (userId) => lark.withUserAccessToken(await roster.userToken(userId));
  const alice = await as('alice');
  const join = (id, userId) => roster.post(`/_roster/v1/meetings/${id}/participants`, { user_id: userId, user_id_type: 'user_id', action: 'join' });
  const user = (id) => ({ id, user_type: 1 });

  const applied = await client.vc.reserve.apply({
    params: { user_id_type: 'user_id' },
    data: { end_time: String(Math.floor(Date.now() / 1000) + 3600), meeting_settings: { topic: 'Node sync' } },
  }, alice);
  assert.strictEqual(applied.code, 0);
  const reserveId = applied.data.reserve.id;
  assert.strictEqual(applied.data.reserve.reserve_user_id, 'alice');

  const started = await join(reserveId, 'alice');
  assert.strictEqual(started.code, 0, JSON.stringify(started));
  const meetingId = started.data.meeting.id;

  const invited = await client.vc.meeting.invite({
    path: { meeting_id: meetingId }, params: { user_id_type: 'user_id' }, data: { invitees: [user('bob'), user('carol')] },
  }, alice);
  assert.deepStrictEqual(invited.data.invite_results.map((r) => r.status), [1, 1]);
  assert.strictEqual((await join(meetingId, 'bob')).code, 0);

  await roster.post(`/_roster/v1/meetings/${meetingId}/lock`, { locked: true });
  await assert.rejects(
    client.vc.meeting.invite({ path: { meeting_id: meetingId }, params: { user_id_type: 'user_id' }, data: { invitees: [user('dan')] } }, alice),
    (e) => e.response && e.response.status === 400 && e.response.data.code === 122008,
  );
  await roster.post(`/_roster/v1/meetings/${meetingId}/lock`, { locked: false });
  assert.strictEqual((await join(meetingId, 'carol')).code, 0);

  const kicked = await client.vc.meeting.kickout({
    path: { meeting_id: meetingId }, params: { user_id_type: 'user_id' }, data: { kickout_users: [user('bob')] },
  });
  assert.deepStrictEqual(kicked.data.kickout_results, [{ id: 'bob', user_type: 1, result: 1 }]);

  const handed = await client.vc.meeting.setHost({
    path: { meeting_id: meetingId }, params: { user_id_type: 'user_id' }, data: { host_user: user('carol'), old_host_user: user('alice') },
  }, alice);
  assert.strictEqual(handed.data.host_user.id, 'carol');

  await assert.rejects(
    client.vc.meeting.end({ path: { meeting_id: meetingId } }, alice),
    (e) => e.response && e.response.status === 403 && e.response.data.code === 121005,
  );
  const ended = await client.vc.meeting.end({ path: { meeting_id: meetingId } }, await as('carol'));
  assert.strictEqual(ended.code, 0);

  const got = await client.vc.meeting.get({ path: { meeting_id: meetingId }, params: { with_participants: true, user_id_type: 'user_id' } });
  assert.strictEqual(got.data.meeting.status, 3);
  assert.strictEqual(got.data.meeting.participants.length, 3);
});
