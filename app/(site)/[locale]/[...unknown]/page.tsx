import { notFound } from 'next/navigation'

/**
 * Any address of an edition that no route matches: the edition's own 404 page (with its header and
 * language), instead of the site-wide global-not-found.
 */
export default function UnknownPage(): never {
  notFound()
}
