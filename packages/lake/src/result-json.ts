/** A result whose JSON would exceed the lake's result-size limit. */
export class ResultTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the query result is larger than ${limit} bytes: select fewer documents or fields`)
    this.name = 'ResultTooLarge'
  }
}

/**
 * The JSON text of a query result, refused with ResultTooLarge when it would be larger than
 * `maxBytes`. The size is counted first by a walk that stops at the limit: a result of n³ shared
 * documents is cheap to hold and fatal to stringify (V8 gives up at 512 MB of text, after seconds).
 */
export function boundedJson(value: unknown, maxBytes: number): string {
  let bytes = 0
  const add = (n: number) => {
    bytes += n
    if (bytes > maxBytes) throw new ResultTooLarge(maxBytes)
  }
  const walk = (item: unknown): void => {
    if (item === null || item === undefined) return add(4)
    switch (typeof item) {
      case 'string':
        return add(Buffer.byteLength(item) + 2)
      case 'number':
      case 'boolean':
        return add(String(item).length)
      case 'object':
        if (Array.isArray(item)) {
          add(2)
          for (const element of item) {
            add(1)
            walk(element)
          }
          return
        }
        add(2)
        for (const [key, field] of Object.entries(item)) {
          add(Buffer.byteLength(key) + 4)
          walk(field)
        }
        return
      default:
        return
    }
  }
  walk(value)
  const json = JSON.stringify(value) ?? 'null'
  if (Buffer.byteLength(json) > maxBytes) throw new ResultTooLarge(maxBytes)
  return json
}
