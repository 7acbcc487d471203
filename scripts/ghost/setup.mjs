// Creates the fixtures of a test Ghost, all about the fictional town of Tyneford, in two stages that
// scripts/ghost/start.sh runs (plain Node 20, no npm packages):
//
//   node setup.mjs base          raster images, tags, two invited staff authors with bios and portraits, and
//                                Ghost's own sample post and page deleted. Nothing here depends on the time,
//                                so start.sh keeps the result (database + images) as a snapshot to copy.
//                                Prints, as its last stdout line, {tags, authors, images} (images as paths).
//   node setup.mjs posts BASE    posts with every card Ghost makes from HTML, posts of each visibility, a
//                                draft, a scheduled post (2 days ahead) and a page: made on every start, so
//                                their dates are always relative to now. BASE is the base stage's JSON file.
//                                Prints the fixtures (start.sh's STATE_DIR/fixtures.json) as one JSON line.
// Progress goes to stderr.
//
// Environment (start.sh sets it): GHOST_URL; for base GHOST_OWNER_EMAIL, GHOST_OWNER_PASSWORD (the owner's
// session: an integration may not invite or edit staff), GHOST_DB (the SQLite file: the one place an
// invitation's token can be read, as Ghost only ever sends it by email) and GHOST_DIR (the Ghost install, for
// its sqlite3); for posts GHOST_ADMIN_KEY, GHOST_CONTENT_KEY and GHOST_INTEGRATION_ID (the posts are an
// integration's, like the tests' own writes; the cards are checked over the Content API; control.mjs adds
// webhooks to the integration).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {createRequire} from 'node:module';
import {Admin} from './admin.mjs';

const E = process.env;
const [stage, baseFile] = process.argv.slice(2);
const need = {base: ['GHOST_URL', 'GHOST_OWNER_EMAIL', 'GHOST_OWNER_PASSWORD', 'GHOST_DB', 'GHOST_DIR'],
  posts: ['GHOST_URL', 'GHOST_ADMIN_KEY', 'GHOST_CONTENT_KEY', 'GHOST_INTEGRATION_ID']}[stage];
if (!need || (stage === 'posts' && !baseFile)) {
  console.error('usage: node setup.mjs base | node setup.mjs posts BASE_JSON');
  process.exit(2);
}
for (const v of need) {
  if (!E[v]) throw new Error(`${v} is not set`);
}
const URL_ = E.GHOST_URL;
const t0 = Date.now();
const log = (...a) => console.error(`setup ${stage}: ${((Date.now() - t0) / 1000).toFixed(2)} s:`, ...a);

// ---------------------------------------------------------------------------------------------------------
// Raster images without an image library: a PNG is a signature, an IHDR chunk, zlib-compressed scanlines
// (each prefixed by a filter byte, 0 = none) in IDAT, and IEND; each chunk carries a CRC-32 of type + data.
const CRC = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
// png(w, h, (x, y) => [r, g, b]): an 8-bit RGB PNG.
function png(width, height, pixel) {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      const o = y * stride + 1 + x * 3;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type 2 (RGB), deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, {level: 6})),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const mix = (a, b, t) => Math.round(a + (b - a) * Math.max(0, Math.min(1, t)));
// The harbour at dusk: an orange-to-indigo sky over a sea with waves, so the image has real content to resize.
const harbour = (x, y) => {
  const sea = 470 + 12 * Math.sin(x / 37);
  if (y < sea) return [mix(250, 40, y / sea), mix(150, 30, y / sea), mix(60, 110, y / sea)];
  const t = (y - sea) / (750 - sea);
  const wave = 18 * Math.sin(x / 23 + y / 9);
  return [mix(20, 5, t) + 5, mix(60, 30, t) + wave / 3, mix(120, 70, t) + wave];
};
// The bus station: green and cream stripes (the Tyneford buses' colours) under a grey roof.
const station = (x, y) => {
  if (y < 160) return [mix(110, 160, y / 160), mix(115, 165, y / 160), mix(120, 170, y / 160)];
  return Math.floor((x + y / 2) / 60) % 2 ? [22, mix(110, 80, y / 750), 60] : [240, 232, mix(200, 170, x / 1200)];
};
// Square portraits (Ghost wants profile images square): a disc of one colour on another.
const portrait = (fg, bg) => (x, y) => {
  const d = Math.hypot(x - 200, y - 170);
  return d < 90 || (y > 280 && Math.abs(x - 200) < 150 - (400 - y) / 2) ? fg : bg;
};

async function upload(admin, name, buf, purpose = 'image') {
  const form = new FormData();
  form.append('file', new Blob([buf], {type: 'image/png'}), name);
  form.append('purpose', purpose);
  form.append('ref', name);
  const {images} = await admin.request('POST', 'images/upload/', form);
  return new URL(images[0].url).pathname; // the address is a run's (its port): the snapshot keeps paths
}

// ---------------------------------------------------------------------------------------------------------
// Staff. An integration may not invite or edit users, so this part signs in as the owner. Ghost only ever
// sends an invitation's token by email (a stub transport here), so it is read from the database, where
// Ghost keeps it as the email's link carries it; accepting the invitation is then the public endpoint the
// sign-up page uses.
function inviteToken(email) {
  const require = createRequire(path.join(E.GHOST_DIR, 'package.json'));
  const sqlite3 = require('sqlite3');
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(E.GHOST_DB, sqlite3.OPEN_READONLY, (err) => err && reject(err));
    db.get("SELECT token FROM invites WHERE email = ? AND status = 'sent'", [email], (err, row) => {
      db.close();
      if (err) reject(err);
      else if (!row) reject(new Error(`no sent invitation for ${email}`));
      else resolve(row.token);
    });
  });
}
async function addStaff(owner, roles, person) {
  const role = roles.find((r) => r.name === person.role);
  await owner.request('POST', 'invites/', {invites: [{email: person.email, role_id: role.id}]});
  const token = await inviteToken(person.email);
  const res = await fetch(`${URL_}/ghost/api/admin/authentication/invitation/`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json', Origin: URL_},
    body: JSON.stringify({invitation: [{token, email: person.email, name: person.name, password: person.password}]}),
  });
  if (!res.ok) throw new Error(`accepting the invitation of ${person.email}: ${res.status} ${await res.text()}`);
}

// ---------------------------------------------------------------------------------------------------------
async function base() {
  const owner = await Admin.signIn(URL_, E.GHOST_OWNER_EMAIL, E.GHOST_OWNER_PASSWORD);

  // Images first: the staff profiles (and later the posts) point at them. Ghost makes the size variants
  // (/content/images/size/wN/…) on the first request for each.
  const img = {};
  [img.harbour, img.station, img.portraitTomas, img.portraitPriya, img.portraitOwner] = await Promise.all([
    upload(owner, 'tyneford-harbour-at-dusk.png', png(1200, 750, harbour)),
    upload(owner, 'tyneford-bus-station.png', png(1200, 750, station)),
    upload(owner, 'tomas-reyes.png', png(400, 400, portrait([200, 120, 60], [230, 225, 210])), 'profile_image'),
    upload(owner, 'priya-castellano.png', png(400, 400, portrait([60, 90, 160], [220, 230, 235])), 'profile_image'),
    upload(owner, 'eleanor-marsh.png', png(400, 400, portrait([120, 40, 70], [235, 225, 225])), 'profile_image'),
  ]);
  log('images uploaded');

  // Tags: six public, one internal (Ghost makes a tag internal when its name starts with "#"; its slug
  // becomes hash-…). Ghost's own fixtures already have a "News" tag (slug news): that one is given its
  // description, the others are created.
  const tagSpecs = [
    {name: 'News', slug: 'news', description: 'What happened in Tyneford today.'},
    {name: 'Politics', slug: 'politics', description: 'The town council, the county and the ballot box.'},
    {name: 'Transport', slug: 'transport', description: 'Buses, the ferry, the harbour road and the cycle paths.'},
    {name: 'Arts & Culture', slug: 'arts-culture',
      description: 'Galleries, the Corn Exchange stage and the summer festival.'},
    {name: 'Buses', slug: 'buses', description: 'The Tyneford & District bus network.'},
    {name: 'Harbour', slug: 'harbour', description: 'The working harbour and its boats.', accent_color: '#1d4e89'},
    {name: '#featured-hidden', description: 'Internal: picked for the front page box.'},
  ];
  const {tags: existing} = await owner.request('GET', 'tags/?limit=all');
  const answers = await Promise.all(tagSpecs.map((spec) => {
    const old = existing.find((x) => x.slug === spec.slug);
    return old
      ? owner.request('PUT', `tags/${old.id}/`, {tags: [{...spec, updated_at: old.updated_at}]})
      : owner.request('POST', 'tags/', {tags: [spec]});
  }));
  const tags = {};
  for (const {tags: [t]} of answers) tags[t.slug] = {id: t.id, slug: t.slug, name: t.name, visibility: t.visibility};
  log('tags created');

  // Ghost's own sample content (the "Coming soon" post and the "About this site" page) goes, so that the
  // site has the fixtures and nothing else.
  for (const kind of ['posts', 'pages']) {
    const {[kind]: all} = await owner.request('GET', `${kind}/?limit=all&fields=id`);
    await Promise.all(all.map(({id}) => owner.request('DELETE', `${kind}/${id}/`)));
  }

  // Staff: the owner (made by start.sh) plus two invited Authors; each gets a bio and a profile image.
  const {roles} = await owner.request('GET', 'roles/?permissions=assign');
  const staff = [
    {key: 'tomas', name: 'Tomas Reyes', email: 'tomas.reyes@tyneford.test', role: 'Author',
      password: 'Harbour-Road-Buses-42', bio: 'Transport reporter. Rides the 12 to work and times every stop.',
      location: 'Tyneford', website: 'https://tomas.tyneford.example', profile_image: img.portraitTomas},
    {key: 'priya', name: 'Priya Castellano', email: 'priya.castellano@tyneford.test', role: 'Author',
      password: 'Corn-Exchange-Stage-77', bio: 'Arts editor: exhibitions, the Corn Exchange and the festival.',
      location: 'Upper Tyneford', website: null, profile_image: img.portraitPriya},
  ];
  await Promise.all(staff.map((person) => addStaff(owner, roles, person)));
  const {users} = await owner.request('GET', 'users/?limit=all');
  const profiles = [{key: 'owner', email: E.GHOST_OWNER_EMAIL, location: 'Tyneford', website: null,
    bio: 'Editor of the Tyneford Courier since the harbour flood of 2009.', profile_image: img.portraitOwner},
  ...staff];
  const authors = {};
  await Promise.all(profiles.map(async ({key, email, bio, location, website, profile_image}) => {
    const u = users.find((x) => x.email === email);
    await owner.request('PUT', `users/${u.id}/`, {users: [{bio, location, website, profile_image}]});
    authors[key] = {id: u.id, slug: u.slug, name: u.name, email: u.email};
  }));
  log('staff invited');
  return {tags, authors, images: img};
}

// ---------------------------------------------------------------------------------------------------------
const T = Date.now();
const hoursAgo = (h) => new Date(T - h * 3600e3).toISOString().replace(/\.\d+Z$/, '.000Z');

async function posts() {
  const admin = new Admin(URL_, {key: E.GHOST_ADMIN_KEY});
  const {tags, authors, images: paths} = JSON.parse(fs.readFileSync(baseFile, 'utf8'));
  const img = Object.fromEntries(Object.entries(paths).map(([k, p]) => [k, URL_ + p]));
  const tag = (...slugs) => slugs.map((s) => {
    if (!tags[s]) throw new Error(`no tag ${s} (tags: ${Object.keys(tags).join(', ')})`);
    return {id: tags[s].id};
  });
  const by = (...keys) => keys.map((k) => ({id: authors[k].id}));
  const W = 'width="1200" height="750"';

  // (a) Every card Ghost's HTML-to-Lexical conversion recognises, each written in the markup Ghost itself
  // renders for it (what its parsers read back). All of them come out as cards in the Content API's html
  // (checkCards below), with these losses: the <p> inside <blockquote> and inside the toggle's content goes
  // (the toggle keeps only its text), links get ?ref=<site host> (Ghost's outbound link tagging), headings
  // get ids, images get srcset/sizes.
  const cardsHtml = `
<p>Tyneford's bus network will change on <strong>1 March</strong>, the first overhaul since the harbour road
reopened. The council's <a href="https://council.tyneford.example/buses">consultation</a> drew
<em>more than 2,000</em> replies, and <strong><em>most of them</em></strong> asked for later evening buses.</p>
<h2>What changes</h2>
<p>Three routes are merged and one is new.</p>
<h3>Routes merged</h3>
<ul><li>The 4 and the 4A become one route via Quay Street.</li><li>The 7 runs every 20 minutes, not 30.</li></ul>
<ol><li>Consultation closes on 14 February.</li><li>Timetables are printed a week before the change.</li></ol>
<blockquote><p>"We listened, and the last bus from the station now leaves at 23:40," said Cllr Ada Penrose.</p></blockquote>
<figure class="kg-card kg-image-card kg-card-hascaption"><img src="${img.station}" class="kg-image" alt="Buses at Tyneford bus station" loading="lazy" ${W}><figcaption>The bus station on Quay Street, <i>before</i> the works.</figcaption></figure>
<figure class="kg-card kg-gallery-card kg-width-wide kg-card-hascaption"><div class="kg-gallery-container"><div class="kg-gallery-row"><div class="kg-gallery-image"><img src="${img.harbour}" ${W} loading="lazy" alt="The harbour at dusk"></div><div class="kg-gallery-image"><img src="${img.station}" ${W} loading="lazy" alt="The bus station"></div></div></div><figcaption>Harbour and station, the two ends of the new route 12.</figcaption></figure>
<figure class="kg-card kg-embed-card kg-card-hascaption"><iframe width="200" height="113" src="https://www.youtube.com/embed/tYnEf0rd12c?feature=oembed" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen title="Riding the new route 12"></iframe><figcaption>Riding the new route 12, end to end.</figcaption></figure>
<div class="kg-card kg-callout-card kg-callout-card-blue"><div class="kg-callout-emoji">🚌</div><div class="kg-callout-text">Fares stay at <b>£2</b> a journey until April.</div></div>
<figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" href="https://council.tyneford.example/buses/2026-network"><div class="kg-bookmark-content"><div class="kg-bookmark-title">The 2026 bus network</div><div class="kg-bookmark-description">Maps, timetables and the consultation report.</div><div class="kg-bookmark-metadata"><img class="kg-bookmark-icon" src="${img.harbour}" alt=""><span class="kg-bookmark-author">Tyneford Town Council</span><span class="kg-bookmark-publisher">Transport Committee</span></div></div><div class="kg-bookmark-thumbnail"><img src="${img.station}" alt=""></div></a></figure>
<div class="kg-card kg-toggle-card" data-kg-toggle-state="close"><div class="kg-toggle-heading"><h4 class="kg-toggle-heading-text">Does my bus pass still work?</h4><button class="kg-toggle-card-icon" aria-label="Expand toggle to read content"></button></div><div class="kg-toggle-content"><p>Yes: every pass issued before March is valid on the new routes.</p></div></div>
<div class="kg-card kg-button-card kg-align-center"><a href="https://council.tyneford.example/buses/map" class="kg-btn kg-btn-accent">See the new map</a></div>
<hr>
<pre><code class="language-text">Route 12  Harbour - Station - Upper Tyneford  every 15 min</code></pre>
<p>The changes were approved by the transport committee last week.</p>`;

  const made = {posts: {}, pages: {}};
  const make = async (name, fields, kind = 'posts') => {
    const {[kind]: [p]} = await admin.request('POST', `${kind}/?source=html`, {[kind]: [fields]});
    made[kind][name] = {id: p.id, slug: p.slug, uuid: p.uuid, status: p.status, visibility: p.visibility,
      published_at: p.published_at};
  };
  // All at once: Ghost serialises the database writes, but converts and renders one post while another's
  // are written. Published ones are 4 hours apart, so their order (newest first: cards, arts, transport,
  // politics, members, paid) is fixed.
  await Promise.all([
    make('cards', {
      title: 'Tyneford’s bus network changes on 1 March: what you need to know',
      slug: 'bus-network-changes-1-march', html: cardsHtml, status: 'published', published_at: hoursAgo(1),
      tags: tag('news', 'buses', 'hash-featured-hidden'), authors: by('tomas', 'owner'), featured: true,
      custom_excerpt: 'Three routes merge, one is new, and the last bus leaves later: the council’s plan after 2,000 replies.',
      feature_image: img.station, feature_image_alt: 'A green and cream Tyneford bus at the station',
      feature_image_caption: 'The bus station on Quay Street. Photo: <a href="https://tyneford.example">Courier</a>',
    }),
    make('arts', {
      title: 'The Corn Exchange reopens with a season of harbour songs', slug: 'corn-exchange-reopens',
      html: '<p>After two years of repairs the Corn Exchange opens its doors on Friday with <em>Songs of the Quay</em>, '
        + 'a season of folk music from the harbour.</p><p>Tickets are £8, and free for under-16s.</p>',
      status: 'published', published_at: hoursAgo(5), tags: tag('arts-culture', 'harbour'), authors: by('priya'),
    }),
    make('transport', {
      title: 'Harbour road closed overnight for resurfacing', slug: 'harbour-road-resurfacing',
      html: '<p>The harbour road will be closed between 20:00 and 06:00 from Monday to Thursday.</p>'
        + '<p>The 12 is diverted via Mill Lane; the ferry runs as usual.</p>',
      status: 'published', published_at: hoursAgo(9), tags: tag('transport', 'buses', 'harbour'), authors: by('tomas'),
      feature_image: img.harbour, feature_image_alt: 'The harbour at dusk',
    }),
    make('politics', {
      title: 'Council votes to keep the Saturday market on Quay Street', slug: 'council-saturday-market',
      html: '<p>Councillors voted 9 to 4 on Tuesday to keep the market where it has been since 1872.</p>',
      status: 'published', published_at: hoursAgo(13), tags: tag('politics', 'news'), authors: by('owner'),
    }),
    // (c) Gated posts: the Content API answers them without a member's session, so their html is the public
    // part only: up to the paywall card (<!--members-only-->) of the first, empty for the second.
    make('members', {
      title: 'Inside the harbour master’s last winter', slug: 'harbour-master-last-winter',
      html: '<p>For thirty-one winters Jonah Pell has kept the harbour log.</p><!--members-only-->'
        + '<p>This winter is his last: he retires in April, and the log goes to the museum.</p>',
      status: 'published', published_at: hoursAgo(17), visibility: 'members', tags: tag('news', 'harbour'),
      authors: by('owner'),
    }),
    make('paid', {
      title: 'The council’s budget, line by line', slug: 'council-budget-line-by-line',
      html: '<p>Where every pound of Tyneford’s £14.2 million goes, from gritting to the library.</p>',
      status: 'published', published_at: hoursAgo(21), visibility: 'paid', tags: tag('politics'), authors: by('owner'),
    }),
    // (d), (e): not in the Content API until published.
    make('draft', {
      title: 'Draft: a new cycle path along the river', slug: 'draft-cycle-path',
      html: '<p>The county has drawn a route from the station to the <strong>weir</strong>.</p>',
      status: 'draft', tags: tag('transport'), authors: by('tomas'),
    }),
    make('scheduled', {
      title: 'Tall ships return to Tyneford harbour', slug: 'tall-ships-return',
      html: '<p>Six tall ships will moor at the north quay for the regatta weekend.</p>',
      status: 'scheduled', published_at: new Date(T + 2 * 86400e3).toISOString(), tags: tag('harbour', 'news'),
      authors: by('priya'),
    }),
    // (f) A page, which the Content API lists under /pages/, never /posts/.
    make('about', {
      title: 'About the Tyneford Courier', slug: 'about',
      html: '<p>The Courier has reported on Tyneford, its harbour and its villages since 1894.</p>',
      status: 'published', authors: by('owner'),
    }, 'pages'),
  ]);
  log('posts created');

  await checkCards(made.posts.cards.slug);
  return {posts: made.posts, pages: made.pages, tags, authors, images: img,
    integration: {id: E.GHOST_INTEGRATION_ID}};
}

// The markup each card must come out as in the Content API's html: a failed check stops start.sh, so a
// Ghost whose conversion changed is noticed here, not in a puzzling test.
const CARD_MARKERS = {
  image: 'kg-image-card kg-card-hascaption', gallery: 'kg-gallery-card', embed: 'kg-embed-card',
  callout: 'kg-callout-card', bookmark: 'kg-bookmark-card', toggle: 'kg-toggle-card', button: 'kg-button-card',
  code: '<pre><code class="language-text">', hr: '<hr>', blockquote: '<blockquote>', list: '<ul>',
};
async function checkCards(slug) {
  const res = await fetch(`${URL_}/ghost/api/content/posts/slug/${slug}/?key=${E.GHOST_CONTENT_KEY}&formats=html`);
  if (!res.ok) throw new Error(`Content API post ${slug}: ${res.status}`);
  const {posts: [p]} = await res.json();
  const missing = Object.entries(CARD_MARKERS).filter(([, m]) => !p.html.includes(m)).map(([k]) => k);
  if (missing.length) throw new Error(`cards missing from the Content API html: ${missing.join(', ')}`);
}

(stage === 'base' ? base() : posts()).then((out) => console.log(JSON.stringify(out)), (err) => {
  console.error(`setup ${stage}: ${err.stack || err}`);
  process.exit(1);
});
