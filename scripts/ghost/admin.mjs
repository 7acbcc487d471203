// Ghost Admin API client for the test harness (scripts/ghost/setup.mjs and control.mjs): plain Node 20, no
// npm packages. Two ways in, as Ghost has them:
//   - an Admin API key ("id:secret" of a custom integration): a short-lived HS256 JWT per request, what the
//     tests' own writes use;
//   - the owner's session cookie: only for what an integration may not do (inviting and editing staff users).
import crypto from 'node:crypto';
import fs from 'node:fs';

const b64url = (buf) => Buffer.from(buf).toString('base64url');

// Ghost's Admin JWT: header kid = the key's id; payload {iat, exp, aud: "/admin/"}; signed with the secret
// hex-decoded (not the hex text). Ghost refuses tokens that live longer than 5 minutes.
export function adminToken(key) {
  const [id, secret] = key.split(':');
  if (!id || !/^[0-9a-f]+$/i.test(secret || '')) throw new Error('an Admin API key is "id:secret" (hex)');
  const iat = Math.floor(Date.now() / 1000);
  const head = b64url(JSON.stringify({alg: 'HS256', typ: 'JWT', kid: id}));
  const body = b64url(JSON.stringify({iat, exp: iat + 300, aud: '/admin/'}));
  const sig = crypto.createHmac('sha256', Buffer.from(secret, 'hex')).update(`${head}.${body}`).digest();
  return `${head}.${body}.${b64url(sig)}`;
}

// Reads STATE_DIR/env (written by start.sh with printf %q: plain values are bare, others $'…' or '…'
// quoted). The harness only ever writes URLs, hex keys, numbers and paths, so only the simple forms are
// undone here; anything else is refused rather than misread.
export function readEnv(stateDir) {
  const env = {};
  for (const line of fs.readFileSync(`${stateDir}/env`, 'utf8').split('\n')) {
    const m = line.match(/^([A-Z_]+)=(.*)$/);
    if (!m) continue;
    let v = m[2];
    if (/^'[^']*'$/.test(v)) v = v.slice(1, -1);
    else if (/[\s'"$`\\]/.test(v)) throw new Error(`cannot read ${m[1]} from ${stateDir}/env: ${v}`);
    env[m[1]] = v;
  }
  return env;
}

export class Admin {
  constructor(url, {key, cookie} = {}) {
    this.url = url.replace(/\/$/, '');
    this.key = key;
    this.cookie = cookie;
  }

  // request('POST', 'posts/?source=html', {posts: [...]}) → the decoded JSON answer; throws on non-2xx with
  // Ghost's error message. body may be a FormData (uploads).
  async request(method, path, body) {
    const headers = {'Accept-Version': 'v5.130', Origin: this.url};
    if (this.cookie) headers.Cookie = this.cookie;
    else headers.Authorization = `Ghost ${adminToken(this.key)}`;
    let payload;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${this.url}/ghost/api/admin/${path}`, {method, headers, body: payload});
    const text = await res.text();
    if (!res.ok) {
      let msg = text.slice(0, 500);
      try {
        const e = JSON.parse(text).errors[0];
        msg = [e.message, e.context, e.property].filter(Boolean).join(': ');
      } catch {}
      const err = new Error(`${method} ${path} answered ${res.status}: ${msg}`);
      err.status = res.status;
      throw err;
    }
    return text ? JSON.parse(text) : {};
  }

  // The owner's session (Ghost 5's staff sign-in; device verification is off in start.sh's config).
  static async signIn(url, email, password) {
    const res = await fetch(`${url}/ghost/api/admin/session/`, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', Origin: url},
      body: JSON.stringify({username: email, password}),
    });
    if (!res.ok) throw new Error(`sign-in as ${email} answered ${res.status}: ${await res.text()}`);
    const cookie = (res.headers.getSetCookie?.() || [res.headers.get('set-cookie')])
      .filter(Boolean).map((c) => c.split(';')[0]).join('; ');
    const admin = new Admin(url, {cookie});
    // express-session sends the answer before its store has saved the new session, so a request right
    // after can find no session (403). Wait until the session is there.
    for (let i = 0; ; i++) {
      try {
        await admin.request('GET', 'users/me/');
        return admin;
      } catch (err) {
        if (err.status !== 403 || i === 100) throw err;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  }
}
