import { setImmediate } from 'node:timers/promises'
import type { z } from 'zod'

/** Logs why a document failed its model; the site then leaves it out (lists) or answers 404 (pages). */
function report(context: string, error: z.ZodError, value: unknown) {
  const id = value && typeof value === 'object' && '_id' in value ? String((value as { _id: unknown })._id) : 'unknown id'
  const issues = error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')
  console.warn(`[content] ${context}: skipped ${id}: ${issues}`)
}

export function parseOne<T extends z.ZodType>(model: T, value: unknown, context: string): z.infer<T> | null {
  if (value === null || value === undefined) return null
  const result = model.safeParse(value)
  if (result.success) return result.data
  report(context, result.error, value)
  return null
}

export function parseList<T extends z.ZodType>(model: T, values: unknown, context: string): z.infer<T>[] {
  if (values === null || values === undefined) return []
  if (!Array.isArray(values)) {
    console.warn(`[content] ${context}: expected a list, got ${typeof values}`)
    return []
  }
  const items: z.infer<T>[] = []
  for (const value of values) {
    const item = parseOne(model, value, context)
    if (item !== null) items.push(item)
  }
  return items
}

/**
 * parseList for long lists read in the background (search): `slice` items at a time, yielding to
 * the event loop between slices, so that requests are answered while thousands are validated.
 */
export async function parseListInSlices<T extends z.ZodType>(model: T, values: unknown, context: string, slice: number): Promise<z.infer<T>[]> {
  if (!Array.isArray(values)) return parseList(model, values, context)
  const items: z.infer<T>[] = []
  for (let at = 0; at < values.length; at += slice) {
    if (at > 0) await setImmediate()
    items.push(...parseList(model, values.slice(at, at + slice), context))
  }
  return items
}
