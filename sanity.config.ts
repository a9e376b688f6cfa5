import { defineConfig } from 'sanity'
import { structureTool } from 'sanity/structure'
import { schemaTypes } from './schemas'
import { studioProject } from './sanity/studio-project'

// The Studio workspace. In local mode it targets the embedded lake's project id (`local`);
// the lake's HTTP API that the Studio talks to offline arrives with issue #3.
export default defineConfig({
  name: 'baspa',
  title: 'Baspa',
  basePath: '/studio',
  projectId: studioProject.projectId,
  dataset: studioProject.dataset,
  plugins: [structureTool()],
  schema: { types: schemaTypes },
})
