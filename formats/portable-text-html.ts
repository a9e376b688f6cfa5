import { escapeHTML, toHTML, type PortableTextHtmlComponents } from '@portabletext/to-html'
import type { PortableTextBlock } from '@portabletext/types'
import { ImageModel, type Image } from '@/sanity/models'
import { isExternalHref, safeHref } from '@/lib/safe-href'

/**
 * An article body as HTML for feed readers: the same blocks the article page renders, with absolute
 * links and images, unsafe links dropped and every text escaped (by @portabletext/to-html).
 */
export function portableTextToHtml(body: unknown[], options: { siteUrl: string; imageUrl: (image: Image) => string }): string {
  const components: Partial<PortableTextHtmlComponents> = {
    marks: {
      link: ({ value, children }) => {
        const href = safeHref((value as { href?: unknown } | undefined)?.href)
        if (!href) return children
        const absolute = isExternalHref(href) || /^(mailto|tel):/i.test(href) ? href : new URL(href, `${options.siteUrl}/`).toString()
        return `<a href="${escapeHTML(absolute)}">${children}</a>`
      },
    },
    types: {
      figure: ({ value }) => {
        const image = ImageModel.safeParse(value)
        if (!image.success) return ''
        const { alt, caption, credit } = image.data
        const figcaption = [caption, credit]
          .filter(Boolean)
          .map((text) => escapeHTML(text!))
          .join(' · ')
        return `<figure><img src="${escapeHTML(options.imageUrl(image.data))}" alt="${escapeHTML(alt)}" />${figcaption ? `<figcaption>${figcaption}</figcaption>` : ''}</figure>`
      },
    },
  }
  return toHTML(body as PortableTextBlock[], { components, onMissingComponent: false })
}
