import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import type { LakeTokens, TokenUser } from './tokens'

/**
 * Presence: who else has which document open. The Studio keeps one WebSocket per tab to
 * `/v…/socket/<dataset>` and speaks JSON-RPC 2.0 over it (`@sanity/bifur-client`): `authorization`,
 * then `presence_subscribe`, then `presence_announce` / `presence_rollcall` / `presence_disconnect`,
 * whose events the server fans out to every subscriber as `presence_subscription` messages.
 *
 * The hub only relays: nothing is stored, a lake restart forgets who was where (the Studio announces
 * itself again every 30 s and on reconnect). Without this endpoint the Studio's socket fails, and
 * the disconnect it sends when a tab navigates away surfaces as an uncaught page error.
 */

/** What the Studio receives (its `handleIncomingMessage`): `i` is the user, `m` the payload. */
type PresenceEvent =
  | { type: 'rollCall'; i: string; session: string }
  | { type: 'state'; i: string; m: { sessionId: string; locations: unknown[] } }
  | { type: 'disconnect'; i: string; m: { session: string } }

interface Client {
  socket: WebSocket
  user: TokenUser | null
  subscription: string | null
  /** Sessions announced on this socket, to say they left when it closes without a word. */
  sessions: Set<string>
}

/** bifur-client's own error codes (ERROR_CODES): a close code, or a JSON-RPC error. */
const CLOSE_NOT_FOUND = 4004
const CLOSE_BUSY = 1013
const RPC_INVALID_REQUEST = -32600
const RPC_METHOD_NOT_FOUND = -32601
const RPC_INVALID_PARAMS = -32602
const RPC_PARSE_ERROR = -32700
const RPC_UNAUTHORIZED = 4001

/** The heartbeat bifur-client expects between messages (anything else must be JSON-RPC). */
const HEARTBEAT = '\u2665'
const HEARTBEAT_MS = 25_000
/** A presence message carries a few document locations; anything bigger is not the Studio. */
const MAX_MESSAGE_BYTES = 64 * 1024
const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/
const SOCKET_PATH = /^\/v[^/]+\/socket\/([^/?]+)$/

export interface PresenceHubOptions {
  tokens: LakeTokens
  dataset: string
  /** Open sockets at most; more are closed at once with 1013 (try again later). */
  maxConnections: number
}

export class PresenceHub {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  private readonly clients = new Set<Client>()
  private readonly heartbeat: NodeJS.Timeout
  private nextSubscription = 1

  constructor(private readonly options: PresenceHubOptions) {
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) client.socket.send(HEARTBEAT)
    }, HEARTBEAT_MS)
    this.heartbeat.unref()
  }

  get connections(): number {
    return this.clients.size
  }

  /** An HTTP/1.1 upgrade request: a socket for this dataset is taken over, anything else refused. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://lake').pathname
    const dataset = SOCKET_PATH.exec(path)?.[1]
    if (dataset === undefined) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    this.server.handleUpgrade(req, socket, head, (ws) => {
      if (dataset !== this.options.dataset) return ws.close(CLOSE_NOT_FOUND, `dataset "${dataset}" not found`)
      if (this.clients.size >= this.options.maxConnections) return ws.close(CLOSE_BUSY, 'too many presence connections')
      this.accept(ws)
    })
  }

  close(): void {
    clearInterval(this.heartbeat)
    for (const client of this.clients) client.socket.terminate()
    this.clients.clear()
    this.server.close()
  }

  private accept(socket: WebSocket) {
    const client: Client = { socket, user: null, subscription: null, sessions: new Set() }
    this.clients.add(client)
    socket.on('message', (data: RawData, isBinary: boolean) => this.receive(client, isBinary ? null : data.toString()))
    socket.on('error', () => socket.terminate())
    socket.on('close', () => {
      this.clients.delete(client)
      if (client.user) for (const session of client.sessions) this.broadcast({ type: 'disconnect', i: client.user.id, m: { session } })
    })
  }

  private receive(client: Client, text: string | null) {
    let message: unknown
    try {
      message = text === null ? undefined : JSON.parse(text)
    } catch {
      return this.reply(client, null, { error: { code: RPC_PARSE_ERROR, message: 'not JSON' } })
    }
    const request = parseRequest(message)
    if (!request) return this.reply(client, null, { error: { code: RPC_INVALID_REQUEST, message: 'not a JSON-RPC 2.0 request' } })
    const { id, method, params } = request
    const fail = (code: number, text: string) => this.reply(client, id, { error: { code, message: text } })
    if (method === 'authorization') {
      const user = this.options.tokens.authenticate(typeof params.authorization === 'string' ? params.authorization : undefined)
      if (!user) return fail(RPC_UNAUTHORIZED, 'invalid token')
      client.user = user
      return this.reply(client, id, { result: true })
    }
    if (!client.user) return fail(RPC_UNAUTHORIZED, 'presence needs a token: call authorization first')
    const user = client.user
    switch (method) {
      case 'presence_subscribe':
        client.subscription ??= `presence-${this.nextSubscription++}`
        return this.reply(client, id, { result: client.subscription })
      case 'presence_unsubscribe':
        client.subscription = null
        return this.reply(client, id, { result: true })
      case 'presence_rollcall':
      case 'presence_disconnect': {
        const session = params.session
        if (typeof session !== 'string' || !SESSION_ID.test(session)) return fail(RPC_INVALID_PARAMS, 'session must be a session id')
        this.reply(client, id, { result: true })
        if (method === 'presence_rollcall') return this.broadcast({ type: 'rollCall', i: user.id, session })
        client.sessions.delete(session)
        return this.broadcast({ type: 'disconnect', i: user.id, m: { session } })
      }
      case 'presence_announce': {
        const data = params.data as { sessionId?: unknown; locations?: unknown } | undefined
        if (typeof data?.sessionId !== 'string' || !SESSION_ID.test(data.sessionId) || !Array.isArray(data.locations))
          return fail(RPC_INVALID_PARAMS, 'data must hold a sessionId and locations')
        client.sessions.add(data.sessionId)
        this.reply(client, id, { result: true })
        return this.broadcast({ type: 'state', i: user.id, m: { sessionId: data.sessionId, locations: data.locations } })
      }
      default:
        return fail(RPC_METHOD_NOT_FOUND, `no method ${method}`)
    }
  }

  private reply(client: Client, id: string | number | null, body: { result: unknown } | { error: { code: number; message: string } }) {
    client.socket.send(JSON.stringify({ jsonrpc: '2.0', id, ...body }))
  }

  private broadcast(event: PresenceEvent) {
    for (const client of this.clients) {
      if (client.subscription === null) continue
      client.socket.send(JSON.stringify({ jsonrpc: '2.0', method: 'presence_subscription', params: { subscription: client.subscription, result: event } }))
    }
  }
}

interface RpcRequest {
  id: string | number
  method: string
  params: Record<string, unknown>
}

function parseRequest(value: unknown): RpcRequest | null {
  if (typeof value !== 'object' || value === null) return null
  const { jsonrpc, id, method, params = {} } = value as Record<string, unknown>
  if (jsonrpc !== '2.0' || typeof method !== 'string' || (typeof id !== 'string' && typeof id !== 'number')) return null
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return null
  return { id, method, params: params as Record<string, unknown> }
}
