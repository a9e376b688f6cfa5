vcl 4.1;

# Varnish in front of Baspa's site instances (docs/deploy.md). Needs varnish-modules (xkey).
# The instances are in backends.vcl beside this file (backends.example.vcl shows the shape;
# `npm run demo:cluster` writes one). varnishd must run with BASPA_PURGE_SECRET in its
# environment: the secret the site sends with its purges (VARNISH_PURGE_SECRET).

import std;
import directors;
import xkey;

include "backends.vcl";

sub vcl_recv {
    # Purges come from the site after a revalidation, with the secret, and list cache tags.
    if (req.method == "PURGE") {
        if (std.getenv("BASPA_PURGE_SECRET") == "" || req.http.x-purge-secret != std.getenv("BASPA_PURGE_SECRET") || !req.http.xkey-purge) {
            return (synth(403, "Forbidden"));
        }
        set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.x-purged));
    }

    set req.backend_hint = site.backend();

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Never cached: the Studio, APIs (the webhook, draft mode, slug redirects), and anyone in draft
    # mode or sending credentials. Readers need no cookie: the rest drop theirs so pages are shared.
    if (req.url ~ "^/(studio|api)(/|\?|$)") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(__prerender_bypass|__next_preview_data)=") {
        return (pass);
    }
    unset req.http.Cookie;
    # Next's client router asks for RSC payloads of the same URL: cached apart (Vary), never mixed.
    return (hash);
}

sub vcl_backend_fetch {
    # A request that an instance failed is tried once more on another (one instance killed: 0 errors).
    if (bereq.retries > 0) {
        set bereq.http.x-retry = bereq.retries;
    }
}

sub vcl_backend_response {
    # The pages' Cache-Control decides: s-maxage is the TTL, stale-while-revalidate the grace (a
    # stale page is served while a fresh one is fetched), capped at a day: a purge is how fresh
    # content arrives. Next marks personal or dynamic answers private/no-store: never kept.
    if (beresp.grace > 1d) {
        set beresp.grace = 1d;
    }
    if (beresp.status >= 500) {
        if (bereq.retries < 1 && bereq.method == "GET") {
            return (retry);
        }
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    if (beresp.status == 404) {
        set beresp.ttl = 10s;
    }
}

sub vcl_backend_error {
    if (bereq.retries < 1) {
        return (retry);
    }
}

sub vcl_deliver {
    # The cache tags are for caches, not for readers.
    unset resp.http.xkey;
    unset resp.http.Cache-Tag;
    if (obj.hits > 0) {
        set resp.http.x-varnish-cache = "hit";
    } else {
        set resp.http.x-varnish-cache = "miss";
    }
}
