import { defineCliConfig } from 'sanity/cli'
import { studioProject } from './config/public'

export default defineCliConfig({
  api: { projectId: studioProject.projectId, dataset: studioProject.dataset },
})
