/** The same card for X/Twitter (`twitter:image`). */
export { default, alt, size, contentType } from './opengraph-image'
