import { describe, expect, it } from 'vitest'
import { boundedJson, ResultTooLarge } from '../src/result-json'

describe('boundedJson', () => {
  it("is JSON.stringify's text for a result within the limit", () => {
    const result = [{ _id: 'a', title: 'Переговоры Токаева и Ван И', tags: ['Қазақстан', null], missing: undefined, n: 3.5, ok: true }, null]
    expect(boundedJson(result, 1_000)).toBe(JSON.stringify(result))
    expect(boundedJson(undefined, 1_000)).toBe('null')
  })

  it('counts UTF-8 bytes, not characters, at the limit', () => {
    // "Ж" is two bytes: 290 of them and the quotes are 582 bytes, 400 are 802.
    expect(boundedJson('Ж'.repeat(290), 600)).toBe(`"${'Ж'.repeat(290)}"`)
    expect(() => boundedJson('Ж'.repeat(400), 600)).toThrow(ResultTooLarge)
    expect(() => boundedJson('x'.repeat(601), 600)).toThrow(ResultTooLarge)
  })

  it('refuses a result of shared parts before writing it out', () => {
    // 10 000 × 10 000 references to one 1 kB document: cheap to hold, 100 GB of text.
    const document = { body: 'x'.repeat(1_000) }
    const row = Array.from({ length: 10_000 }, () => document)
    const result = Array.from({ length: 10_000 }, () => row)
    const started = performance.now()
    expect(() => boundedJson(result, 64 * 1024 * 1024)).toThrow(ResultTooLarge)
    expect(performance.now() - started, 'ms').toBeLessThan(2_000)
  })
})
