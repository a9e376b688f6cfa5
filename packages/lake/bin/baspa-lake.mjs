#!/usr/bin/env node
// The package ships TypeScript: tsx compiles it on load, here and in the query workers.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli.ts')
