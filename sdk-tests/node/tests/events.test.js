// Events from a live Roster decoded by the official Node SDK: lark.EventDispatcher behind
// lark.adaptDefault (with autoChallenge), encrypted (signature checked over JSON.stringify of the
// body) and plain; and lark.WSClient over the long connection.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const http = require('node:http');
const lark = require('@larksuiteoapi/node-sdk');
const { startRoster } = require('./harness');

const CREATED = 'contact.user.created_v3';

// One Roster for the file: the SDK caches tenant tokens process-wide by app_id.
let roster;
test.before(async () => { roster = await startRoster('127.0.0.5'); });
test.after(() => roster.stop());

async function patchApp(roster, body) {
  const r = await fetch(`${roster.base}/_roster/v1/apps/${roster.demo.app_id}`, {
    method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  return (await r.json()).data;
}

// A receiver exactly as the SDK's README builds one; `raws` keeps each body as it arrived.
function receiver(encryptKey, verificationToken) {
  const got = [];
  const raws = [];
  const waiters = [];
  const dispatcher = new lark.EventDispatcher({ encryptKey, verificationToken, loggerLevel: lark.LoggerLevel.error })
    .register({
      [CREATED]: async (data) => {
        got.push(data);
        while (waiters.length) waiters.shift()();
        return 'ok';
      },
    });
  const handle = lark.adaptDefault('/webhook/event', dispatcher, { autoChallenge: true });
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => { raw += c; });
    req.on('end', () => raws.push(raw));
    handle(req, res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}/webhook/event`,
    got,
    raws,
    async next(n) {
      const deadline = Date.now() + 15000;
      while (got.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} events, got ${got.length}`);
        await new Promise((r) => { waiters.push(r); setTimeout(r, 200); });
      }
      return got[n - 1];
    },
    close: () => server.close(),
  })));
}

function sdkClient(roster) {
  return new lark.Client({ appId: roster.demo.app_id, appSecret: roster.demo.app_secret, domain: roster.base, loggerLevel: lark.LoggerLevel.warn });
}

async function createUser(client, name, mobile) {
  const r = await client.contact.user.create({
    params: { user_id_type: 'user_id' },
    data: { name, mobile, department_ids: ['0'], employee_type: 1 },
  });
  assert.strictEqual(r.code, 0);
  return r.data.user;
}

test('webhook events decode, encrypted and plain', async (t) => {
  const client = sdkClient(roster);
  const { encrypt_key: key, verification_token: token } = roster.demo;

  const sealed = await receiver(key, token);
  t.after(() => sealed.close());
  const sub = await patchApp(roster, { event_url: sealed.url, event_types: [CREATED], encrypt_key: key });
  assert.strictEqual(sub.verified, true);
  const user = await createUser(client, 'Zoë 李 / Node', '+15558000001');
  const ev = await sealed.next(1);
  assert.strictEqual(ev.event_type, CREATED);
  assert.strictEqual(ev.app_id, roster.demo.app_id);
  assert.strictEqual(ev.tenant_key, roster.demo.tenant_key);
  assert.match(ev.event_id, /^[0-9a-f]{32}$/);
  assert.strictEqual(ev.object.name, 'Zoë 李 / Node');
  assert.deepStrictEqual([ev.object.open_id, ev.object.union_id, ev.object.user_id], [user.open_id, user.union_id, user.user_id]);

  const plain = await receiver('', token);
  t.after(() => plain.close());
  const sub2 = await patchApp(roster, { event_url: plain.url, event_types: [CREATED], encrypt_key: '' });
  assert.strictEqual(sub2.verified, true);
  await createUser(client, 'Plain 李 a/b', '+15558000002');
  const ev2 = await plain.next(1);
  assert.strictEqual(ev2.object.name, 'Plain 李 a/b');
  const raw = plain.raws[plain.raws.length - 1];
  assert.strictEqual(JSON.stringify(JSON.parse(raw)), raw, 'Roster writes exactly what JSON.stringify writes');
  await patchApp(roster, { event_url: '', event_types: [], encrypt_key: key });
});

test('WSClient receives events over the long connection', async (t) => {
  await patchApp(roster, { event_url: '', event_types: [CREATED], encrypt_key: roster.demo.encrypt_key });
  const got = [];
  const dispatcher = new lark.EventDispatcher({ loggerLevel: lark.LoggerLevel.error })
    .register({ [CREATED]: async (data) => { got.push(data); } });
  const ws = new lark.WSClient({ appId: roster.demo.app_id, appSecret: roster.demo.app_secret, domain: roster.base, loggerLevel: lark.LoggerLevel.error });
  await new Promise((resolve) => {
    ws.start({ eventDispatcher: dispatcher });
    const poll = setInterval(async () => {
      const tok = await roster.post('/open-apis/auth/v3/tenant_access_token/internal', { app_id: roster.demo.app_id, app_secret: roster.demo.app_secret });
      const r = await fetch(`${roster.base}/open-apis/roster/v1/events/subscription`, { headers: { authorization: `Bearer ${tok.tenant_access_token}` } });
      if ((await r.json()).data.long_connections > 0) { clearInterval(poll); resolve(); }
    }, 200);
  });
  t.after(() => ws.close && ws.close({ force: true }));
  const user = await createUser(sdkClient(roster), 'Socket Sam', '+15558000003');
  const deadline = Date.now() + 15000;
  while (got.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.strictEqual(got.length, 1);
  assert.strictEqual(got[0].object.open_id, user.open_id);
  assert.strictEqual(got[0].object.name, 'Socket Sam');
});
