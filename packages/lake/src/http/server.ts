import { createServer as createHttpServer, type Server as HttpServer } from 'node:http'
import { createSecureServer, type Http2SecureServer } from 'node:http2'
import type { AddressInfo, Socket } from 'node:net'
import type { LakeLimits } from '../config'
import type { Lake } from '../lake'
import { QueryPool } from '../query-pool'
import { LakeEvents } from './events'
import { PresenceHub } from './presence'
import { createLakeApi } from './router'
import type { LakeTls } from './tls'
import type { LakeTokens } from './tokens'

export interface LakeServer {
  /** The HTTPS address (browsers, the Studio), when started. */
  url?: string
  /** The plain HTTP address (servers: the site's @sanity/client), when started. */
  httpUrl?: string
  port?: number
  httpPort?: number
  events: LakeEvents
  queries: QueryPool
  close(): Promise<void>
}

export interface LakeServerOptions {
  lake: Lake
  tokens: LakeTokens
  projectId: string
  dataset: string
  limits: LakeLimits
  /** HTTPS + HTTP/2 on `port` (0: any free port); left out: no HTTPS listener. */
  tls?: LakeTls
  port?: number
  /** Plain HTTP/1.1 on this port (0: any free port); left out: no plain listener. */
  httpPort?: number
  host?: string
  /** The origin written into uploaded assets' `url`; left out: the origin the upload came in on. */
  assetBaseUrl?: string
  /** Tests only: see config.ts. */
  clockOffsetFile?: string
}

/**
 * Sanity's HTTP API on up to two listeners over one router: HTTPS with HTTP/2 for browsers (the
 * Studio keeps ~10 event streams open; browsers allow six HTTP/1.1 connections per host, and only
 * over TLS do they speak HTTP/2), and plain HTTP/1.1 for servers, which need no certificate to
 * trust. Queries run in a pool of worker threads (../query-pool.ts).
 */
export async function startLakeServer(options: LakeServerOptions): Promise<LakeServer> {
  const events = new LakeEvents()
  const queries = new QueryPool({ databaseFile: options.lake.store.file, limits: options.limits, clockOffsetFile: options.clockOffsetFile })
  const handle = createLakeApi({ ...options, events, queries })
  const presence = new PresenceHub({ tokens: options.tokens, dataset: options.dataset, maxConnections: options.limits.presenceConnections })
  const host = options.host ?? '127.0.0.1'
  // Event streams never end by themselves: closing a server must close their connections.
  const sockets = new Set<Socket>()
  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  }
  const servers: (Http2SecureServer | HttpServer)[] = []
  const listen = async (server: Http2SecureServer | HttpServer, port: number) => {
    servers.push(server)
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => resolve())
    })
    return (server.address() as AddressInfo).port
  }
  const close = async () => {
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve())
            for (const socket of sockets) socket.destroy()
          }),
      ),
    )
    presence.close()
    await queries.close()
  }
  try {
    const result: LakeServer = { events, queries, close }
    if (options.tls && options.port !== undefined) {
      const secure = createSecureServer({ key: options.tls.key, cert: options.tls.cert, allowHTTP1: true }, (req, res) => void handle(req, res))
      secure.on('secureConnection', track)
      // Browsers open WebSockets over HTTP/1.1 (no RFC 8441 here), so they arrive through allowHTTP1.
      secure.on('upgrade', (req, socket, head) => presence.upgrade(req, socket, head))
      result.port = await listen(secure, options.port)
      result.url = `https://localhost:${result.port}`
    }
    if (options.httpPort !== undefined) {
      const plain = createHttpServer((req, res) => void handle(req, res))
      plain.on('connection', track)
      plain.on('upgrade', (req, socket, head) => presence.upgrade(req, socket, head))
      plain.keepAliveTimeout = 65_000
      result.httpPort = await listen(plain, options.httpPort)
      result.httpUrl = `http://${host.includes(':') ? `[${host}]` : host}:${result.httpPort}`
    }
    return result
  } catch (error) {
    await close()
    throw error
  }
}
