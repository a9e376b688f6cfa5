import { EventEmitter } from 'node:events'
import type { SequencedTransaction } from '../store'

/** One committed transaction, as listeners (SSE, webhooks) need it. */
export type CommittedTransaction = SequencedTransaction

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
