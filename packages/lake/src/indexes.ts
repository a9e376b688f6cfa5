import type { LakeDocument } from './ndjson'

/**
 * Lookup tables over one perspective's documents, built once per snapshot: by `_id`, `_type`,
 * `slug.current`, by referenced id (exactly the `_ref`s GROQ's `references()` sees), and per type
 * the documents ordered by `publishedAt`. Every list keeps dataset order, which a GROQ filter's
 * result has (and `order()` keeps for ties), so candidates can be evaluated instead of the dataset.
 */
export class DatasetIndexes {
  readonly position = new Map<LakeDocument, number>()
  readonly byId = new Map<string, LakeDocument>()
  readonly byType = new Map<string, LakeDocument[]>()
  readonly bySlug = new Map<string, LakeDocument[]>()
  readonly byRef = new Map<string, LakeDocument[]>()
  /** As byRef, in dataset positions (for unions of several references without sorting documents). */
  readonly byRefPosition = new Map<string, number[]>()
  private readonly published = new Map<string, { sorted: LakeDocument[]; positions: Int32Array; rest: LakeDocument[] }>()

  constructor(readonly documents: readonly LakeDocument[]) {
    documents.forEach((doc, i) => {
      this.position.set(doc, i)
      if (typeof doc._id === 'string' && !this.byId.has(doc._id)) this.byId.set(doc._id, doc)
      push(this.byType, doc._type, doc)
      const slug = attribute(attribute(doc, 'slug'), 'current')
      if (typeof slug === 'string') push(this.bySlug, slug, doc)
      for (const ref of referencesOf(doc)) {
        push(this.byRef, ref, doc)
        push(this.byRefPosition, ref, i)
      }
    })
  }

  /**
   * The documents of a type by `publishedAt` (strings, ascending, ties in dataset order) with their
   * dataset positions, and those whose `publishedAt` is not a string, which an ordered scan must
   * always consider.
   */
  publishedOrder(type: string): { sorted: LakeDocument[]; positions: Int32Array; rest: LakeDocument[] } {
    let entry = this.published.get(type)
    if (!entry) {
      const docs = this.byType.get(type) ?? []
      const sorted = docs.filter((doc) => typeof doc.publishedAt === 'string')
      sorted.sort((a, b) => compareStrings(a.publishedAt as string, b.publishedAt as string) || this.position.get(a)! - this.position.get(b)!)
      entry = { sorted, positions: Int32Array.from(sorted, (doc) => this.position.get(doc)!), rest: docs.filter((doc) => typeof doc.publishedAt !== 'string') }
      this.published.set(type, entry)
    }
    return entry
  }

  /** A bit per document position: set for these documents. */
  markAll(docs: readonly LakeDocument[]): Uint8Array {
    const marked = new Uint8Array(this.documents.length)
    for (const doc of docs) marked[this.position.get(doc)!] = 1
    return marked
  }

  /** A bit per document position: set for the documents referencing any of these ids. */
  markReferencing(ids: readonly string[]): Uint8Array {
    const marked = new Uint8Array(this.documents.length)
    for (const id of ids) for (const position of this.byRefPosition.get(id) ?? []) marked[position] = 1
    return marked
  }

  /**
   * The marked documents, in dataset order: a pass over a bit per document instead of sorting a union
   * (the related articles of an article share topics with tens of thousands at 100 000 articles).
   */
  marked(marked: Uint8Array): LakeDocument[] {
    const found: LakeDocument[] = []
    for (let i = 0; i < marked.length; i++) if (marked[i]) found.push(this.documents[i]!)
    return found
  }

  /** Sorts documents back into dataset order. */
  inDatasetOrder(docs: LakeDocument[]): LakeDocument[] {
    return docs.sort((a, b) => this.position.get(a)! - this.position.get(b)!)
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

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
