import { randomBytes } from 'node:crypto'
import { HttpError, readBody, sendJson, type Req, type Res } from './responses'
import type { LakeTokens } from './tokens'

/**
 * The lake's login provider for the Studio's login screen. The Studio lists `/auth/providers`,
 * opens the provider URL with `origin=<studio url>`, and expects to come back with `#sid=…`,
 * which it exchanges at `/auth/fetch?sid=…` for a token. Here the editor proves who they are with a
 * lake token (printed at first start, kept in lake-tokens.json); the sid is single-use and expires.
 */
const SID_TTL_MS = 60_000
const sessions = new Map<string, { token: string; expires: number }>()

export const PROVIDER_PATH = '/auth/login/lake'

function isLocalOrigin(value: string | null): value is string {
  if (!value) return false
  try {
    const url = new URL(value)
    const host = url.hostname
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      (host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]')
    )
  } catch {
    return false
  }
}

export function providers(apiOrigin: string) {
  return {
    providers: [{ name: 'baspa-lake', title: 'Вход по токену редакции', url: `${apiOrigin}/v1${PROVIDER_PATH}` }],
    thirdPartyLogin: false,
    sso: { saml: false },
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function page(res: Res, status: number, origin: string, message?: string) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY' })
  res.end(`<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Вход в редакцию — Baspa</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:10vh auto;padding:0 1rem;color:#17212b}
input,button{font:inherit;width:100%;box-sizing:border-box;padding:.6rem;margin:.4rem 0}button{background:#0b3d5c;color:#fff;border:0;border-radius:4px}
.error{color:#b00020}code{background:#f3f4f6;padding:0 .2rem}</style></head><body>
<h1>Вход в редакцию</h1>
<p>Вставьте токен редактора. Он напечатан при первом запуске портала и хранится в файле <code>.data/lake-tokens.json</code>; новый токен: <code>npm run lake:token -- editor "Имя"</code>.</p>
${message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post">
<input type="hidden" name="origin" value="${escapeHtml(origin)}">
<label for="token">Токен</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Войти</button>
</form></body></html>`)
}

export async function loginPage(req: Req, res: Res, url: URL, tokens: LakeTokens) {
  if (req.method === 'GET') {
    const origin = url.searchParams.get('origin')
    if (!isLocalOrigin(origin)) throw new HttpError(400, 'invalidOrigin', 'origin must be a localhost URL of the Studio')
    return page(res, 200, origin)
  }
  const form = new URLSearchParams((await readBody(req)).toString('utf8'))
  const origin = form.get('origin')
  if (!isLocalOrigin(origin)) throw new HttpError(400, 'invalidOrigin', 'origin must be a localhost URL of the Studio')
  const token = (form.get('token') ?? '').trim()
  if (!tokens.authenticate(`Bearer ${token}`)) return page(res, 401, origin, 'Токен не подошёл. Проверьте, что он скопирован целиком.')
  const now = Date.now()
  for (const [sid, session] of sessions) if (session.expires < now) sessions.delete(sid)
  const sid = randomBytes(24).toString('base64url')
  sessions.set(sid, { token, expires: now + SID_TTL_MS })
  const target = new URL(origin)
  target.hash = `sid=${sid}`
  res.writeHead(303, { location: target.toString(), 'cache-control': 'no-store' })
  res.end()
}

/** GET /auth/fetch?sid=…: the token for a fresh, unused sid. */
export function exchangeSid(res: Res, url: URL) {
  const sid = url.searchParams.get('sid') ?? ''
  const session = sessions.get(sid)
  sessions.delete(sid)
  if (!session || session.expires < Date.now()) throw new HttpError(401, 'invalidSession', 'unknown or expired login session')
  sendJson(res, 200, { token: session.token })
}
