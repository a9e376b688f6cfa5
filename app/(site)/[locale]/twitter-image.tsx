/** The same card for X/Twitter (`twitter:image`). Segment config cannot be re-exported: revalidate is repeated. */
export { default, alt, size, contentType } from './opengraph-image'
export const revalidate = 60
