import type { RedisClientType } from 'redis'

export function instanceChannel(
  url: string,
  channel: string,
  publisher: { client: RedisClientType; up(): boolean },
  listener: { role: string; onMessage(message: Record<string, unknown>): void; onGap(): void },
): { hearing(): boolean; publish(message: Record<string, unknown>): Promise<void> }
