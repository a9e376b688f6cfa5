import { PortableText, type PortableTextComponents } from '@portabletext/react'
import type { PortableTextBlock } from '@portabletext/types'
import { ImageModel } from '@/sanity/models'
import { isExternalHref, safeHref } from '@/lib/safe-href'
import { Figure } from './Figure'

const components: PortableTextComponents = {
  block: {
    h2: ({ children }) => <h2>{children}</h2>,
    h3: ({ children }) => <h3>{children}</h3>,
    blockquote: ({ children }) => <blockquote>{children}</blockquote>,
  },
  marks: {
    link: ({ value, children }) => {
      const href = safeHref(value?.href)
      if (!href) return <>{children}</>
      return isExternalHref(href) ? (
        <a href={href} rel="noopener noreferrer" target="_blank">
          {children}
        </a>
      ) : (
        <a href={href}>{children}</a>
      )
    },
  },
  types: {
    figure: ({ value }) => {
      const image = ImageModel.safeParse(value)
      if (!image.success) return null
      return <Figure image={image.data} aspectRatio={image.data.width / image.data.height} sizes="(min-width: 760px) 680px, 100vw" />
    },
  },
}

export function ArticleBody({ body }: { body: unknown[] }) {
  return (
    <div className="article__body">
      <PortableText value={body as PortableTextBlock[]} components={components} />
    </div>
  )
}
