/** npm run docs:config — writes docs/configuration.md from the configuration module. */
import { writeFileSync } from 'node:fs'
import { configurationReference } from '@/config/reference'

writeFileSync('docs/configuration.md', configurationReference())
console.log('wrote docs/configuration.md')
