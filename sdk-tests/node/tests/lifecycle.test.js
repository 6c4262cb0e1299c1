// The account lifecycle through the official Node SDK: an app offboards a member with acceptors
// (client.contact.user.delete), the emulator moves Roster's clock some days, and the app restores
// the member (client.contact.user.resurrect); a second restore is refused with Lark's 44033.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const lark = require('@larksuiteoapi/node-sdk');
const { startRoster } = require('./harness');

const DAY = 86400;

// A token cache of its own: tenant tokens cached before the clock moved have expired on Roster's
// clock, and the SDK's default cache is shared by every client of the process.
function freshCache() {
  const values = new Map();
  const key = (k, o) => (o && o.namespace ? `${o.namespace}/${k.toString()}` : k);
  return {
    async get(k, o) {
      const v = values.get(key(k, o));
      return v && (!v.expiredTime || v.expiredTime > Date.now()) ? v.value : undefined;
    },
    async set(k, value, expiredTime, o) {
      values.set(key(k, o), { value, expiredTime });
      return true;
    },
  };
}

test('offboard with acceptors, then resurrect days later', async (t) => {
  const roster = await startRoster('127.0.0.9');
  t.after(() => roster.stop());
  const quiet = { error() {}, warn: console.warn, info() {}, debug() {}, trace() {} };
  const client = () => new lark.Client({
    appId: roster.demo.app_id, appSecret: roster.demo.app_secret, domain: roster.base,
    cache: freshCache(), logger: quiet, loggerLevel: lark.LoggerLevel.warn,
  });
  const before = client();

  const created = await before.contact.user.create({
    params: { user_id_type: 'user_id' },
    data: { name: 'Node Leaver', user_id: 'node-leaver', mobile: '+15558880001', department_ids: ['0'], employee_type: 1 },
  });
  assert.strictEqual(created.code, 0);

  const deleted = await before.contact.user.delete({
    path: { user_id: 'node-leaver' },
    params: { user_id_type: 'user_id' },
    data: {
      department_chat_acceptor_user_id: 'bob',
      docs_acceptor_user_id: 'carol',
      email_acceptor: { processing_type: '1', acceptor_user_id: 'carol' },
    },
  });
  assert.strictEqual(deleted.code, 0);
  const gone = await before.contact.user.get({ path: { user_id: 'node-leaver' }, params: { user_id_type: 'user_id' } });
  assert.strictEqual(gone.data.user.status.is_resigned, true);

  const moved = await roster.post('/_roster/v1/clock/advance', { seconds: 10 * DAY });
  assert.strictEqual(moved.code, 0, JSON.stringify(moved));

  const after = client();
  const restored = await after.contact.user.resurrect({
    path: { user_id: 'node-leaver' },
    params: { user_id_type: 'user_id', department_id_type: 'department_id' },
    data: { departments: [{ department_id: 'sales', user_order: 2 }] },
  });
  assert.strictEqual(restored.code, 0);
  const back = await after.contact.user.get({
    path: { user_id: 'node-leaver' }, params: { user_id_type: 'user_id', department_id_type: 'department_id' },
  });
  assert.strictEqual(back.data.user.status.is_resigned, false);
  assert.deepStrictEqual(back.data.user.department_ids, ['sales']);

  await assert.rejects(
    after.contact.user.resurrect({ path: { user_id: 'node-leaver' }, params: { user_id_type: 'user_id' }, data: {} }),
    (e) => e.response && e.response.status === 400 && e.response.data.code === 44033,
  );
  await assert.rejects(
    after.contact.user.delete({ path: { user_id: 'admin' }, params: { user_id_type: 'user_id' }, data: {} }),
    (e) => e.response && e.response.status === 400 && e.response.data.code === 44037,
  );
});
