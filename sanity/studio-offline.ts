import type { WorkspaceOptions } from 'sanity'

/**
 * What the Studio offers when it edits the local lake. Releases, scheduled drafts and publishing,
 * comments, tasks and presence are services of Sanity's cloud that the lake does not provide: shown
 * anyway they fail on use («Unable to perform this action»), so they are switched off. Scheduling
 * is done the newsroom way instead (sanity/schedule-action.tsx).
 */
export const lakeWorkspaceOptions = {
  releases: { enabled: false },
  scheduledDrafts: { enabled: false },
  scheduledPublishing: { enabled: false },
  tasks: { enabled: false },
  announcements: { enabled: false },
} satisfies Partial<WorkspaceOptions>

/** …and per document: no comments (a cloud service too). */
export const lakeDocumentOptions = { comments: { enabled: false } } satisfies WorkspaceOptions['document']

/** The path of Sanity's presence socket (bifur): `wss://{project}.{apiHost}/v…/socket/{dataset}`. */
const PRESENCE_SOCKET = /\/socket\/[^/]+$/

/**
 * Presence has no switch in the Studio: it opens a WebSocket to `/socket/{dataset}` as soon as a
 * pane mounts, and the lake (plain HTTPS) refuses it, which the Studio reports as an uncaught
 * «WebSocket connection error» and retries. In local mode that socket is never opened: the Studio
 * gets one that stays «connecting», so presence shows nobody and nothing goes over the network.
 * Any other WebSocket (and every socket in hosted mode) is untouched.
 */
export function keepPresenceOffline(lakeApiUrl: string) {
  if (typeof window === 'undefined' || !('WebSocket' in window)) return
  const lakeHost = new URL(lakeApiUrl).hostname
  const Native = window.WebSocket
  if ((Native as { baspaOffline?: boolean }).baspaOffline) return
  const isPresenceSocket = (url: string | URL) => {
    const target = new URL(url, window.location.href)
    const host = target.hostname
    return (host === lakeHost || host.endsWith(`.${lakeHost}`)) && PRESENCE_SOCKET.test(target.pathname)
  }
  const Guarded = new Proxy(Native, {
    construct(target, args: [string | URL, (string | string[])?]) {
      return isPresenceSocket(args[0]) ? new UnopenedSocket(String(args[0])) : Reflect.construct(target, args)
    },
  })
  Object.assign(Guarded, { baspaOffline: true })
  window.WebSocket = Guarded
}

/** A WebSocket that never connects: it only records handlers, and closing it fires nothing. */
class UnopenedSocket extends EventTarget {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
  readonly CONNECTING = 0
  readonly OPEN = 1
  readonly CLOSING = 2
  readonly CLOSED = 3
  readyState = 0
  readonly protocol = ''
  readonly extensions = ''
  readonly bufferedAmount = 0
  binaryType: BinaryType = 'blob'
  onopen: ((event: Event) => void) | null = null
  onmessage: ((event: MessageEvent) => void) | null = null
  onerror: ((event: Event) => void) | null = null
  onclose: ((event: CloseEvent) => void) | null = null
  constructor(readonly url: string) {
    super()
  }
  send() {
    throw new DOMException('the presence socket is not available with the local lake', 'InvalidStateError')
  }
  close() {
    this.readyState = this.CLOSED
  }
}
