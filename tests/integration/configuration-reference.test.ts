import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { configurationReference } from '@/config/reference'
import { VARIABLES } from '@/config/env'

it('docs/configuration.md is what the configuration module generates (npm run docs:config)', () => {
  const reference = configurationReference()
  expect(readFileSync('docs/configuration.md', 'utf8')).toBe(reference)
  for (const name of Object.keys(VARIABLES)) expect(reference).toContain(`\`${name}\``)
})
