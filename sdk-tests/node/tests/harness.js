// Starts a live Roster for the official Node SDK. The Node SDK cannot take a port in its domain
// (fillApiPath treats ":8080" as a path parameter), so each test file listens on port 80 of its
// own loopback address (127.0.0.N). ROSTER_BIN names the binary (scripts/test sets it).
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

const REPO = path.resolve(__dirname, '..', '..', '..');
const ROSTER_BIN = process.env.ROSTER_BIN || path.join(REPO, 'target', 'debug', 'roster');

async function startRoster(ip, extra = []) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-node-'));
  const proc = spawn(ROSTER_BIN, ['serve', '--demo', '--listen', `${ip}:80`, '--data-dir', dataDir, '--log', 'warn', ...extra], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: proc.stdout });
  const base = await new Promise((resolve, reject) => {
    proc.on('exit', (code) => reject(new Error(`roster exited (${code}) before listening`)));
    lines.on('line', (line) => {
      const i = line.indexOf('listening on ');
      if (i >= 0) resolve(line.slice(i + 'listening on '.length).trim().replace(/:80$/, ''));
    });
  });
  const demo = (await (await fetch(`${base}/_roster/v1/demo`)).json()).data;
  return {
    base,
    demo,
    async post(p, body) {
      const r = await fetch(base + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return r.json();
    },
    async userToken(userId, userIdType = 'user_id') {
      const r = await this.post('/_roster/v1/user_access_token', { app_id: demo.app_id, user_id: userId, user_id_type: userIdType });
      return r.data.access_token;
    },
    stop() {
      proc.kill('SIGTERM');
    },
  };
}

module.exports = { startRoster };
