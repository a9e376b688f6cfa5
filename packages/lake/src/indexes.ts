/** GROQ attribute access: an own property of an object (not an array), else null. */
export function attribute(value: unknown, name: string): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, name))
    return (value as Record<string, unknown>)[name]
  return null
}

/** JavaScript's `<` on strings, which groq-js uses for ordering and comparison. */
export const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The ids `references()` matches a document with, walked as groq-js walks it: an object with a
 * truthy `_ref` is a reference and is not descended into.
 */
export function referencesOf(doc: object): Set<string> {
  let refs = REFERENCES.get(doc)
  if (!refs) REFERENCES.set(doc, (refs = walkReferences(doc)))
  return refs
}
/** Records the references of a document whose fields must not be walked (./resident.ts). */
export function rememberReferences<T extends object>(doc: T, refs: Set<string>): T {
  REFERENCES.set(doc, refs)
  return doc
}
/** Per document object: snapshots keep unchanged documents' objects, so a rebuild does not walk them again. */
const REFERENCES = new WeakMap<object, Set<string>>()

function walkReferences(doc: unknown): Set<string> {
  const refs = new Set<string>()
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) walk(item)
    else if (value !== null && typeof value === 'object') {
      const ref = (value as { _ref?: unknown })._ref
      if (ref) {
        if (typeof ref === 'string') refs.add(ref)
        return
      }
      for (const item of Object.values(value)) walk(item)
    }
  }
  walk(doc)
  return refs
}
