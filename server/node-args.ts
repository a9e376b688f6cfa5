/** What `npm run build` compiles server/main.ts into (scripts/build-server.ts). */
export const SERVER_BUNDLE = 'build/server.mjs'

/** The search threads' modules, compiled by `npm run build` beside the server (search/worker-thread.ts). */
export const SEARCH_WORKERS_BUNDLE_DIR = 'build/search'

/**
 * The Node command line of the production server (`npm start`), for every script that starts one:
 * the bundle `npm run build` makes of server/main.ts (scripts/build-server.ts says why it is not
 * run through tsx).
 *
 * `--max-semi-space-size=32` doubles V8's young generation. An uncached render allocates megabytes
 * (React's elements, the RSC payload, the HTML); in the default 16 MB semi-spaces each render ran
 * several scavenges of 15–27 ms (`--trace-gc`, the people index at 100 000 articles), because the
 * young objects that survive a scavenge are copied. With 32 MB, uncached p50 on this machine: an
 * article 54 → 40 ms, the home page 64 → 48 ms, the people index 421 → 321 ms, at the same RSS
 * (64 MB gained nothing more). Only the command line sets it: `v8.setFlagsFromString` after start
 * leaves the heap as it was created.
 */
export const SITE_NODE_ARGS = ['--max-semi-space-size=32', SERVER_BUNDLE]
