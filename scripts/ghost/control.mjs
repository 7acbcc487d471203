// Changes a test Ghost (scripts/ghost/start.sh) the way an editor in Ghost Admin would, over the Admin API
// with the run's integration key, for the Ghost content-source tests. Plain Node 20, no npm packages.
//
// Usage: node scripts/ghost/control.mjs STATE_DIR ACTION ARGS...
//   edit NAME "New title"               retitles a post or page (updated_at becomes now)
//   unpublish NAME                      back to draft
//   delete NAME                         deleted (Ghost has no trash)
//   publish-scheduled NAME              what Ghost's scheduler does when the time comes, now: published, dated now
//   rename-tag SLUG "New name"          a tag renamed (its slug kept)
//   webhook EVENT TARGET_URL SECRET     a webhook of the run's integration (post.published, post.edited,
//                                       post.unpublished, post.deleted, …): Ghost POSTs to TARGET_URL with
//                                       X-Ghost-Signature: sha256=HMAC(SECRET, body + t), t=<unix ms>
//   preview NAME                        a (draft) post as the Admin API has it, html and lexical included
// NAME is a fixture's name in STATE_DIR/fixtures.json (posts: cards, arts, transport, politics, members, paid,
// draft, scheduled; pages: about) or a post's id.
// Output: one line of JSON, {"ok":true,"action":...,...}; on failure {"ok":false,"error":...} and exit status 1.
import fs from 'node:fs';
import {Admin, readEnv} from './admin.mjs';

function out(result, code = 0) {
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(code);
}
const fail = (message) => out({ok: false, error: message}, 1);

const [stateDir, action, ...args] = process.argv.slice(2);
if (!stateDir || !action) {
  console.error('usage: node scripts/ghost/control.mjs STATE_DIR ACTION ARGS...');
  process.exit(2);
}

// A post (or page) fixture by name, or a post by id: [kind, id].
function target(fixtures, name) {
  if (fixtures.posts?.[name]) return ['posts', fixtures.posts[name].id];
  if (fixtures.pages?.[name]) return ['pages', fixtures.pages[name].id];
  if (/^[0-9a-f]{24}$/.test(name || '')) return ['posts', name];
  fail(`no post or page named ${JSON.stringify(name)} in ${stateDir}/fixtures.json`);
}
const state = (p) => ({id: p.id, uuid: p.uuid, slug: p.slug, title: p.title, status: p.status,
  visibility: p.visibility, published_at: p.published_at, updated_at: p.updated_at});

async function main() {
  const env = readEnv(stateDir);
  const fixtures = JSON.parse(fs.readFileSync(`${stateDir}/fixtures.json`, 'utf8'));
  const admin = new Admin(env.GHOST_URL, {key: env.GHOST_ADMIN_KEY});
  const need = (n) => {
    if (args.length !== n) fail(`${action} takes ${n} argument(s), not ${args.length}`);
  };
  // An edit must carry the post's current updated_at (Ghost's guard against overwriting someone else's edit).
  const get = async (kind, id) => (await admin.request('GET', `${kind}/${id}/`))[kind][0];
  const put = async (kind, id, fields) => {
    const cur = await get(kind, id);
    return (await admin.request('PUT', `${kind}/${id}/`, {[kind]: [{...fields, updated_at: cur.updated_at}]}))[kind][0];
  };

  switch (action) {
    case 'edit': {
      need(2);
      const [kind, id] = target(fixtures, args[0]);
      return {ok: true, action, name: args[0], ...state(await put(kind, id, {title: args[1]}))};
    }
    case 'unpublish': {
      need(1);
      const [kind, id] = target(fixtures, args[0]);
      return {ok: true, action, name: args[0], ...state(await put(kind, id, {status: 'draft'}))};
    }
    case 'delete': {
      need(1);
      const [kind, id] = target(fixtures, args[0]);
      const before = await get(kind, id);
      await admin.request('DELETE', `${kind}/${id}/`);
      return {ok: true, action, name: args[0], ...state(before), status: 'deleted'};
    }
    case 'publish-scheduled': {
      need(1);
      const [kind, id] = target(fixtures, args[0]);
      const cur = await get(kind, id);
      if (cur.status !== 'scheduled') fail(`${args[0]} is ${cur.status}, not scheduled`);
      // Dated now (to the second, as Ghost stores it), not at its future time: published in the future is
      // what "scheduled" means, and Ghost would refuse it.
      const now = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
      const p = await put(kind, id, {status: 'published', published_at: now});
      return {ok: true, action, name: args[0], ...state(p), published_at_before: cur.published_at};
    }
    case 'rename-tag': {
      need(2);
      const {tags: [t]} = await admin.request('GET', `tags/slug/${encodeURIComponent(args[0])}/`);
      const {tags: [n]} = await admin.request('PUT', `tags/${t.id}/`, {tags: [{name: args[1], updated_at: t.updated_at}]});
      return {ok: true, action, id: n.id, slug: n.slug, name: n.name, name_before: t.name, updated_at: n.updated_at};
    }
    case 'webhook': {
      need(3);
      const [event, target_url, secret] = args;
      const {webhooks: [w]} = await admin.request('POST', 'webhooks/', {webhooks: [{event, target_url, secret,
        integration_id: fixtures.integration.id, name: `Broadsheet tests: ${event}`}]});
      return {ok: true, action, id: w.id, event: w.event, target_url: w.target_url, integration_id: w.integration_id};
    }
    case 'preview': {
      need(1);
      const [kind, id] = target(fixtures, args[0]);
      const p = (await admin.request('GET', `${kind}/${id}/?formats=html,lexical&include=tags,authors`))[kind][0];
      return {ok: true, action, name: args[0], uuid: p.uuid, [kind.slice(0, -1)]: p};
    }
    default:
      fail(`unknown action ${action}`);
  }
}

main().then((result) => out(result), (err) => fail(err.message));
