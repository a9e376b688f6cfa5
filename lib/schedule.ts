/**
 * The time an editor types for a scheduled publication: `ДД.ММ.ГГГГ ЧЧ:ММ` (24-hour clock), in the
 * browser's time zone. Returns the instant, or why it cannot be used.
 */
export function parseScheduleTime(text: string, now: Date): { at: Date } | { error: string } {
  const match = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})[\s,]+(\d{1,2}):(\d{2})\s*$/.exec(text)
  if (!match) return { error: 'Введите дату и время так: 07.12.2026 09:30' }
  const [day, month, year, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number]
  const at = new Date(year, month - 1, day, hour, minute)
  // Date rolls 31.02 over to March: a date that does not exist is refused rather than moved.
  if (at.getDate() !== day || at.getMonth() !== month - 1 || hour > 23 || minute > 59) return { error: 'Такой даты или времени нет' }
  if (at.getTime() <= now.getTime()) return { error: 'Время публикации должно быть в будущем' }
  return { at }
}

/** `ДД.ММ.ГГГГ ЧЧ:ММ` for a date: the form the field shows for presets and for the current value. */
export function formatScheduleTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(date.getDate())}.${pad(date.getMonth() + 1)}.${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** The presets the dialog offers: in an hour (to the next whole minute) and tomorrow at 9:00. */
export function schedulePresets(now: Date): { label: string; at: Date }[] {
  const inAnHour = new Date(now.getTime() + 60 * 60_000)
  inAnHour.setSeconds(0, 0)
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0)
  return [
    { label: 'Через час', at: inAnHour },
    { label: 'Завтра в 9:00', at: tomorrow },
  ]
}
