/** Runs once when the Next server starts: in local mode it also starts the lake's Sanity API. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return
  const { startEmbeddedLakeApi } = await import('./sanity/lake/http/embedded')
  await startEmbeddedLakeApi()
}
