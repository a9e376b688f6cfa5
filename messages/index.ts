import type { Locale } from '@/lib/locale'
import { en } from './en'
import { kk } from './kk'
import { ru, type Messages } from './ru'

export type { Messages }

/** Every edition's messages; a plain import (a few kilobytes each), so pages stay statically renderable. */
export const MESSAGES: Record<Locale, Messages> = { ru, kk, en }

export const messagesFor = (locale: Locale): Messages => MESSAGES[locale]
