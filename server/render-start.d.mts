export function asRequest<T>(handle: () => T): T
export function tagsExpired(): void
export function staleWriteRefused(): boolean
export function onStaleWriteRefused(listener: () => void): void
