/**
 * The page readers get when the content backend is unavailable and the page they asked for is not
 * cached (proxy.ts): 503 with Retry-After, not indexed, not cached, self-contained (no script, no
 * style sheet, nothing that needs the backend).
 */
export const OUTAGE_RETRY_AFTER_SECONDS = 30

export const OUTAGE_HTML = `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Сайт временно недоступен — Baspa</title>
<style>body{font-family:Georgia,serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}a{color:#8a1c1c}</style>
</head>
<body>
<main id="outage">
<p><a href="/">Baspa</a></p>
<h1>Сайт временно недоступен</h1>
<p>Мы не можем сейчас загрузить эту страницу: хранилище материалов не отвечает. Мы уже знаем о проблеме.</p>
<p>Попробуйте обновить страницу через минуту. Уже открывавшиеся страницы по-прежнему доступны.</p>
</main>
</body>
</html>
`

export function outageResponse(method = 'GET'): Response {
  return new Response(method === 'HEAD' ? null : OUTAGE_HTML, {
    status: 503,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'retry-after': String(OUTAGE_RETRY_AFTER_SECONDS),
      'cache-control': 'no-store',
      'x-robots-tag': 'noindex',
    },
  })
}
