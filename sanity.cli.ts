import { defineCliConfig } from 'sanity/cli'
import { studioProject } from './sanity/studio-project'

export default defineCliConfig({
  api: { projectId: studioProject.projectId, dataset: studioProject.dataset },
  typegen: { path: ['./sanity/queries.ts'], schema: './schema.json', generates: './sanity.types.ts' },
})
