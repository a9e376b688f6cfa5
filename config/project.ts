/** The local lake's project and dataset, and its ports: the names the site, the Studio and the lake agree on. */
export const LOCAL_PROJECT_ID = 'local'
export const LOCAL_DATASET = 'production'

export const DEFAULT_LAKE_API_PORT = 3443
export const DEFAULT_LAKE_HTTP_PORT = 3444
