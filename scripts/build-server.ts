/**
 * `npm run build` (before `next build`): the production server, server/main.ts and the site's modules
 * it imports, bundled into one JavaScript file, build/server.mjs, which `npm start` runs with plain
 * Node (server/node-args.ts); and each search thread's module (search/*-worker.ts) into
 * build/search/, which the server's search threads run (search/worker-thread.ts).
 *
 * Why not `node --import tsx server/main.ts`: tsx's ESM hooks run on a loader thread of their own,
 * and Node then sends every `import()` to that thread and waits for its answer. Next imports its
 * cache handler's module again on every request: 0.35 ms a request on a quiet machine, and on two
 * busy cores a wait for the thread to be scheduled, while the event loop stands still. Measured on
 * 100 000 articles, a request of /robots.txt every 50 ms while ten connections searched: p50 63 →
 * 22 ms, longest 127 → 90 ms. The loader thread and the compiler also cost 20–30 MB of RSS and part
 * of every start.
 *
 * What stays outside the bundle, imported as it is:
 * - packages from node_modules (Next loads them too; one copy in the process);
 * - the plain `.mjs` modules of server/: Next loads the cache handlers by path, and they share
 *   module state (the render generation of render-start.mjs, the Redis connection) with main.ts,
 *   so both must import the same module instance;
 * - the lake, which the server starts as a child process (it compiles its own TypeScript). The
 *   demo seed's `@baspa/lake/ndjson` is bundled: it is two functions with no dependencies.
 * `import.meta.dirname` and `import.meta.url` of a bundled module keep naming its source file's
 * place, relative to the bundle, so paths beside the sources (the demo dataset) still resolve.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { build, type Plugin } from 'esbuild'
import { SEARCH_WORKERS_BUNDLE_DIR, SERVER_BUNDLE } from '../server/node-args'

export const SERVER_ENTRY = 'server/main.ts'

const isBundledPackage = (specifier: string) => specifier.startsWith('@baspa/lake/ndjson')

function placement(outfile: string): Plugin {
  const outDir = dirname(resolve(outfile))
  const fromBundle = (path: string) => JSON.stringify(relative(outDir, path))
  return {
    name: 'baspa-server-placement',
    setup(b) {
      b.onResolve({ filter: /\.mjs$/ }, (args) =>
        args.kind === 'entry-point' ? undefined : { path: `./${relative(outDir, resolve(args.resolveDir, args.path))}`, external: true },
      )
      // Bare specifiers are packages, except the `@/` alias of the site's own modules.
      b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@/') || isBundledPackage(args.path) ? undefined : { path: args.path, external: true }))
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8')
        if (!source.includes('import.meta.')) return undefined
        const contents = source
          .replaceAll('import.meta.dirname', `__baspaPath(${fromBundle(dirname(args.path))})`)
          .replaceAll('import.meta.url', `__baspaUrl(${fromBundle(args.path)})`)
        return { contents, loader: 'ts' }
      })
    },
  }
}

/** Bundles `entry` into `outfile` (ESM); resolves with the source files it holds. */
export async function bundle(entry: string, outfile: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    tsconfig: 'tsconfig.json',
    plugins: [placement(outfile)],
    banner: {
      js: [
        "import { pathToFileURL as __baspaPathToUrl } from 'node:url'",
        "import { resolve as __baspaResolve } from 'node:path'",
        'const __baspaPath = (fromBundle) => __baspaResolve(import.meta.dirname, fromBundle)',
        'const __baspaUrl = (fromBundle) => __baspaPathToUrl(__baspaPath(fromBundle)).href',
      ].join('\n'),
    },
    metafile: true,
    logLevel: 'warning',
  })
  return Object.keys(result.metafile.inputs)
}

/** Every search thread's module: search/<name>-worker.ts → build/search/<name>-worker.mjs. */
export const searchWorkers = () =>
  readdirSync('search')
    .filter((file) => file.endsWith('-worker.ts'))
    .map((file) => ({ entry: join('search', file), outfile: join(SEARCH_WORKERS_BUNDLE_DIR, file.replace(/\.ts$/, '.mjs')) }))

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  for (const { entry, outfile } of [{ entry: SERVER_ENTRY, outfile: SERVER_BUNDLE }, ...searchWorkers()]) {
    const inputs = await bundle(entry, outfile)
    console.log(`${outfile}: ${entry} and ${inputs.length - 1} modules it imports (scripts/build-server.ts)`)
  }
}
