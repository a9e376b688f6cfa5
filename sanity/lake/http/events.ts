import { EventEmitter } from 'node:events'
import type { LakeDocument } from '../ndjson'

/** One committed transaction, as listeners (SSE, webhooks) need it. */
export interface CommittedTransaction {
  transactionId: string
  timestamp: string
  identity: string
  mutations: unknown[]
  changes: { id: string; before: LakeDocument | null; after: LakeDocument | null }[]
}

/** In-process fan-out of committed transactions to the lake's listeners. */
export class LakeEvents {
  private readonly emitter = new EventEmitter()

  constructor() {
    this.emitter.setMaxListeners(0)
  }

  publish(transaction: CommittedTransaction) {
    this.emitter.emit('transaction', transaction)
  }

  subscribe(listener: (transaction: CommittedTransaction) => void): () => void {
    this.emitter.on('transaction', listener)
    return () => this.emitter.off('transaction', listener)
  }
}
