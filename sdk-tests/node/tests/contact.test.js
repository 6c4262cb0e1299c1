// Contact users through the official Node SDK, unchanged: a department and its users read back by
// all three id types, batch get (repeated user_ids keys), paging with findByDepartment (by hand
// and with the SDK's own iterator), patch, batchGetId and updateUserId.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const lark = require('@larksuiteoapi/node-sdk');
const { startRoster } = require('./harness');

const DEPT = 'node-contact';
const COUNT = 7;

test('a department of users: read back, batch, paged and patched', async (t) => {
  const roster = await startRoster('127.0.0.7');
  t.after(() => roster.stop());
  const client = new lark.Client({ appId: roster.demo.app_id, appSecret: roster.demo.app_secret, domain: roster.base, loggerLevel: lark.LoggerLevel.warn });

  const dept = await client.contact.department.create({
    params: { department_id_type: 'department_id' },
    data: { name: 'Node Contact', parent_department_id: '0', department_id: DEPT },
  });
  assert.strictEqual(dept.code, 0);

  const made = [];
  for (let i = 0; i < COUNT; i++) {
    const r = await client.contact.user.create({
      params: { department_id_type: 'department_id', user_id_type: 'user_id' },
      data: { name: `Node ${i}`, mobile: `+1555888${String(i).padStart(4, '0')}`, email: `node${i}@demo.roster.local`,
              user_id: `node-${i}`, department_ids: [DEPT], employee_type: 1 },
    });
    assert.strictEqual(r.code, 0);
    made.push(r.data.user);
  }

  for (const u of made) {
    for (const [type, value] of [['open_id', u.open_id], ['union_id', u.union_id], ['user_id', u.user_id]]) {
      const got = await client.contact.user.get({ path: { user_id: value }, params: { user_id_type: type, department_id_type: 'department_id' } });
      assert.strictEqual(got.code, 0, type);
      assert.deepStrictEqual([got.data.user.open_id, got.data.user.user_id, got.data.user.department_ids], [u.open_id, u.user_id, [DEPT]]);
    }
  }

  // Batch get: the SDK sends user_ids as repeated keys.
  const wanted = [made[4].union_id, made[1].union_id];
  const batch = await client.contact.user.batch({ params: { user_ids: wanted, user_id_type: 'union_id' } });
  assert.strictEqual(batch.code, 0);
  assert.deepStrictEqual(batch.data.items.map((u) => u.union_id), wanted);
  assert.deepStrictEqual(batch.data.items.map((u) => u.name), ['Node 4', 'Node 1']);
  await assert.rejects(
    client.contact.user.batch({ params: { user_ids: ['node-0', 'ghost'], user_id_type: 'user_id' } }),
    (e) => e.response && e.response.status === 400 && e.response.data.code === 99992360,
  );

  // Paging by hand, three at a time...
  const params = { department_id: DEPT, department_id_type: 'department_id', user_id_type: 'user_id', page_size: 3 };
  const seen = [];
  let pageToken;
  let pages = 0;
  for (;;) {
    const page = await client.contact.user.findByDepartment({ params: { ...params, page_token: pageToken } });
    assert.strictEqual(page.code, 0);
    pages += 1;
    seen.push(...page.data.items.map((u) => u.user_id));
    if (!page.data.has_more) {
      assert.strictEqual(page.data.page_token, undefined);
      break;
    }
    pageToken = page.data.page_token;
  }
  assert.strictEqual(pages, 3);
  assert.deepStrictEqual(seen, made.map((u) => u.user_id));
  // ...and with the SDK's iterator.
  const iterated = [];
  for await (const chunk of await client.contact.user.findByDepartmentWithIterator({ params })) {
    iterated.push(...(chunk.items || []).map((u) => u.user_id));
  }
  assert.deepStrictEqual(iterated, seen);

  // Patch: what is sent changes, the rest stays.
  const patched = await client.contact.user.patch({
    path: { user_id: made[2].open_id },
    params: { department_id_type: 'department_id' },
    data: { city: 'Porto', en_name: 'Two', is_frozen: true },
  });
  assert.strictEqual(patched.code, 0);
  const p = patched.data.user;
  assert.deepStrictEqual([p.city, p.en_name, p.name, p.status.is_frozen, p.department_ids], ['Porto', 'Two', 'Node 2', true, [DEPT]]);
  const again = await client.contact.user.get({ path: { user_id: 'node-2' }, params: { user_id_type: 'user_id' } });
  assert.strictEqual(again.data.user.city, 'Porto');

  // Ids by email and mobile.
  const ids = await client.contact.user.batchGetId({
    params: { user_id_type: 'user_id' },
    data: { emails: ['node3@demo.roster.local', 'nobody@x.io'], mobiles: ['+15558880005'] },
  });
  assert.strictEqual(ids.code, 0);
  assert.deepStrictEqual(ids.data.user_list.map((e) => [e.email, e.mobile, e.user_id]),
    [['node3@demo.roster.local', undefined, 'node-3'], ['nobody@x.io', undefined, undefined], [undefined, '+15558880005', 'node-5']]);

  // A new user_id keeps the open_id.
  const renamed = await client.contact.user.updateUserId({
    path: { user_id: 'node-6' }, params: { user_id_type: 'user_id' }, data: { new_user_id: 'node-six' },
  });
  assert.strictEqual(renamed.code, 0);
  const six = await client.contact.user.get({ path: { user_id: 'node-six' }, params: { user_id_type: 'user_id' } });
  assert.strictEqual(six.data.user.open_id, made[6].open_id);
});
