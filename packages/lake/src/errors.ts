/** An error answered in Sanity's shape: `{ error: { description, type, …details }, statusCode }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    description: string,
    readonly details: Record<string, unknown> = {},
    /** Extra response headers (`retry-after` on a full queue). */
    readonly headers: Record<string, string> = {},
  ) {
    super(description)
    this.name = 'HttpError'
  }
}
