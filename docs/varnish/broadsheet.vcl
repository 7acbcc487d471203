vcl 4.1;
# Broadsheet behind Varnish 7 with the xkey module (Debian: varnish, varnish-modules). docs/deploying.md
# explains it; crates/server/tests/server/varnish.rs runs it. The instances are in backends.vcl, which defines the
# directors `instances` (round robin) and `readers` (hashed by client address), over the same backends (an example
# sits beside this file).

import std;
import xkey;

# The instances' health check: 200 while an instance and its database answer.
probe broadsheet_health {
    .url = "/api/v1/health";
    .interval = 1s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
}

include "backends.vcl";

# Who may purge: the hosts that run `broadsheet-server` (imports, moderation). Add the instances' network.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # broadsheet-server --purge-url xkey+http://varnish:6081/ sends the keys a change touched.
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "No xkey-purge header"));
        }
        set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.x-purged + " objects"));
    }
    set req.backend_hint = instances.backend();
    # A reader's views of articles go to one instance, which alone remembers whom it counted today: most read
    # counts a reader once a day per article (crates/server/src/reads/counter.rs). The reader's address is the first
    # in X-Forwarded-For (Varnish appends the client's; a TLS proxy in front sets it). POSTs are passed.
    if (req.url ~ "^/api/v1/reads") {
        set req.backend_hint = readers.backend(regsub(req.http.X-Forwarded-For, ",.*$", ""));
    }
    # A live blog's changes: only `after` names an answer (crates/server/src/api/live.rs), so a cache-busting
    # parameter cannot split the cache and 1,000 readers polling share one object per sequence number.
    if (req.url ~ "^/api/v1/live/[^/?]+/[^/?]+/changes") {
        if (req.url ~ "[?&]after=[0-9]+(&|$)") {
            set req.url = regsub(req.url, "^([^?]*)[?](.*&)?(after=[0-9]+)(&.*)?$", "\1?\3");
        } else {
            set req.url = regsub(req.url, "[?].*$", "");
        }
    }
    # While an instance is healthy, an expired answer is served for at most stale-while-revalidate (60 s) while
    # it is fetched again; while none is, for the object's whole grace (its stale-if-error).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 60s;
    }
    # Broadsheet sets and reads no cookies; a publisher's own cookies must not split the cache.
    unset req.http.Cookie;
}

sub vcl_backend_response {
    # The keys the answer depends on, for xkey.purge.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # stale-if-error: keep the object that long past its TTL, to serve while the instances fail.
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1s"), 0s);
    }
    # A live blog's changes are kept 5 s (their s-maxage) and served stale for 2 s more while fetched again, so a
    # new post reaches a polling reader within the poll interval and 7 s.
    if (bereq.url ~ "^/api/v1/live/") {
        set beresp.grace = 2s;
    }
    # A failed background fetch keeps the object it was to replace.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_backend_error {
    if (bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_deliver {
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
