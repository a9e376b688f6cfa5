import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/**
 * The layers of docs/architecture.md are ESLint rules (eslint.layers.mjs): an import against them
 * fails `npm run lint`. Probes of each kind, linted as if they stood in the named file.
 */
const eslint = new ESLint()
async function refused(filePath: string, code: string): Promise<boolean> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath })
  return result!.messages.some((message) => message.ruleId === 'no-restricted-imports')
}

describe('layers', () => {
  it.each([
    ['components/Probe.tsx', "import { getArticle } from '@/sanity/fetch'", 'a component fetching'],
    ['components/Probe.tsx', "import { contentApi } from '@/sanity/content'", 'a component reaching the content API'],
    ['lib/probe.ts', "import type { Article } from '@/sanity/models'", 'a pure helper knowing the data layer'],
    ['lib/probe.ts', "import { MESSAGES } from '@/messages'", 'a pure helper knowing the messages'],
    ['sanity/probe.ts', "import { articleMetadata } from '@/formats/metadata'", 'the data layer knowing a format'],
    ['sanity/probe.ts', "import { getSearchIndex } from '@/search/site-index'", 'the data layer knowing search'],
    ['search/probe.ts', "import { SearchView } from '@/components/SearchView'", 'search knowing a component'],
    ['app/probe.ts', "import { ARTICLE_QUERY } from '@/sanity/queries'", 'a route with GROQ'],
    ['app/probe.ts', "import { contentClient } from '@/sanity/client'", 'a route with a client'],
    ['schemas/probe.ts', "import { getArticle } from '@/sanity/fetch'", 'the content model fetching'],
    ['config/probe.ts', "import { formatDate } from '@/lib/format'", 'configuration depending on the site'],
    ['formats/probe.ts', "import { parseSearchParams } from '../search/params'", 'a relative path around the rule'],
    ['server/probe.ts', "import { ArticleView } from '@/components/ArticleView'", 'the server rendering'],
  ])('%s: %s is refused (%s)', async (file, code) => {
    expect(await refused(file, code)).toBe(true)
  })

  it.each([
    ['components/Probe.tsx', "import type { Article } from '@/sanity/models'"],
    ['components/Probe.tsx', "import { imageUrl } from '@/sanity/image'"],
    ['app/probe.ts', "import { getArticle } from '@/sanity/fetch'"],
    ['search/probe.ts', "import { getSearchVersion } from '@/sanity/fetch'"],
    ['schemas/probe.ts', "import { SLUG_TAKEN_QUERY } from '@/sanity/queries'"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await refused(file, code)).toBe(false)
  })
})
