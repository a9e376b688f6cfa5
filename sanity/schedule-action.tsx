import { useState } from 'react'
import { CalendarIcon } from '@sanity/icons/Calendar'
import { Box, Button, Flex, Stack, Text, TextInput } from '@sanity/ui'
import { useDocumentOperation, useValidationStatus, type DocumentActionComponent, type SanityDocument } from 'sanity'
import { formatScheduleTime, parseScheduleTime, schedulePresets } from '@/lib/schedule'
import { previousSlugsAfterPublish } from '@/lib/slug'

type Article = Partial<SanityDocument> & { slug?: { current?: string }; previousSlugs?: string[]; publishedAt?: string }

/**
 * «Запланировать», the newsroom's scheduling: the editor picks a future time, the article is
 * published at once with that `publishedAt`, and the site keeps it under embargo until then (the
 * queries show only `publishedAt <= now()`; sanity/structure.ts lists what waits in «Запланированные»).
 * It replaces Sanity's «Schedule publish», a cloud service the local lake does not provide.
 */
export const ScheduleAction: DocumentActionComponent = (props) => {
  const { patch, publish } = useDocumentOperation(props.id, props.type)
  const { validation, isValidating } = useValidationStatus(props.id, props.type, true)
  const [open, setOpen] = useState(false)
  const [text, setText] = useState('')
  if (props.liveEdit || props.release) return null
  const hasErrors = validation.some((marker) => marker.level === 'error')
  const parsed = text ? parseScheduleTime(text, new Date()) : undefined
  const schedule = (at: Date) => {
    const draft = props.draft as Article | null
    const before = draft?.previousSlugs ?? []
    const after = previousSlugsAfterPublish((props.published as Article | null)?.slug?.current, draft?.slug?.current, before)
    patch.execute([{ set: { publishedAt: at.toISOString(), ...(after.join('\n') !== before.join('\n') ? { previousSlugs: after } : {}) } }])
    publish.execute()
    setOpen(false)
    props.onComplete()
  }
  return {
    label: 'Запланировать',
    icon: CalendarIcon,
    disabled: Boolean(publish.disabled) || hasErrors || isValidating,
    title: hasErrors ? 'Сначала исправьте ошибки проверки' : publish.disabled ? 'Нет неопубликованных изменений' : 'Опубликовать в выбранное время',
    onHandle: () => {
      setText('')
      setOpen(true)
    },
    dialog: open
      ? {
          type: 'dialog',
          header: 'Запланировать публикацию',
          onClose: () => setOpen(false),
          content: (
            <Stack space={4}>
              <Text size={1} muted>
                Статья будет опубликована сейчас, но на сайте появится только в указанное время (по часам вашего компьютера).
              </Text>
              <Flex gap={2} wrap="wrap">
                {schedulePresets(new Date()).map((preset) => (
                  <Button key={preset.label} mode="ghost" text={preset.label} onClick={() => setText(formatScheduleTime(preset.at))} />
                ))}
              </Flex>
              <Stack space={2}>
                <Text as="label" size={1} weight="medium" htmlFor="schedule-at">
                  Дата и время публикации (ДД.ММ.ГГГГ ЧЧ:ММ)
                </Text>
                <TextInput id="schedule-at" value={text} placeholder="07.12.2026 09:30" onChange={(event) => setText(event.currentTarget.value)} />
                {parsed && 'error' in parsed ? (
                  <Text size={1} style={{ color: 'var(--card-badge-critical-fg-color)' }}>
                    {parsed.error}
                  </Text>
                ) : null}
                {parsed && 'at' in parsed ? (
                  <Text size={1} muted>
                    {parsed.at.toLocaleString('ru-RU', { dateStyle: 'long', timeStyle: 'short' })}
                  </Text>
                ) : null}
              </Stack>
              <Box>
                <Button
                  tone="primary"
                  icon={CalendarIcon}
                  text="Запланировать"
                  disabled={!parsed || !('at' in parsed)}
                  onClick={() => parsed && 'at' in parsed && schedule(parsed.at)}
                />
              </Box>
            </Stack>
          ),
        }
      : null,
  }
}
ScheduleAction.displayName = 'ScheduleAction'
