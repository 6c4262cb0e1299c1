// Group chats through the official Node SDK: a full group story, from creation to dissolution.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const lark = require('@larksuiteoapi/node-sdk');
const { startRoster } = require('./harness');

// The Node SDK rejects non-2xx answers; Lark's business errors are HTTP 400 with a code.
async function code(promise) {
  try {
    return (await promise).code;
  } catch (e) {
    if (e.response && e.response.data) return e.response.data.code;
    throw e;
  }
}

async function roster(base, method, path, token, body) {
  const r = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return r.json();
}

test('a group story', async (t) => {
  const r = await startRoster('127.0.0.3');
  t.after(() => r.stop());
  const client = new lark.Client({ appId: r.demo.app_id, appSecret: r.demo.app_secret, domain: r.base, loggerLevel: lark.LoggerLevel.warn });
  const alice = lark.withUserAccessToken(await r.userToken('alice'));
  const bob = lark.withUserAccessToken(await r.userToken('bob'));
  const aliceToken = await r.userToken('alice');

  const frozen = await client.contact.user.create({
    params: { user_id_type: 'user_id' },
    data: { name: 'Frozen Node', mobile: '+15558880002', user_id: 'frozen-node', department_ids: ['0'], employee_type: 1, is_frozen: true },
  });
  assert.strictEqual(frozen.code, 0);

  const created = await client.im.chat.create({
    params: { user_id_type: 'user_id', set_bot_manager: true },
    data: { name: 'Node Group', owner_id: 'alice', user_id_list: ['bob'] },
  });
  assert.strictEqual(created.code, 0);
  const chatId = created.data.chat_id;
  assert.strictEqual(created.data.owner_id, 'alice');

  const got = await client.im.chat.get({ path: { chat_id: chatId }, params: { user_id_type: 'user_id' } });
  assert.strictEqual(got.data.user_count, '2');
  assert.deepStrictEqual(got.data.bot_manager_id_list, [r.demo.app_id]);

  const add = (ids, succeedType, opt) =>
    client.im.chatMembers.create({
      path: { chat_id: chatId },
      params: { member_id_type: 'user_id', succeed_type: succeedType },
      data: { id_list: ids },
    }, opt);
  assert.strictEqual(await code(add(['carol', 'nobody'], 0)), 99992360);
  const zero = await add(['carol', 'frozen-node'], 0);
  assert.deepStrictEqual(zero.data.invalid_id_list, ['frozen-node']);
  const one = await add(['dan', 'nobody'], 1);
  assert.deepStrictEqual(one.data.not_existed_id_list, ['nobody']);
  assert.strictEqual(await code(add(['admin', 'frozen-node'], 2)), 232043);
  assert.strictEqual((await add(['carol'], 2)).code, 0, 're-adding is idempotent');

  // Members across pages.
  const ids = [];
  let pageToken;
  let pages = 0;
  do {
    const page = await client.im.chatMembers.get({
      path: { chat_id: chatId },
      params: { member_id_type: 'user_id', page_size: 3, ...(pageToken ? { page_token: pageToken } : {}) },
    });
    pages += 1;
    ids.push(...page.data.items.map((m) => m.member_id));
    assert.strictEqual(page.data.member_total, 4);
    pageToken = page.data.has_more ? page.data.page_token : undefined;
  } while (pageToken);
  assert.deepStrictEqual(ids, ['alice', 'bob', 'carol', 'dan']);
  assert.strictEqual(pages, 2);

  // Approval: bob's addition waits until alice approves it through Roster's API.
  await client.im.chat.update({ path: { chat_id: chatId }, data: { membership_approval: 'approval_required' } }, alice);
  const pending = await add(['admin'], 0, bob);
  assert.deepStrictEqual(pending.data.pending_approval_id_list, ['admin']);
  const list = await roster(r.base, 'GET', `/open-apis/roster/v1/chats/${chatId}/join_requests`, aliceToken);
  const requestId = list.data.items[0].request_id;
  const approved = await roster(r.base, 'POST', `/open-apis/roster/v1/chats/${chatId}/join_requests/${requestId}/approve`, aliceToken);
  assert.strictEqual(approved.data.join_request.status, 'approved');

  // Ownership moves to bob; bob manages managers.
  const moved = await client.im.chat.update({ path: { chat_id: chatId }, params: { user_id_type: 'user_id' }, data: { owner_id: 'bob' } }, alice);
  assert.strictEqual(moved.code, 0);
  const managers = await client.im.chatManagers.addManagers({
    path: { chat_id: chatId }, params: { member_id_type: 'user_id' }, data: { manager_ids: ['carol'] },
  }, bob);
  assert.deepStrictEqual(managers.data.chat_managers, ['carol']);
  assert.strictEqual(await code(client.im.chatManagers.addManagers({
    path: { chat_id: chatId }, params: { member_id_type: 'user_id' }, data: { manager_ids: ['dan'] },
  }, alice)), 232038);
  const fewer = await client.im.chatManagers.deleteManagers({
    path: { chat_id: chatId }, params: { member_id_type: 'user_id' }, data: { manager_ids: ['carol'] },
  }, bob);
  assert.deepStrictEqual(fewer.data.chat_managers, []);

  const inside = await client.im.chatMembers.isInChat({ path: { chat_id: chatId } }, alice);
  assert.strictEqual(inside.data.is_in_chat, true);

  // Only the owner dissolves it.
  assert.strictEqual(await code(client.im.chat.delete({ path: { chat_id: chatId } }, alice)), 232017);
  assert.strictEqual((await client.im.chat.delete({ path: { chat_id: chatId } }, bob)).code, 0);
  assert.strictEqual(await code(client.im.chat.get({ path: { chat_id: chatId } })), 232009);
});
