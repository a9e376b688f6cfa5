/**
 * Where a redirect back into this site may go: a path of the site, resolved against the site's own
 * origin (SITE_URL), never against the request's Host header, which a client controls. Anything
 * that does not stay on that origin — `//evil.example`, `/\evil.example`, and the same with a tab,
 * line feed or carriage return in between (`/%09/evil.example`: URL parsers drop those characters,
 * which turns the path into `//evil.example`) — gives the home page.
 */
export function localRedirectTarget(to: string | null | undefined, siteUrl: string): URL {
  const site = new URL(siteUrl)
  const home = new URL('/', site)
  if (!to || !to.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(to) || to.startsWith('//')) return home
  let target: URL
  try {
    target = new URL(to, site)
  } catch {
    return home
  }
  return target.origin === site.origin ? target : home
}

/** The referring page's path, when it is a page of this site. */
export function sameSitePath(referer: string | null, siteUrl: string): string | undefined {
  if (!referer) return undefined
  try {
    const from = new URL(referer)
    return from.origin === new URL(siteUrl).origin ? `${from.pathname}${from.search}` : undefined
  } catch {
    return undefined
  }
}
