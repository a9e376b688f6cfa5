import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { test as base, expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test'

/** The lake behind the server under test: its tokens and a client for its Sanity HTTP API. */
export interface LakeFixture {
  editorToken: string
  api: APIRequestContext
  getDocument(id: string): Promise<Record<string, unknown> | undefined>
  mutate(mutations: unknown[]): Promise<void>
  /** The Actions API, as the Studio uses it (publish, unpublish, …). */
  act(actions: unknown[]): Promise<void>
}

/** The folder of the lake the server under test started (its database, tokens, pid file). */
export const LAKE_FOLDER = dirname(process.env.LAKE_DB_PATH ?? '.data/lake.sqlite')
export const LAKE_API_URL = `https://localhost:${process.env.LAKE_API_PORT ?? 3443}`

/** The lake's process, as the server that supervises it records it (server/lake-supervisor.ts). */
export const lakePid = () => Number(readFileSync(join(LAKE_FOLDER, 'lake.pid'), 'utf8'))

export const test = base.extend<{ lake: LakeFixture }>({
  lake: async ({}, use) => {
    const tokens = JSON.parse(readFileSync(join(LAKE_FOLDER, 'lake-tokens.json'), 'utf8')) as { editor: string }
    const api = await playwrightRequest.newContext({
      baseURL: `${LAKE_API_URL}/v2025-02-19/`,
      ignoreHTTPSErrors: true,
      extraHTTPHeaders: { authorization: `Bearer ${tokens.editor}` },
    })
    await use({
      editorToken: tokens.editor,
      api,
      async getDocument(id) {
        const response = await api.get(`data/doc/production/${id}`)
        expect(response.ok()).toBe(true)
        return ((await response.json()) as { documents: Record<string, unknown>[] }).documents[0]
      },
      async mutate(mutations) {
        const response = await api.post('data/mutate/production', { data: { mutations } })
        expect(response.ok(), await response.text()).toBe(true)
      },
      async act(actions) {
        const response = await api.post('data/actions/production', { data: { actions } })
        expect(response.ok(), await response.text()).toBe(true)
      },
    })
    await api.dispose()
  },
})

export { expect }

/** A published article for the lake's mutate API: visible at once, in «Культура», by a demo author; `fields` override. */
export function articleDocument(id: string, fields: Record<string, unknown>) {
  return {
    _id: id,
    _type: 'article',
    slug: { _type: 'slug', current: id },
    language: 'ru',
    publishedAt: new Date(Date.now() - 60_000).toISOString(),
    topics: [{ _type: 'reference', _ref: 'topic-kultura', _key: 't1' }],
    authors: [{ _type: 'reference', _ref: 'author-aygerim-saparova', _key: 'a1' }],
    ...fields,
  }
}
