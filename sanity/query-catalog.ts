import * as queries from './queries'

/** Every GROQ query of sanity/queries.ts by its export name (the planner's property test and bench:lake run them all). */
export const SITE_QUERIES: [name: string, query: string][] = Object.entries(queries as Record<string, unknown>).filter(
  (entry): entry is [string, string] => typeof entry[1] === 'string' && /[*{]/.test(entry[1]),
)
