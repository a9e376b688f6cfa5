import { defineCliConfig } from 'sanity/cli'
import { studioProject } from './config/public'

export default defineCliConfig({
  api: { projectId: studioProject.projectId, dataset: studioProject.dataset },
  typegen: { path: ['./sanity/queries.ts'], schema: './schema.json', generates: './sanity.types.ts' },
})
