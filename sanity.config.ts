'use client'

import { defineConfig } from 'sanity'
import { presentationTool } from 'sanity/presentation'
import { structureTool } from 'sanity/structure'
import { schemaTypes } from './schemas'
import { locations, mainDocuments } from './sanity/presentation'
import { documentActions, newDocumentOptions, structure } from './sanity/structure'
import { LOCAL_PROJECT_ID } from './config/project'
import { studioProject } from './config/public'
import { ruRULocale } from './plugins/sanity-locale-ru-ru'
import { lakeDocumentOptions, lakeWorkspaceOptions } from './sanity/studio-offline'

/**
 * The Studio workspace, embedded at /studio. Without a hosted project it edits the embedded lake
 * through the lake's Sanity-compatible API (`npm run dev` starts it on https://localhost:3443).
 */
const isLocal = studioProject.projectId === LOCAL_PROJECT_ID

export default defineConfig({
  name: 'baspa',
  title: 'Baspa',
  basePath: '/studio',
  projectId: studioProject.projectId,
  dataset: studioProject.dataset,
  ...(isLocal ? { apiHost: studioProject.lakeApiUrl, ...lakeWorkspaceOptions } : {}),
  plugins: [
    // The Studio's own interface in Russian (the default; English stays in the user menu).
    ruRULocale(),
    structureTool({ structure, title: 'Редакция' }),
    // The site beside the form, in draft mode (app/api/draft-mode/enable checks the secret the tool makes).
    presentationTool({ title: 'Предпросмотр', previewUrl: { previewMode: { enable: '/api/draft-mode/enable' } }, resolve: { locations, mainDocuments } }),
  ],
  schema: { types: schemaTypes },
  document: { newDocumentOptions, actions: documentActions, ...(isLocal ? lakeDocumentOptions : {}) },
})
