import { rememberReferences, referencesOf } from './indexes'
import type { LakeDocument } from './ndjson'

/**
 * What the query engine keeps in memory of a document. A news lake is mostly article bodies
 * (Portable Text, several kB each) that queries filter on rarely and project for one page at a time,
 * so holding every body parsed costs gigabytes at 100 000 articles. A resident document keeps its
 * small fields as they are and turns each large top-level field into a getter that reads the field
 * from the document's stored revision when a query touches it (groq-js reads attributes with plain
 * property access, so it cannot tell). The revision is fixed by `_rev`, so a lazy read always sees
 * the snapshot's state of the document, however the lake changed since. The references of the whole
 * document are computed once here: `references()` and the indexes never wake the lazy fields.
 */

/** A top-level field whose JSON is longer than this stays in SQLite until it is read. */
const LAZY_FIELD_CHARS = 1024
/** Documents shorter than this are kept whole without looking at their fields. */
const SMALL_DOCUMENT_CHARS = 2 * LAZY_FIELD_CHARS

/** Reads a document's full stored state at one revision (the lake's `revisions` table). */
export type RevisionReader = (id: string, rev: string) => LakeDocument | undefined

export class ResidentDocuments {
  /** The last documents read in full, so a page reading several large fields of one parses it once. */
  private readonly recent = new Map<string, LakeDocument>()
  readonly stats = { lazyFields: 0, reads: 0 }

  constructor(
    private readonly readRevision: RevisionReader,
    private readonly recentLimit = 64,
  ) {}

  /** The resident form of a stored document (its JSON as stored). */
  fromJson(json: string): LakeDocument {
    const doc = JSON.parse(json) as LakeDocument
    if (json.length < SMALL_DOCUMENT_CHARS || typeof doc._rev !== 'string') return doc
    const refs = referencesOf(doc)
    const id = doc._id
    const rev = doc._rev
    for (const [name, value] of Object.entries(doc)) {
      if (name.startsWith('_') || value === null || typeof value !== 'object') continue
      if (JSON.stringify(value).length <= LAZY_FIELD_CHARS) continue
      this.stats.lazyFields++
      Object.defineProperty(doc, name, { enumerable: true, configurable: true, get: () => this.field(id, rev, name) })
    }
    rememberReferences(doc, refs)
    return doc
  }

  private field(id: string, rev: string, name: string): unknown {
    const key = `${id}\u0000${rev}`
    let full = this.recent.get(key)
    if (full) {
      // Most recently used last.
      this.recent.delete(key)
      this.recent.set(key, full)
    } else {
      full = this.readRevision(id, rev)
      if (!full) throw new Error(`lake: revision ${rev} of ${id} is missing: its field "${name}" cannot be read`)
      this.stats.reads++
      this.recent.set(key, full)
      if (this.recent.size > this.recentLimit) this.recent.delete(this.recent.keys().next().value!)
    }
    return full[name]
  }
}

/**
 * A copy of a document with some fields replaced, keeping lazy fields lazy (a spread would read
 * them) and the original's references.
 */
export function withFields(doc: LakeDocument, fields: Record<string, unknown>): LakeDocument {
  const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(doc)) as LakeDocument
  Object.assign(copy, fields)
  return rememberReferences(copy, referencesOf(doc))
}
