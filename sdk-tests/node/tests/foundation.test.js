// Foundation through the official Node SDK: tokens, ids in all three types, error codes.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const lark = require('@larksuiteoapi/node-sdk');
const { startRoster } = require('./harness');

test('create and read back in every id type', async (t) => {
  const roster = await startRoster('127.0.0.2');
  t.after(() => roster.stop());
  const client = new lark.Client({ appId: roster.demo.app_id, appSecret: roster.demo.app_secret, domain: roster.base, loggerLevel: lark.LoggerLevel.warn });

  const dept = await client.contact.department.create({
    params: { department_id_type: 'department_id' },
    data: { name: 'Node Team', parent_department_id: '0', department_id: 'node-team' },
  });
  assert.strictEqual(dept.code, 0);

  const created = await client.contact.user.create({
    params: { department_id_type: 'department_id', user_id_type: 'user_id' },
    data: { name: 'Node Person', mobile: '+15557770001', user_id: 'node-person', department_ids: ['node-team'], employee_type: 1 },
  });
  assert.strictEqual(created.code, 0);
  const user = created.data.user;
  for (const [type, value] of [['open_id', user.open_id], ['union_id', user.union_id], ['user_id', 'node-person']]) {
    const got = await client.contact.user.get({ path: { user_id: value }, params: { user_id_type: type, department_id_type: 'department_id' } });
    assert.strictEqual(got.code, 0, type);
    assert.strictEqual(got.data.user.name, 'Node Person');
    assert.deepStrictEqual(got.data.user.department_ids, ['node-team']);
  }

  await assert.rejects(
    client.contact.user.get({ path: { user_id: 'nobody' }, params: { user_id_type: 'user_id' } }),
    (e) => e.response && e.response.data.code === 99992360,
  );
});
