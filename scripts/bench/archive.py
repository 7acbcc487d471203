#!/usr/bin/env python3
"""A generated news archive for the search benchmark (scripts/bench-search.sh): N articles written straight into
`articles` of a store that `broadsheet-server import` has already filled with the demo content (its sections,
authors, topics and images are reused). The text is made up here, no corpus is read: a vocabulary of about 30,000
word forms (a few hundred common English words written below, numbers, pseudo-words made of syllables and a few
set phrases) drawn with a Zipf-like law, so a handful of words ("said", "council", "year") are in nearly every
article and most are rare; a few dozen recurring people and places; dates spread evenly over 20 years.

Only `articles` is written (whatever the search index is, triggers or a reindex derive it from there), in one
transaction on SQLite (executemany, synchronous off) or one COPY through psql on PostgreSQL, then ANALYZE.
Slugs are `archive-<n>`, sources `archive:<n>`, numbered on from what an earlier run loaded.

Usage: python3 scripts/bench/archive.py --count N (--sqlite PATH | --postgres-url URL) [--seed 1]
       python3 scripts/bench/archive.py --queries   (the benchmark's queries, class TAB query, from this vocabulary)
"""
import argparse
import itertools
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from bisect import bisect

# The vocabulary does not depend on --seed, so the benchmark's query words hold for every archive.
VOCABULARY_SEED = 20260
VOCABULARY_SIZE = 30000
# Zipf-Mandelbrot: the word of rank r has weight 1 / (r + Q) ** S.
ZIPF_S, ZIPF_Q = 1.0, 2.7

# Ranks 1 to 66, in order: "said", "council" and "year" land in nearly every article (~450 words each).
TOP = """the of to and a in said council that is for on it was with as by be at from has year have are will this
which but not its an they their would new more been or local people also had were who one than about after over
government could two we other services plans if there when into first last told can so all""".split()
FUNCTION = set(TOP) - {"said", "council", "year", "local", "people", "government", "services", "plans", "new",
                       "first", "last", "told", "two", "one"}
FUNCTION |= {"per", "cent", "some", "what", "our", "such", "may", "only", "he", "she", "should", "us", "his",
             "her", "them", "these", "those", "while", "because", "where", "how", "any", "most", "no", "up", "out"}
# Then these, in order.
COMMON = """per cent service plan years time us most may only he she should public says budget funding some what
our such three million his her them these those while because where how any no up out councils councillor
councillors authority authorities county district borough city town village mayor leader cabinet committee
meeting meetings report reports review decision decisions vote voted proposal proposals scheme schemes project
projects programme strategy policy policies minister ministers department officials officers staff workers
residents families children pupils parents teachers schools school education housing homes home tenants rent
rents landlords planning development developers site land green transport buses bus routes rail station trains
roads road potholes traffic parking cycling health hospital care patients nurses doctors social adult mental
tax taxes rates bills money cost costs spending cuts savings pounds deficit reserves grant grants contract
contracts price prices inflation pay wages jobs recruitment shortage workforce police crime safety victims court
prison community communities library libraries park parks waste recycling bins climate energy carbon flooding
water digital technology systems online cyber software election elections party labour conservative opposition
chair spokesperson spokesman spokeswoman director chief executive manager head support need needs demand
pressure crisis problem problems issue issues concerns warned warning called calls added agreed approved rejected
announced expected increase increased rise rising fall fell growth number numbers figures data average total
national regional central rural urban area areas region week month months weeks today yesterday morning next
previous recent recently future long term short high low small large major key important difficult better worse
best help helped work working worked make made take taken give given keep open closed closure start started end
ended run running protect protection fund funded funding bid bids share shared deal deals partnership partners
trust trusts board boards inspection inspectors standards quality performance targets target delivery delivered
deliver change changes changed consultation response responded complaint complaints legal law laws rules
regulation regulator audit auditors accounts debt borrowing investment invest invested capital revenue
settlement allocation allocated bill levy charge charges fees fare fares ticket tickets network networks
journey journeys passengers drivers operators franchising carers visits beds discharge waiting lists
appointments surgery clinic clinics benefit benefits poverty food energy heating repairs damp mould estate
estates tower blocks construction builders affordable social rented shortfall vacancies vacancy agency training
apprentices skills college university students exams results attendance exclusions academy academies
inclusion special disability disabled older younger elderly young age ages population census survey
""".split()
# Set phrases emitted whole, at these ranks: the phrase queries find them.
PHRASES = [("council tax", 150), ("social care", 120), ("local authority", 95), ("chief executive", 190),
           ("central government", 240), ("public health", 290), ("bus services", 340), ("planning permission", 420),
           ("adult social care", 520), ("town hall", 610), ("general election", 900), ("high street", 1200)]
PEOPLE = """Margaret Thornbury|Daniel Okonkwo|Sarah Penrose|Imran Chaudhry|Eleanor Vasquez|Peter Holloway|
Grace Abernethy|Samuel Whitlock|Nadia Kowalski|Richard Ashdown|Joanna Fairweather|Kwame Mensah|Lucy Harrowgate|
Thomas Brightwell|Aisha Karim|Martin Delacroix|Fiona McAllister|Hugh Pemberton|Bethan Morgannwg|Victor Osei|
Catherine Lyle|Anil Rao|Deborah Quayle|Simon Treharne|Yasmin Haddad|Patrick Doolan|Rosalind Kerr|
Gordon Ainsley|Mei Lin Zhao|Oliver Stanforth|Ruth Ebbsworth|Femi Adeyemi|Alistair Crowther|Hannah Lindgren|
Marcus Bellweather|Siobhan Farrelly|Edward Quiller|Priyanka Desai|Jonathan Rookwood|Agnes Tillotson""".replace(
    "\n", "").split("|")
PLACES = """Tyneford|Harrowby|Kingsreach|Ashcombe|Northfold|Wyvern|Carrick Vale|Marshbrook|Castlegate|Ferncastle|
Hollinsford|Kingsmere|Bramleigh|Eastwick|Stonebridge|Pendlebury|Oakhampton Cross|Westmoor|Lynford|Redcastle|
Halsworth|Millbeck|Sedgecombe|Thornaby Moor|Wellingsby|Cragside|Elmstead|Dunholme|Riverside|Fairhaven|
Greyfriars|Ashby Parva|Kirkwall Bay|Nettlecombe|Saltmarsh|Upper Wyre|Holbrook|Chantry|Bexford|Langstone""".replace(
    "\n", "").split("|")
STOP_WORDS = """myself ours ourselves your yours yourself himself hers herself itself they them their theirs what which
whom this that these those were been being have having does doing because until while with about against between
into through during before after above below from down over under again further then once here there when where
both each more most other some such only same than very will just should"""
KINDS = [("news", 80), ("feature", 6), ("opinion", 6), ("interview", 4), ("blog", 4)]
START = 1136073600  # 2006-01-01T00:00:00Z
SPAN = 631152000  # 20 years of seconds: the last article is dated late in 2025, before the demo's
COLUMNS = ("section_id slug kind headline standfirst byline_name byline_role published updated featured "
           "comments_open image_json body_json source topics_text body_text").split()


def syllable_words(rng, wanted, taken):
    """Pseudo-words of two or three syllables, with an inflected form or two each, none an English word above."""
    onsets = "b c d f g h l m n p r s t v w b d l m n r s t br ch cr dr fl gr pl sh st tr th".split()
    vowels = "a e i o u a e i o ai ea ou".split()
    codas = ["", "", "", "", "n", "r", "l", "m", "s", "t", "nd", "st", "ck"]
    out = []
    while len(out) < wanted:
        stem = "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
                       for _ in range(rng.choice((2, 2, 2, 3))))
        if len(stem) < 4 or stem in taken:
            continue
        forms = [stem] + rng.sample([stem + "s", stem + "ed", stem + "ing", stem + "er"], rng.choice((0, 1, 2)))
        for f in forms:
            if f not in taken:
                taken.add(f)
                out.append(f)
    return out[:wanted]


def vocabulary():
    """The word forms (a set phrase is one form) in rank order, and their Zipf weights."""
    rng = random.Random(VOCABULARY_SEED)
    fixed = list(dict.fromkeys(TOP + COMMON))
    numbers = [str(y) for y in range(1990, 2027)] + [f"£{n}m" for n in range(1, 80)] + \
              [str(n) for n in range(3, 120)] + [f"{n},000" for n in range(2, 60)]
    # Pseudo-words are none of these, nor a stop word PostgreSQL's English search leaves out.
    taken = set(fixed) | {w for p, _ in PHRASES for w in p.split()} | set(STOP_WORDS.split())
    others = numbers + syllable_words(rng, VOCABULARY_SIZE - len(fixed) - len(numbers) - len(PHRASES), taken)
    rng.shuffle(others)
    words = fixed + others
    for phrase, rank in PHRASES:
        words.insert(rank - 1, phrase)
    weights = [1 / (r + ZIPF_Q) ** ZIPF_S for r in range(1, len(words) + 1)]
    return words, weights


def queries():
    """The benchmark's text queries, by class, in words this generator emits."""
    words, _ = vocabulary()
    # A word of rank 28,000 or beyond with no other form (no word in the vocabulary starts with it or it with one).
    rare = next(w for w in words[28000:] if w.isalpha() and len(w) >= 6 and
                not any(v != w and (v.startswith(w) or w.startswith(v)) for v in words if v.isalpha()))
    return [("broad", "council"), ("two-broad", "council year"), ("rare", rare), ("name", PEOPLE[4]),
            ("phrase", '"council tax"'), ("exclude", "council -housing"), ("or", "housing OR transport"),
            ("prefix1", "council t"), ("prefix2", "council ta"), ("prefix3", "council tax"),
            ("long", "council leader said budget would protect adult social care services next year")]


class Writer:
    """Makes up articles: text cut from long random word streams (a slice per sentence is fast), so word
    frequencies follow the vocabulary's law while no two sentences are likely the same."""

    def __init__(self, seed, store):
        rng = self.rng = random.Random(seed)
        words, weights = vocabulary()
        cum = list(itertools.accumulate(weights))
        self.stream = rng.choices(words, cum_weights=cum, k=4_000_000)
        content = [(w, x) for w, x in zip(words, weights) if w not in FUNCTION]
        self.heads = rng.choices([w for w, _ in content], cum_weights=list(itertools.accumulate(x for _, x in content)),
                                 k=1_000_000)
        zipf = lambda n: list(itertools.accumulate(1 / (r + 1) for r in range(n)))
        self.people, self.people_cum = PEOPLE, zipf(len(PEOPLE))
        self.places, self.places_cum = PLACES, zipf(len(PLACES))
        self.sections = store["sections"]
        self.section_cum = list(itertools.accumulate(rng.uniform(0.6, 1.4) for _ in self.sections))
        self.authors = store["authors"] or [["Archive Reporter", "Reporter"]]
        self.topics = store["topics"] or ["Local government"]
        self.images = store["images"]
        self.kinds = [k for k, n in KINDS for _ in range(n)]

    def pick(self, items, cum):
        return items[bisect(cum, self.rng.random() * cum[-1])]

    def sentence(self):
        r = self.rng.random
        n = 6 + int(r() * 18)
        start = int(r() * (len(self.stream) - n))
        s = " ".join(self.stream[start:start + n])
        roll = r()
        if roll < 0.10:
            return f"{s[0].upper()}{s[1:]}, said {self.pick(self.people, self.people_cum)}."
        if roll < 0.16:
            return f"In {self.pick(self.places, self.places_cum)}, {s}."
        if roll < 0.19:
            return f"{self.pick(self.people, self.people_cum)} {s}."
        return f"{s[0].upper()}{s[1:]}."

    def article(self, n, i, count):
        rng, r = self.rng, self.rng.random
        k = 6 + int(r() * 6)
        start = int(r() * (len(self.heads) - k))
        if r() < 0.3:
            head = f"{self.pick(self.places, self.places_cum)} {' '.join(self.heads[start + 1:start + k])}"
        else:
            head = " ".join(self.heads[start:start + k])
            head = head[0].upper() + head[1:]
        k = 20 + int(r() * 16)
        start = int(r() * (len(self.stream) - k))
        w, cut = self.stream[start:start + k], 8 + int(r() * (k - 15))
        standfirst = f"{' '.join(w[:cut]).capitalize()}. {' '.join(w[cut:]).capitalize()}."
        target, words, paras, para = 250 + int(r() * 351), 0, [], []
        while words < target:
            s = self.sentence()
            words += s.count(" ") + 1
            para.append(s)
            if len(para) >= 2 + int(r() * 3):
                paras.append(" ".join(para))
                para = []
        if para:
            paras.append(" ".join(para))
        body_json = "[" + ",".join('{"type":"paragraph","content":[{"type":"text","text":%s}]}'
                                   % json.dumps(p, ensure_ascii=False) for p in paras) + "]"
        section_id, section_slug = self.pick(self.sections, self.section_cum)
        author, role = rng.choice(self.authors)
        published = START + int(SPAN * (i + r()) / count)
        images = self.images.get(section_slug)
        return (
            section_id, f"archive-{n}", rng.choice(self.kinds), head, standfirst, author, role,
            time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(published)),
            time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(published + 3600 + int(r() * 86400)))
            if r() < 0.15 else None,
            0, 1 if r() < 0.95 else 0, rng.choice(images) if images and r() < 0.8 else None,
            body_json, f"archive:{n}", " ".join(rng.sample(self.topics, min(len(self.topics), 2 + int(r() * 3)))),
            "\n".join(paras) + "\n",
        )


def progress(done, began):
    if done % 100_000 == 0:
        print(f"archive: {done} articles, {time.time() - began:.0f} s", file=sys.stderr, flush=True)


def rows(writer, first, count, began):
    for i in range(count):
        yield writer.article(first + i, i, count)
        progress(i + 1, began)


def sqlite_store(path):
    if not os.path.exists(path):
        sys.exit(f"archive: no store at {path}: run broadsheet-server import first")
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA busy_timeout = 10000")
    store = {
        "sections": db.execute("SELECT id, slug FROM sections ORDER BY position").fetchall(),
        "authors": db.execute("SELECT name, role FROM authors ORDER BY slug").fetchall(),
        "topics": [t for (t,) in db.execute("SELECT name FROM topics ORDER BY slug")],
        "images": {},
        "loaded": db.execute("SELECT COUNT(*) FROM articles WHERE source LIKE 'archive:%'").fetchone()[0],
    }
    for slug, image in db.execute("SELECT s.slug, a.image_json FROM articles a JOIN sections s "
                                  "ON s.id = a.section_id WHERE a.image_json IS NOT NULL ORDER BY a.id"):
        store["images"].setdefault(slug, []).append(image)
    return db, store


def load_sqlite(db, writer, first, count, began):
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -262144")  # 256 MB: the indexes of a million rows stay in memory
    db.execute("BEGIN IMMEDIATE")
    db.executemany(f"INSERT INTO articles ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                   rows(writer, first, count, began))
    db.execute("COMMIT")
    loaded = time.time()
    db.execute("ANALYZE")
    db.close()
    return loaded


def psql(url, *args, **kwargs):
    env = dict(os.environ, PGCLIENTENCODING="UTF8")
    return subprocess.Popen(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", *args, url], env=env, **kwargs)


def postgres_store(url):
    sql = """SELECT json_build_object(
      'sections', (SELECT json_agg(json_build_array(id, slug) ORDER BY position) FROM sections),
      'authors', (SELECT json_agg(json_build_array(name, role) ORDER BY slug) FROM authors),
      'topics', (SELECT json_agg(name ORDER BY slug) FROM topics),
      'images', (SELECT json_object_agg(slug, images) FROM (
                 SELECT s.slug, json_agg(a.image_json ORDER BY a.id) AS images
                 FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.image_json IS NOT NULL
                 GROUP BY s.slug) i),
      'loaded', (SELECT COUNT(*) FROM articles WHERE source LIKE 'archive:%'))"""
    proc = psql(url, "-At", "-c", sql, stdout=subprocess.PIPE)
    out, _ = proc.communicate()
    if proc.returncode != 0:
        sys.exit("archive: could not read the store's sections (is it imported?)")
    store = json.loads(out)
    for key in ("sections", "authors", "topics"):
        store[key] = [tuple(x) if isinstance(x, list) else x for x in store[key] or []]
    store["images"] = store["images"] or {}
    return store


def copy_text(value):
    """A field in COPY's text format."""
    if value is None:
        return "\\N"
    if not isinstance(value, str):
        return str(value)
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


# The per-section counts are kept by a row trigger that updates one row per section and kind: a million updates of
# those few rows in one transaction make chains of row versions that every later update walks (over 30 minutes at
# 1,000,000 articles, 248 s without). The load turns that trigger off and counts once at the end of its
# transaction, as a bulk load of a table with such a trigger would.
COUNTS_OFF = "BEGIN;\nALTER TABLE articles DISABLE TRIGGER article_counts_insert;\n"
COUNTS_ON = """ALTER TABLE articles ENABLE TRIGGER article_counts_insert;
INSERT INTO article_counts (section_id, kind, n) SELECT section_id, kind, COUNT(*) FROM articles GROUP BY 1, 2
    ON CONFLICT (section_id, kind) DO UPDATE SET n = EXCLUDED.n;
COMMIT;
"""


def load_postgres(url, writer, first, count, began):
    # One script on psql's standard input: the COPY's rows follow its command, up to `\.`.
    proc = psql(url, "-f", "-", stdin=subprocess.PIPE)
    proc.stdin.write((COUNTS_OFF + f"COPY articles ({', '.join(COLUMNS)}) FROM STDIN;\n").encode())
    batch = []
    try:
        for row in rows(writer, first, count, began):
            batch.append("\t".join(map(copy_text, row)) + "\n")
            if len(batch) == 2000:
                proc.stdin.write("".join(batch).encode())
                batch = []
        proc.stdin.write("".join(batch).encode())
        proc.stdin.write(("\\.\n" + COUNTS_ON).encode())
        proc.stdin.close()
    except BrokenPipeError:
        pass  # psql stopped: it said why
    if proc.wait() != 0:
        sys.exit("archive: COPY failed")
    loaded = time.time()
    # VACUUM as well: it marks the new pages visible once, here, instead of autovacuum doing it during a benchmark.
    if psql(url, "-c", "VACUUM (ANALYZE)").wait() != 0:
        sys.exit("archive: VACUUM (ANALYZE) failed")
    return loaded


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--count", type=int, help="how many articles to add")
    store = p.add_mutually_exclusive_group()
    store.add_argument("--sqlite", metavar="PATH", help="an imported SQLite store")
    store.add_argument("--postgres-url", metavar="URL", help="an imported PostgreSQL store (postgres://…)")
    p.add_argument("--seed", type=int, default=1, help="the articles' random seed (the vocabulary has its own)")
    p.add_argument("--queries", action="store_true", help="print the benchmark's queries (class TAB query) and exit")
    a = p.parse_args()
    if a.queries:
        for cls, q in queries():
            print(f"{cls}\t{q}")
        return
    if a.count is None or a.count < 0 or not (a.sqlite or a.postgres_url):
        p.error("--count N and one of --sqlite or --postgres-url are required")
    began = time.time()
    if a.sqlite:
        db, info = sqlite_store(a.sqlite)
    else:
        info = postgres_store(a.postgres_url)
    if not info["sections"]:
        sys.exit("archive: the store has no sections: run broadsheet-server import first")
    writer = Writer(a.seed, info)
    first = info["loaded"] + 1
    print(f"archive: vocabulary ready in {time.time() - began:.1f} s; adding archive-{first}.."
          f"archive-{first + a.count - 1}", file=sys.stderr, flush=True)
    if a.sqlite:
        loaded = load_sqlite(db, writer, first, a.count, began)
    else:
        loaded = load_postgres(a.postgres_url, writer, first, a.count, began)
    end = time.time()
    print(f"archive: {a.count} articles loaded into {'SQLite' if a.sqlite else 'PostgreSQL'} in "
          f"{loaded - began:.1f} s, ANALYZE {end - loaded:.1f} s, {end - began:.1f} s in all", file=sys.stderr)


if __name__ == "__main__":
    main()
