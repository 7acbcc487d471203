#!/usr/bin/env python3
"""Readers polling one live blog, as the app does (broadsheet_content::live: every POLL_SECS plus up to
POLL_JITTER_SECS, asking for changes after the sequence each last saw), against a cache; an editor posts every
POST_EVERY seconds straight to an instance. Prints how many requests the readers sent, how many reached the
instances (from varnishstat), and for each post how long after it was written each reader first saw it.

Usage: live-readers.py CACHE_URL INSTANCE_URL BLOG_PATH TOKEN VARNISH_NAME [READERS] [SECONDS]
(BLOG_PATH: /finance/budget-night-live). It asserts nothing: a benchmark prints figures."""

import asyncio
import json
import random
import statistics
import subprocess
import sys
import time
import urllib.request

POLL_SECS, POLL_JITTER_SECS = 10, 5  # broadsheet_content::live::{POLL_SECS, POLL_JITTER_SECS}
POST_EVERY = 10
# The longest a post may take to reach a polling reader: the poll interval, the changes' cache lifetime
# (CHANGES_MAX_AGE) and the VCL's grace for them.
BOUND = POLL_SECS + POLL_JITTER_SECS + 5 + 2


def varnish_counter(name, counter):
    out = subprocess.run(["varnishstat", "-n", name, "-1", "-f", f"MAIN.{counter}"],
                         capture_output=True, text=True, check=True).stdout.split()
    return int(out[1]) if len(out) > 1 else 0


async def get(reader, writer, host, path):
    """A GET's status and body; Varnish sends a cache miss it streams in chunks, a hit with its length."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: application/json\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    lines = [line.lower() for line in head.split(b"\r\n")]
    if b"transfer-encoding: chunked" in lines:
        body = b""
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                return status, body
            body += chunk[:-2]
    length = next((int(line.split(b":", 1)[1]) for line in lines if line.startswith(b"content-length:")), 0)
    return status, await reader.readexactly(length)


async def poll_once(host, port, path):
    """One request on a connection of its own: the readers poll every 10-15 s and Varnish closes a connection
    idle for 5 s (timeout_idle), as browsers find."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        return await get(reader, writer, f"{host}:{port}", path)
    finally:
        writer.close()


async def poller(n, host, port, api, seq, seen, stop, counts):
    # Readers opened the page at different moments.
    await asyncio.sleep(random.uniform(0, POLL_SECS + POLL_JITTER_SECS))
    while not stop.is_set():
        try:
            status, body = await asyncio.wait_for(poll_once(host, port, f"{api}/changes?after={seq}"), 10)
        except (asyncio.IncompleteReadError, asyncio.TimeoutError, OSError) as e:
            counts["errors"] += 1
            counts.setdefault("kinds", {}).setdefault(type(e).__name__, 0)
            counts["kinds"][type(e).__name__] += 1
            status, body = 0, b""
        counts["requests"] += 1
        if status == 200:
            try:
                changes = json.loads(body)
            except ValueError:
                counts["errors"] += 1
                continue
            now = time.monotonic()
            for post in changes["posts"]:
                # When it was seen; the delay is reckoned at the end, as a reader may see a post before the
                # editor's request has returned.
                seen.setdefault((n, post["id"]), now)
            seq = max(seq, changes["seq"])
        elif status:
            counts["errors"] += 1
        await asyncio.sleep(POLL_SECS + random.uniform(0, POLL_JITTER_SECS))


async def editor(instance, api, token, written, stop):
    n = 0
    while not stop.is_set():
        await asyncio.sleep(POST_EVERY)
        n += 1
        req = urllib.request.Request(f"{instance}{api}/posts", method="POST",
                                     data=json.dumps({"body": f"Benchmark update {n}."}).encode(),
                                     headers={"Authorization": f"Bearer {token}",
                                              "Content-Type": "application/json"})
        answer = await asyncio.to_thread(lambda: json.load(urllib.request.urlopen(req)))
        written[answer["id"]] = time.monotonic()


async def main():
    cache, instance, blog, token, varnish = sys.argv[1:6]
    readers = int(sys.argv[6]) if len(sys.argv) > 6 else 1000
    seconds = int(sys.argv[7]) if len(sys.argv) > 7 else 60
    api = "/api/v1/live" + blog
    host, port = cache.removeprefix("http://").split(":")
    with urllib.request.urlopen(f"{cache}/api/v1/articles{blog}") as r:
        seq = json.load(r)["live"]["seq"]
    written, seen, counts, stop = {}, {}, {"requests": 0, "errors": 0}, asyncio.Event()
    before = varnish_counter(varnish, "backend_req")
    tasks = [asyncio.create_task(poller(i, host, int(port), api, seq, seen, stop, counts))
             for i in range(readers)]
    tasks.append(asyncio.create_task(editor(instance, api, token, written, stop)))
    await asyncio.sleep(seconds)
    stop.set()
    backend = varnish_counter(varnish, "backend_req") - before
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    delays = sorted(max(0.0, at - written[p]) for (_, p), at in seen.items() if p in written)
    # Posts written within the bound of the end may not have reached every reader yet: count only older ones.
    cutoff = time.monotonic() - BOUND
    older = [p for p, t in written.items() if t < cutoff]
    missed = sum(1 for i in range(readers) for p in older if (i, p) not in seen)
    print(f"readers {readers}, {seconds} s, a post every {POST_EVERY} s ({len(written)} posts)")
    print(f"readers' requests: {counts['requests']} ({counts['requests'] / seconds:.0f}/s), errors {counts['errors']} {counts.get('kinds', '')}")
    print(f"requests that reached the instances: {backend} ({backend / seconds:.2f}/s)")
    if delays:
        q = statistics.quantiles(delays, n=100)
        print(f"post to reader: median {statistics.median(delays):.1f} s, p95 {q[94]:.1f} s, max {delays[-1]:.1f} s "
              f"({len(delays)} sightings); bound {BOUND} s (poll 15 s + cache 5 s + grace 2 s)")
    print(f"(reader, post) pairs older than the bound: {readers * len(older)}, never seen: {missed}")


asyncio.run(main())
