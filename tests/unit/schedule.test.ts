import { describe, expect, it } from 'vitest'
import { formatScheduleTime, parseScheduleTime, schedulePresets } from '@/lib/schedule'

describe('the time typed into «Запланировать»', () => {
  const now = new Date(2026, 11, 6, 22, 40)

  it('reads ДД.ММ.ГГГГ ЧЧ:ММ on a 24-hour clock in local time', () => {
    expect(parseScheduleTime('07.12.2026 18:05', now)).toEqual({ at: new Date(2026, 11, 7, 18, 5) })
    expect(parseScheduleTime(' 7.12.2026, 9:30 ', now)).toEqual({ at: new Date(2026, 11, 7, 9, 30) })
  })

  it('refuses other forms, dates that do not exist and the past, saying why in Russian', () => {
    expect(parseScheduleTime('2026-12-07 18:05', now)).toEqual({ error: 'Введите дату и время так: 07.12.2026 09:30' })
    expect(parseScheduleTime('31.02.2027 10:00', now)).toEqual({ error: 'Такой даты или времени нет' })
    expect(parseScheduleTime('07.12.2026 24:10', now)).toEqual({ error: 'Такой даты или времени нет' })
    expect(parseScheduleTime('06.12.2026 22:40', now)).toEqual({ error: 'Время публикации должно быть в будущем' })
  })

  it('formats a date back the same way, and offers «in an hour» and «tomorrow at 9:00»', () => {
    expect(formatScheduleTime(new Date(2026, 0, 5, 7, 3))).toBe('05.01.2026 07:03')
    expect(schedulePresets(now).map(({ label, at }) => [label, formatScheduleTime(at)])).toEqual([
      ['Через час', '06.12.2026 23:40'],
      ['Завтра в 9:00', '07.12.2026 09:00'],
    ])
  })
})
