// Worker threads start without the parent's module hooks: a TypeScript entry needs tsx registered here.
import { workerData } from 'node:worker_threads'

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api')
  register()
}
await import(workerData.entry)
