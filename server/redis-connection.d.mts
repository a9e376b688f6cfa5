import type { RedisClientType } from 'redis'

export function watchedRedis(url: string, role: string, events?: { onUp?: () => void; onDown?: () => void }): { client: RedisClientType; up(): boolean }
