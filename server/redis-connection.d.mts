import type { RedisClientType } from 'redis'

export function watchedRedis(
  url: string,
  role: string,
  events?: { onUp?: () => void; onDown?: () => void; quiet?: boolean },
): { client: RedisClientType; up(): boolean }
