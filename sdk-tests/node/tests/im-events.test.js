// im.chat.member.user.added_v1 produced through the real chat API and decoded by lark.EventDispatcher
// behind lark.adaptDefault, encrypted (signature checked) and plain.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const http = require('node:http');
const lark = require('@larksuiteoapi/node-sdk');
const { startRoster } = require('./harness');

const ADDED = 'im.chat.member.user.added_v1';
let roster;
test.before(async () => { roster = await startRoster('127.0.0.10'); });
test.after(() => roster.stop());

async function patchApp(body) {
  const r = await fetch(`${roster.base}/_roster/v1/apps/${roster.demo.app_id}`, {
    method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  return (await r.json()).data;
}

function receiver(encryptKey) {
  const got = [];
  const dispatcher = new lark.EventDispatcher({ encryptKey, verificationToken: roster.demo.verification_token, loggerLevel: lark.LoggerLevel.error })
    .register({ [ADDED]: async (data) => { got.push(data); } });
  const server = http.createServer(lark.adaptDefault('/webhook/event', dispatcher, { autoChallenge: true }));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}/webhook/event`, got, close: () => server.close(),
  })));
}

async function chatWithBob(client) {
  const chat = await client.im.chat.create({ params: { user_id_type: 'user_id' }, data: { name: 'Node 事件' } });
  assert.strictEqual(chat.code, 0);
  const added = await client.im.chatMembers.create({
    path: { chat_id: chat.data.chat_id }, params: { member_id_type: 'user_id' }, data: { id_list: ['bob'] },
  });
  assert.strictEqual(added.code, 0);
  return chat.data.chat_id;
}

for (const encrypted of [true, false]) {
  test(`member added, ${encrypted ? 'encrypted' : 'plain'}`, async (t) => {
    const key = encrypted ? roster.demo.encrypt_key : '';
    const rx = await receiver(key);
    t.after(() => rx.close());
    assert.strictEqual((await patchApp({ event_url: rx.url, event_types: [ADDED], encrypt_key: key })).verified, true);
    const client = new lark.Client({ appId: roster.demo.app_id, appSecret: roster.demo.app_secret, domain: roster.base, loggerLevel: lark.LoggerLevel.warn });
    const chatId = await chatWithBob(client);
    const deadline = Date.now() + 15000;
    while (rx.got.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.strictEqual(rx.got.length, 1);
    const ev = rx.got[0];
    assert.strictEqual(ev.event_type, ADDED);
    assert.strictEqual(ev.chat_id, chatId);
    assert.strictEqual(ev.users[0].user_id.user_id, 'bob');
    assert.match(ev.users[0].user_id.open_id, /^ou_/);
    assert.strictEqual(ev.operator_tenant_key, roster.demo.tenant_key);
  });
}
