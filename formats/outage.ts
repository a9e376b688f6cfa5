import { DEFAULT_LOCALE, localizePath, type Locale } from '@/lib/locale'
import { messagesFor } from '@/messages'

/**
 * The page readers get when the content backend is unavailable and the page they asked for is not
 * cached (proxy.ts): 503 with Retry-After, not indexed, not cached, self-contained (no script, no
 * style sheet, nothing that needs the backend), in the language of the edition the address names.
 */
const OUTAGE_RETRY_AFTER_SECONDS = 30

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' } as const)[c as '&']};`)

function outageHtml(locale: Locale = DEFAULT_LOCALE): string {
  const m = messagesFor(locale).outage
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(m.title)} — Baspa</title>
<style>body{font-family:Georgia,serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}a{color:#8a1c1c}</style>
</head>
<body>
<main id="outage">
<p><a href="${localizePath(locale, '/')}">Baspa</a></p>
<h1>${escapeHtml(m.title)}</h1>
<p>${escapeHtml(m.text)}</p>
<p>${escapeHtml(m.retry)}</p>
</main>
</body>
</html>
`
}

export function outageResponse(method = 'GET', locale: Locale = DEFAULT_LOCALE): Response {
  return new Response(method === 'HEAD' ? null : outageHtml(locale), {
    status: 503,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-language': locale,
      'retry-after': String(OUTAGE_RETRY_AFTER_SECONDS),
      'cache-control': 'no-store',
      'x-robots-tag': 'noindex',
    },
  })
}
