// Organization invitations through the official Node SDK's generic request (Roster's own API,
// same envelope and tenant token), then the new member through the SDK's contact API.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const lark = require('@larksuiteoapi/node-sdk');
const { startRoster } = require('./harness');

test('an invitation link, redeemed, makes a member the contact API sees', async (t) => {
  const roster = await startRoster('127.0.0.6');
  t.after(() => roster.stop());
  const client = new lark.Client({ appId: roster.demo.app_id, appSecret: roster.demo.app_secret, domain: roster.base, loggerLevel: lark.LoggerLevel.warn });

  const created = await client.request({ method: 'POST', url: '/open-apis/roster/v1/org/invitations', data: { expiry: '30d', max_uses: 2 } });
  assert.strictEqual(created.code, 0);
  const { code, link } = created.data.invitation;
  assert.ok(link.endsWith(`/join/${code}`), link);

  const redeem = await fetch(`${roster.base}/open-apis/roster/v1/invitations/${code}/redeem`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Node Joiner', email: 'joiner@node.example', password: 'a good password', via: 'link' }),
  });
  const joined = await redeem.json();
  assert.strictEqual(joined.code, 0, JSON.stringify(joined));
  assert.strictEqual(joined.data.member_status, 'inactive');

  const audit = await client.request({ method: 'GET', url: '/open-apis/roster/v1/org/audit', params: { action: 'join', user_id_type: 'user_id' } });
  const userId = audit.data.items[0].member.id;
  const got = await client.contact.user.get({ path: { user_id: userId }, params: { user_id_type: 'user_id' } });
  assert.strictEqual(got.data.user.name, 'Node Joiner');
  assert.strictEqual(got.data.user.status.is_activated, false);

  await assert.rejects(
    client.request({ method: 'GET', url: '/open-apis/roster/v1/org/invitations/999999' }),
    (e) => e.response && e.response.status === 404 && e.response.data.code === 1901006,
  );
});
