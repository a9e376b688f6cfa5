/** NDJSON as `sanity dataset export` writes it: one compact JSON document per line. */

export interface LakeDocument {
  _id: string
  _type: string
  _rev?: string
  _createdAt?: string
  _updatedAt?: string
  [field: string]: unknown
}

export class NdjsonError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`)
    this.name = 'NdjsonError'
  }
}

const ID_PATTERN = /^[a-zA-Z0-9._-]{1,128}$/

export function isValidDocumentId(id: unknown): id is string {
  return typeof id === 'string' && ID_PATTERN.test(id) && !id.startsWith('.') && !id.includes('..')
}

export function parseNdjson(text: string): LakeDocument[] {
  const documents: LakeDocument[] = []
  const seen = new Set<string>()
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim()
    if (!line) return
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      throw new NdjsonError(`not valid JSON (${(error as Error).message})`, index + 1)
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new NdjsonError('not a JSON object', index + 1)
    const doc = value as Record<string, unknown>
    if (!isValidDocumentId(doc._id)) throw new NdjsonError(`invalid or missing _id ${JSON.stringify(doc._id)}`, index + 1)
    if (typeof doc._type !== 'string' || !doc._type) throw new NdjsonError(`document ${doc._id} has no _type`, index + 1)
    if (seen.has(doc._id)) throw new NdjsonError(`duplicate _id ${doc._id}`, index + 1)
    seen.add(doc._id)
    documents.push(doc as LakeDocument)
  })
  return documents
}

export function serializeNdjson(documents: Iterable<LakeDocument>): string {
  let out = ''
  for (const doc of documents) out += JSON.stringify(doc) + '\n'
  return out
}
