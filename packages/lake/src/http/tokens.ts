import { createHash, randomBytes } from 'node:crypto'
import type { LakeStore } from '../store'

/** editor: read drafts and write; viewer: read drafts (preview); anonymous requests read published only. */
export type TokenRole = 'editor' | 'viewer'

export interface TokenUser {
  id: string
  name: string
  role: TokenRole
}

interface TokenRow {
  role: TokenRole
  label: string
  hash: string
}

const toUser = (row: TokenRow): TokenUser => ({ id: `p${row.hash.slice(0, 9)}`, name: row.label, role: row.role })

const hash = (token: string) => createHash('sha256').update(token).digest('hex')

/** Who writes with an ephemeral token: the system, as seeds and imports are authored. */
const SYSTEM_USER: TokenUser = { id: 'system', name: 'Система (импорт)', role: 'editor' }

/** Tokens are stored hashed; the plain token is shown once, when it is minted. */
export class LakeTokens {
  /** Hashes of tokens that live in this process only (./../archive.ts) and are never stored. */
  private readonly ephemeralHashes = new Set<string>()

  constructor(private readonly store: LakeStore) {
    store.db.exec(`CREATE TABLE IF NOT EXISTS tokens (
      hash TEXT PRIMARY KEY,
      role TEXT NOT NULL CHECK (role IN ('editor', 'viewer')),
      label TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`)
  }

  mint(role: TokenRole, label: string): string {
    const token = `sk${role === 'editor' ? 'e' : 'v'}_${randomBytes(24).toString('base64url')}`
    this.store.db.prepare('INSERT INTO tokens (hash, role, label, created_at) VALUES (?, ?, ?, ?)').run(hash(token), role, label, new Date().toISOString())
    return token
  }

  /** An editor token valid in this process only, for the system user: the lake's own tools talking to its API. */
  ephemeral(): string {
    const token = `sks_${randomBytes(24).toString('base64url')}`
    this.ephemeralHashes.add(hash(token))
    return token
  }

  count(): number {
    return this.store.db.prepare('SELECT count(*) FROM tokens').pluck().get() as number
  }

  /** The user a bearer token stands for, or null for a missing/unknown token. */
  authenticate(authorization: string | undefined): TokenUser | null {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')
    if (!match) return null
    if (this.ephemeralHashes.has(hash(match[1]!))) return SYSTEM_USER
    const row = this.store.db.prepare('SELECT role, label, hash FROM tokens WHERE hash = ?').get(hash(match[1]!)) as TokenRow | undefined
    return row ? toUser(row) : null
  }

  /**
   * Users by id, as the Studio asks for them to show who edited what; `system` is the author of
   * seeded and imported documents. Unknown ids are left out.
   */
  users(ids: string[]): { id: string; displayName: string; imageUrl: null }[] {
    const rows = this.store.db.prepare('SELECT role, label, hash FROM tokens').all() as TokenRow[]
    const known = new Map([[SYSTEM_USER.id, SYSTEM_USER.name], ...rows.map((row) => [toUser(row).id, row.label] as [string, string])])
    return ids.flatMap((id) => (known.has(id) ? [{ id, displayName: known.get(id)!, imageUrl: null }] : []))
  }
}
