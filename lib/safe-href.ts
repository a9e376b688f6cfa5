/**
 * The link targets an editor's link may have: web and mail links, and paths on this site.
 * Anything else (`javascript:`, `data:`, `vbscript:` …, however spelled) renders as plain text.
 */
export function safeHref(href: unknown): string | undefined {
  if (typeof href !== 'string') return undefined
  const trimmed = href.trim()
  if (/^(https?:\/\/|mailto:|tel:)/i.test(trimmed)) return trimmed
  if (/^\/(?!\/)/.test(trimmed) || trimmed.startsWith('#')) return trimmed
  return undefined
}

export const isExternalHref = (href: string) => /^https?:\/\//i.test(href)
