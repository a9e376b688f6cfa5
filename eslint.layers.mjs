/**
 * The layers (docs/architecture.md): each folder may import the folders listed for it and nothing
 * else of the site. The order, bottom up: config → lib → messages → sanity (data layer) → formats,
 * search → components → app; schemas, server and proxy.ts beside them. So no folder can import a
 * folder that imports it (no cycles between folders), and components cannot fetch.
 */
const FOLDERS = ['app', 'components', 'config', 'formats', 'lib', 'messages', 'proxy', 'sanity', 'schemas', 'search', 'server']

const LAYERS = {
  config: { may: [], why: 'config/ is the bottom layer: it reads the environment and nothing of the site' },
  lib: { may: [], why: 'lib/ holds pure helpers: no data layer, no messages, no components' },
  messages: { may: ['lib'], why: 'messages/ are strings: they may use lib/ helpers only' },
  schemas: { may: ['lib'], extra: ['@/sanity/queries'], why: 'schemas/ are the content model: lib/ helpers and the GROQ of sanity/queries.ts only' },
  sanity: { may: ['config', 'lib'], why: 'sanity/ is the data layer: it knows config/ and lib/, not how pages or formats use its data' },
  formats: { may: ['config', 'lib', 'messages', 'sanity'], why: 'formats/ (head, JSON-LD, feeds, the outage page) render data; they are not rendered by it' },
  search: { may: ['config', 'lib', 'sanity'], why: 'search/ reads content through sanity/fetch.ts; pages and components use it, not the other way round' },
  components: {
    may: ['lib', 'messages', 'formats', 'search'],
    // Components render what they are given: types of the data layer and its image URL builders, never its fetch functions.
    extra: ['@/sanity/models', '@/sanity/image', '@/sanity/image-loader'],
    types: ['sanity'],
    why: 'components/ render; they never fetch: data comes as props from app/',
  },
  app: {
    may: ['config', 'lib', 'messages', 'sanity', 'formats', 'search', 'components'],
    extra: ['@/sanity.config'],
    deny: ['@/sanity/queries', '@/sanity/client', '@/sanity/content', '@/sanity/content-client'],
    why: 'app/ routes call the fetch helpers (sanity/fetch.ts), never GROQ or a client',
  },
  server: { may: ['config', 'lib', 'sanity'], why: 'server/ starts the site and its lake; it does not render' },
  proxy: {
    may: ['config', 'lib', 'formats', 'sanity'],
    why: 'proxy/ (the parts of proxy.ts) decides on requests: config, lib, formats and the data layer only',
  },
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
/** A specifier of the site (`@/…`) that is none of `names` (folders, or single modules given with `@/`). */
const notAmong = (names) => `^@/(?!(${names.map((name) => escape(name.replace(/^@\//, ''))).join('|')})(/|$))`

function rule(folder, layer) {
  const allowed = [folder, ...layer.may]
  const patterns = [
    { regex: notAmong([...allowed, ...(layer.extra ?? []), ...(layer.types ?? [])]), message: layer.why },
    // Relative paths out of the folder would go around the rule: imports across folders use `@/`.
    { regex: `(^|/)\\.\\./(${FOLDERS.filter((name) => name !== folder).join('|')})(/|$)`, message: 'import other folders through `@/`' },
  ]
  // Type-only imports of these are allowed; values only of the `extra` modules.
  if (layer.types)
    patterns.push({
      regex: `^@/(${layer.types.join('|')})/(?!(${(layer.extra ?? []).map((name) => escape(name.replace(/^@\/[a-z]+\//, ''))).join('|')})$)`,
      allowTypeImports: true,
      message: layer.why,
    })
  if (layer.deny) patterns.push({ regex: `^(${layer.deny.map(escape).join('|')})$`, message: layer.why })
  return { files: [`${folder}/**/*.{ts,tsx}`], rules: { 'no-restricted-imports': ['error', { patterns }] } }
}

export const layers = [
  ...Object.entries(LAYERS).map(([folder, layer]) => rule(folder, layer)),
  {
    files: ['proxy.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: notAmong(['config', 'lib', 'formats', 'sanity', 'proxy']),
              message: 'proxy.ts decides on requests: config, lib, formats and the data layer only',
            },
          ],
        },
      ],
    },
  },
]
