export function asRequest<T>(handle: () => T): T
export function tagsExpired(): void
export function begunBeforeExpiry(): boolean
