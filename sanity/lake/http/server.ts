import { createSecureServer } from 'node:http2'
import type { AddressInfo, Socket } from 'node:net'
import type { Lake } from '../index'
import { LakeEvents } from './events'
import { createLakeApi } from './router'
import type { LakeTls } from './tls'
import type { LakeTokens } from './tokens'

export interface LakeServer {
  url: string
  port: number
  events: LakeEvents
  close(): Promise<void>
}

export interface LakeServerOptions {
  lake: Lake
  tokens: LakeTokens
  tls: LakeTls
  projectId: string
  dataset: string
  port?: number
  host?: string
}

/**
 * Sanity's HTTP API over HTTP/2 + TLS (the Studio keeps ~10 event streams open; browsers allow six
 * HTTP/1.1 connections per host), with HTTP/1.1 still accepted for server-side clients.
 */
export async function startLakeServer(options: LakeServerOptions): Promise<LakeServer> {
  const events = new LakeEvents()
  const handle = createLakeApi({ ...options, events })
  const server = createSecureServer({ key: options.tls.key, cert: options.tls.cert, allowHTTP1: true }, (req, res) => void handle(req, res))
  // Event streams never end by themselves: closing the server must close their connections.
  const sockets = new Set<Socket>()
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 3443, options.host ?? '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `https://localhost:${port}`,
    port,
    events,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      }),
  }
}
