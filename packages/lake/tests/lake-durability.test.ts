import { afterEach, expect, it } from 'vitest'
import { openLake } from '../src/lake'
import { tempLake, type TempLake } from './lake-fixture'
import { expectWholeTransactions, startWriter } from './writer'

let lake: TempLake | undefined
afterEach(() => lake?.dispose())

it('a process killed mid-write loses no acknowledged transaction and leaves none half-applied', async () => {
  lake = tempLake({ empty: true })
  lake.store.close()
  const writer = startWriter(lake.file)
  await Promise.race([expect.poll(() => writer.acknowledged.length, { timeout: 60_000, interval: 5 }).toBeGreaterThanOrEqual(200), writer.running])
  const acknowledged = [...writer.acknowledged]
  await writer.kill() // in the middle of the next transaction, most likely

  const reopened = openLake(lake.file)
  try {
    expectWholeTransactions(reopened.store, acknowledged)
  } finally {
    reopened.store.close()
  }
})
