import { isDeepStrictEqual } from 'node:util'

/**
 * Mendoza patches (sanity-io/mendoza): the `effects` format of Sanity's listener and history API.
 * The Studio applies them to its copy of a document, so a small edit should travel as a small
 * patch: unchanged fields are kept, changed objects are patched field by field, arrays are rebuilt
 * from slices of the old array (matching items by `_key`), and only new or replaced values are sent.
 */

// Opcodes, as numbered by the mendoza format.
const VALUE = 0
const PUSH_FIELD_COPY = 10
const PUSH_FIELD_BLANK = 11
const PUSH_ELEMENT_COPY = 12
const RETURN_INTO_OBJECT_SAME_KEY_POP = 15
const RETURN_INTO_ARRAY_POP = 16
const OBJECT_SET_FIELD_VALUE = 17 // operands: value, then key (the order mendoza-js reads them)
const OBJECT_DELETE_FIELD = 19
const ARRAY_APPEND_VALUE = 20
const ARRAY_APPEND_SLICE = 21

type PlainObject = Record<string, unknown>

const isPlainObject = (value: unknown): value is PlainObject => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The patch that turns `left` into `right` (`[]` when they are equal; the whole value when either is not an object). */
export function mendozaPatch(left: unknown, right: unknown): unknown[] {
  if (isDeepStrictEqual(left, right)) return []
  if (isPlainObject(left) && isPlainObject(right)) return objectOps(left, right)
  return [VALUE, right]
}

/** Ops that edit the current output object (a copy of `left`) into `right`. Fields are addressed by their index among `left`'s sorted keys. */
function objectOps(left: PlainObject, right: PlainObject): unknown[] {
  const keys = Object.keys(left).sort()
  const ops: unknown[] = []
  keys.forEach((key, index) => {
    if (!Object.hasOwn(right, key)) ops.push(OBJECT_DELETE_FIELD, index)
  })
  for (const [key, value] of Object.entries(right)) {
    if (!Object.hasOwn(left, key)) {
      ops.push(OBJECT_SET_FIELD_VALUE, value, key)
      continue
    }
    const previous = left[key]
    if (isDeepStrictEqual(previous, value)) continue
    const index = keys.indexOf(key)
    if (isPlainObject(previous) && isPlainObject(value)) {
      ops.push(PUSH_FIELD_COPY, index, ...objectOps(previous, value), RETURN_INTO_OBJECT_SAME_KEY_POP)
    } else if (Array.isArray(previous) && Array.isArray(value) && value.length > 0) {
      // A blank output is needed because arrays are built by appending; an empty result would read as null.
      ops.push(PUSH_FIELD_BLANK, index, ...arrayOps(previous, value), RETURN_INTO_OBJECT_SAME_KEY_POP)
    } else {
      ops.push(OBJECT_SET_FIELD_VALUE, value, key)
    }
  }
  return ops
}

/** Ops that append `right`'s items to an empty output array, reusing `left`'s items where they survive. */
function arrayOps(left: unknown[], right: unknown[]): unknown[] {
  const byKey = new Map<string, number>()
  left.forEach((item, index) => {
    const key = isPlainObject(item) && typeof item._key === 'string' ? item._key : undefined
    if (key !== undefined && !byKey.has(key)) byKey.set(key, index)
  })
  const ops: unknown[] = []
  let slice: { start: number; end: number } | undefined
  const flush = () => {
    if (slice) ops.push(ARRAY_APPEND_SLICE, slice.start, slice.end)
    slice = undefined
  }
  right.forEach((item, position) => {
    const key = isPlainObject(item) && typeof item._key === 'string' ? item._key : undefined
    const source = key !== undefined ? byKey.get(key) : isDeepStrictEqual(left[position], item) ? position : undefined
    if (source !== undefined && isDeepStrictEqual(left[source], item)) {
      if (slice && slice.end === source) slice.end += 1
      else {
        flush()
        slice = { start: source, end: source + 1 }
      }
      return
    }
    flush()
    const previous = source !== undefined ? left[source] : undefined
    if (isPlainObject(previous) && isPlainObject(item)) ops.push(PUSH_ELEMENT_COPY, source, ...objectOps(previous, item), RETURN_INTO_ARRAY_POP)
    else ops.push(ARRAY_APPEND_VALUE, item)
  })
  flush()
  return ops
}
