/**
 * Project and dataset as the Studio and the Sanity CLI see them. Browser bundles only get
 * NEXT_PUBLIC_* variables, the CLI reads SANITY_STUDIO_*; without either we are on the local lake.
 */
export const LOCAL_PROJECT_ID = 'local'
export const LOCAL_DATASET = 'production'

export const DEFAULT_LAKE_API_PORT = 3443
export const DEFAULT_LAKE_HTTP_PORT = 3444

export const studioProject = {
  projectId: process.env.NEXT_PUBLIC_SANITY_PROJECT_ID || process.env.SANITY_STUDIO_PROJECT_ID || LOCAL_PROJECT_ID,
  dataset: process.env.NEXT_PUBLIC_SANITY_DATASET || process.env.SANITY_STUDIO_DATASET || LOCAL_DATASET,
  /** Where the browser reaches the local lake's API (the Studio prefixes the project id: local.localhost). */
  lakeApiUrl: process.env.NEXT_PUBLIC_LAKE_API_URL || `https://localhost:${DEFAULT_LAKE_API_PORT}`,
}
