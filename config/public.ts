import { DEFAULT_LAKE_API_PORT, LOCAL_DATASET, LOCAL_PROJECT_ID } from './project'

/**
 * The variables browser bundles see (the Studio): Next.js inlines `process.env.NEXT_PUBLIC_*` at
 * build time, so each is read here by its literal name; the Sanity CLI reads SANITY_STUDIO_*.
 * Without them the Studio edits the local lake.
 */
export const PUBLIC_VARIABLES = {
  NEXT_PUBLIC_SANITY_PROJECT_ID: { doc: 'the Studio’s project (hosted Sanity); set at build time', default: LOCAL_PROJECT_ID },
  NEXT_PUBLIC_SANITY_DATASET: { doc: 'the Studio’s dataset; set at build time', default: LOCAL_DATASET },
  NEXT_PUBLIC_LAKE_API_URL: {
    doc: 'where the Studio (the browser) reaches the local lake’s HTTPS API; set at build time',
    default: `https://localhost:${DEFAULT_LAKE_API_PORT}`,
  },
  SANITY_STUDIO_PROJECT_ID: { doc: 'the Sanity CLI’s project (`sanity schema validate`, …)', default: LOCAL_PROJECT_ID },
  SANITY_STUDIO_DATASET: { doc: 'the Sanity CLI’s dataset', default: LOCAL_DATASET },
} as const

export const studioProject = {
  projectId: process.env.NEXT_PUBLIC_SANITY_PROJECT_ID || process.env.SANITY_STUDIO_PROJECT_ID || LOCAL_PROJECT_ID,
  dataset: process.env.NEXT_PUBLIC_SANITY_DATASET || process.env.SANITY_STUDIO_DATASET || LOCAL_DATASET,
  /** Where the browser reaches the local lake's API (the Studio prefixes the project id: local.localhost). */
  lakeApiUrl: process.env.NEXT_PUBLIC_LAKE_API_URL || PUBLIC_VARIABLES.NEXT_PUBLIC_LAKE_API_URL.default,
}
