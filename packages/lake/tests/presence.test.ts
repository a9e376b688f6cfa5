import { fromUrl } from '@sanity/bifur-client'
import { firstValueFrom, of, take, toArray } from 'rxjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { DEFAULT_LIMITS } from '../src/config'
import { startLakeServer, type LakeServer } from '../src/http/server'
import { LakeTokens } from '../src/http/tokens'
import { tempLake, type TempLake } from './lake-fixture'

/**
 * Presence through the Studio's own client (@sanity/bifur-client, as `sanity` builds it): two
 * editors' tabs see each other's announcements and departures; what is not a Studio is refused.
 */
let lake: TempLake
let server: LakeServer
let editor: string
let colleague: string
let tokens: LakeTokens

const socketUrl = (dataset = 'production') => `${server.httpUrl!.replace(/^http/, 'ws')}/v2022-06-30/socket/${dataset}?tag=sanity.studio`
const studioTab = (token: string) => fromUrl(socketUrl(), { token$: of(token) })

/** A raw socket's next message (or close) as text. */
function open(url: string): Promise<{ ws: WebSocket; next: () => Promise<string> }> {
  const ws = new WebSocket(url)
  const queue: string[] = []
  const waiting: ((text: string) => void)[] = []
  ws.on('message', (data) => (waiting.shift() ?? ((text: string) => queue.push(text)))(data.toString()))
  ws.on('close', (code) => (waiting.shift() ?? ((text: string) => queue.push(text)))(`closed ${code}`))
  const next = () => (queue.length ? Promise.resolve(queue.shift()!) : new Promise<string>((resolve) => waiting.push(resolve)))
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, next }))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
  })
}

beforeAll(async () => {
  // Node 20 has no global WebSocket; the Studio's client uses the browser's.
  Object.assign(globalThis, { WebSocket })
  lake = tempLake({ empty: true })
  tokens = new LakeTokens(lake.store)
  editor = tokens.mint('editor', 'Айгерим')
  colleague = tokens.mint('editor', 'Ержан')
  server = await startLakeServer({
    lake,
    tokens,
    projectId: 'local',
    dataset: 'production',
    httpPort: 0,
    limits: { ...DEFAULT_LIMITS, presenceConnections: 3 },
  })
})
afterAll(async () => {
  await server.close()
  lake.dispose()
})

describe('presence', () => {
  it("relays one tab's location to another editor's tab, and its departure when the socket closes", async () => {
    const mine = studioTab(editor)
    const theirs = studioTab(colleague)
    const seen = firstValueFrom(theirs.listen('presence').pipe(take(2), toArray()))
    await new Promise((resolve) => setTimeout(resolve, 100))
    const listening = mine.listen('presence').subscribe()
    const locations = [{ type: 'document', documentId: 'article-1', path: ['title'], lastActiveAt: new Date().toISOString() }]
    await firstValueFrom(mine.request('presence_announce', { data: { sessionId: 'tab-1', locations } }))
    listening.unsubscribe()
    const [state, disconnect] = await seen
    const me = tokens.authenticate(`Bearer ${editor}`)!.id
    expect(state).toEqual({ type: 'state', i: me, m: { sessionId: 'tab-1', locations } })
    expect(disconnect).toEqual({ type: 'disconnect', i: me, m: { session: 'tab-1' } })
  })

  it('refuses presence without a valid token, a foreign dataset, other paths and garbage', async () => {
    const anonymous = await open(socketUrl())
    anonymous.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'presence_subscribe', params: {} }))
    expect(JSON.parse(await anonymous.next())).toMatchObject({ id: 1, error: { code: 4001 } })
    anonymous.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'authorization', params: { authorization: 'Bearer nope' } }))
    expect(JSON.parse(await anonymous.next())).toMatchObject({ id: 2, error: { code: 4001 } })
    anonymous.ws.send('{not json')
    expect(JSON.parse(await anonymous.next())).toMatchObject({ id: null, error: { code: -32700 } })
    anonymous.ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'x' }))
    expect(JSON.parse(await anonymous.next())).toMatchObject({ id: null, error: { code: -32600 } })
    anonymous.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'authorization', params: { authorization: `Bearer ${editor}` } }))
    expect(JSON.parse(await anonymous.next())).toEqual({ jsonrpc: '2.0', id: 3, result: true })
    anonymous.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'presence_announce', params: { data: { sessionId: 'a b', locations: [] } } }))
    expect(JSON.parse(await anonymous.next())).toMatchObject({ id: 4, error: { code: -32602 } })
    anonymous.ws.send('x'.repeat(70 * 1024))
    expect(await anonymous.next()).toBe('closed 1009')

    const foreign = await open(socketUrl('staging'))
    expect(await foreign.next()).toBe('closed 4004')
    await expect(open(`${server.httpUrl!.replace(/^http/, 'ws')}/v1/data/listen/production`)).rejects.toThrow('HTTP 404')
  })

  it('closes sockets past the limit with 1013, and takes new ones once others have gone', async () => {
    const held = await Promise.all([open(socketUrl()), open(socketUrl()), open(socketUrl())])
    const extra = await open(socketUrl())
    expect(await extra.next()).toBe('closed 1013')
    held[0]!.ws.close()
    await held[0]!.next()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const again = await open(socketUrl())
    again.ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'authorization', params: { authorization: `Bearer ${colleague}` } }))
    expect(JSON.parse(await again.next())).toMatchObject({ result: true })
    for (const socket of [...held.slice(1), again]) socket.ws.close()
  })
})
