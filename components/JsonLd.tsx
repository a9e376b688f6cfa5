import { serializeJsonLd } from '@/formats/structured-data'

/** One JSON-LD block; the serializer escapes `<`, so no title can close the script early. */
export function JsonLd({ data }: { data: object }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />
}
