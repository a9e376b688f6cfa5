import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SITE_NODE_ARGS } from '@/server/node-args'

describe('the production server’s Node command line (server/node-args.ts)', () => {
  it('is the one `npm start` runs', () => {
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
    expect(scripts.start).toBe(`node ${SITE_NODE_ARGS.join(' ')}`)
  })
})
