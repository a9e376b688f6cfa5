/** A result whose JSON would exceed the lake's result-size limit. */
export class ResultTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the query result is larger than ${limit} bytes: select fewer documents or fields`)
    this.name = 'ResultTooLarge'
  }
}

/**
 * The JSON text of a query result, refused with ResultTooLarge when it would be larger than
 * `maxBytes`. A walk first counts a lower bound of the text's size and stops past the limit: a
 * result of n³ shared documents is cheap to hold and fatal to stringify (V8 gives up at 512 MB of
 * text, after seconds).
 *
 * Why a lower bound, and why the exact size only near the limit: a string's UTF-16 length never
 * exceeds its UTF-8 bytes nor a third of them, and measuring UTF-8 is what cost. For the 50 articles
 * of the RSS feed (267 kB of mostly Cyrillic JSON), `Buffer.byteLength` of every string in the walk
 * and of the whole text took 7 of the 9 ms this function took; the lengths take 0.2 ms.
 */
export function boundedJson(value: unknown, maxBytes: number): string {
  let bytes = 0
  const walk = (item: unknown): void => {
    if (bytes > maxBytes) return
    if (item === null || item === undefined) {
      bytes += 4
      return
    }
    switch (typeof item) {
      case 'string':
        bytes += item.length + 2
        return
      case 'number':
      case 'boolean':
        bytes += 1
        return
      case 'object':
        if (Array.isArray(item)) {
          bytes += 2 + item.length
          for (const element of item) walk(element)
          return
        }
        bytes += 2
        for (const [key, field] of Object.entries(item)) {
          // JSON leaves out a field whose value is undefined.
          if (field === undefined) continue
          bytes += key.length + 4
          walk(field)
        }
        return
      default:
        return
    }
  }
  walk(value)
  if (bytes > maxBytes) throw new ResultTooLarge(maxBytes)
  const json = JSON.stringify(value) ?? 'null'
  if (json.length > maxBytes || (json.length * 3 > maxBytes && Buffer.byteLength(json) > maxBytes)) throw new ResultTooLarge(maxBytes)
  return json
}
