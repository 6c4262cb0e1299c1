// Contact departments through the official Node SDK, unchanged: build a small tree, list it
// recursively page by page (the SDK's own iterator), walk up from a leaf, patch, give a new
// custom id, and delete a leaf; refusals come back as axios errors with Lark's codes.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const lark = require('@larksuiteoapi/node-sdk');
const { startRoster } = require('./harness');

const IDS = { department_id_type: 'department_id', user_id_type: 'user_id' };

test('a department tree through the SDK', async (t) => {
  const roster = await startRoster('127.0.0.11');
  t.after(() => roster.stop());
  const client = new lark.Client({ appId: roster.demo.app_id, appSecret: roster.demo.app_secret, domain: roster.base, loggerLevel: lark.LoggerLevel.error });
  const dept = client.contact.department;

  const make = async (id, parent, extra = {}) => {
    const r = await dept.create({ params: { ...IDS, client_token: `node-${id}` }, data: { name: `Node ${id}`, department_id: id, parent_department_id: parent, ...extra } });
    assert.strictEqual(r.code, 0, JSON.stringify(r));
    return r.data.department;
  };
  const top = await make('n-top', '0', { leader_user_id: 'alice', order: '5' });
  assert.strictEqual(top.leader_user_id, 'alice');
  assert.ok(top.open_department_id.startsWith('od-'));
  await make('n-a', 'n-top');
  await make('n-b', 'n-top');
  await make('n-a1', 'n-a');
  const again = await make('n-a1', 'n-a');
  assert.strictEqual(again.department_id, 'n-a1', 'the same client_token answers the same department');

  const seen = [];
  let pages = 0;
  for await (const page of await dept.childrenWithIterator({ path: { department_id: 'n-top' }, params: { ...IDS, fetch_child: true, page_size: 1 } })) {
    assert.ok(page, 'no failed page');
    pages += 1;
    for (const d of page.items || []) seen.push(d.department_id);
  }
  assert.deepStrictEqual(seen, ['n-a', 'n-a1', 'n-b']);
  assert.strictEqual(pages, 3);
  const direct = await dept.children({ path: { department_id: 'n-top' }, params: { ...IDS, page_size: 50 } });
  assert.deepStrictEqual(direct.data.items.map((d) => d.department_id), ['n-a', 'n-b']);
  assert.strictEqual(direct.data.has_more, false);

  const parents = await dept.parent({ params: { ...IDS, department_id: 'n-a1' } });
  assert.deepStrictEqual(parents.data.items.map((d) => d.department_id), ['n-a', 'n-top']);

  const patched = await dept.patch({ path: { department_id: 'n-b' }, params: IDS, data: { name: 'Node B', parent_department_id: 'n-a' } });
  assert.strictEqual(patched.data.department.parent_department_id, 'n-a');
  const moved = await dept.batch({ params: { ...IDS, department_ids: ['n-b', 'n-top'] } });
  assert.deepStrictEqual(moved.data.items.map((d) => d.name), ['Node B', 'Node n-top']);

  const renamed = await dept.updateDepartmentId({ path: { department_id: 'n-a1' }, params: { department_id_type: 'department_id' }, data: { new_department_id: 'n-leaf' } });
  assert.strictEqual(renamed.code, 0);
  const leaf = await dept.get({ path: { department_id: 'n-leaf' }, params: IDS });
  assert.strictEqual(leaf.data.department.name, 'Node n-a1');

  await assert.rejects(
    dept.delete({ path: { department_id: 'n-a' }, params: { department_id_type: 'department_id' } }),
    (e) => e.response && e.response.status === 400 && e.response.data.code === 43012,
  );
  await assert.rejects(
    dept.patch({ path: { department_id: 'n-top' }, params: IDS, data: { parent_department_id: 'n-leaf' } }),
    (e) => e.response && e.response.data.code === 43017,
  );
  const gone = await dept.delete({ path: { department_id: 'n-leaf' }, params: { department_id_type: 'department_id' } });
  assert.strictEqual(gone.code, 0);
  await assert.rejects(
    dept.get({ path: { department_id: 'n-leaf' }, params: IDS }),
    (e) => e.response && e.response.data.code === 99992380,
  );
});
