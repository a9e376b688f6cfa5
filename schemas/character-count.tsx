import type { StringInputProps, TextInputProps } from 'sanity'

/**
 * An input with a live «N / max» under it, so that editors see a limit before they pass it (the
 * validation message alone only appears afterwards). `max` is the same number the field's
 * validation rule uses; past it the counter turns red for an error, amber for a warning.
 */
export function withCharacterCount(max: number, level: 'error' | 'warning') {
  function CharacterCountInput(props: StringInputProps | TextInputProps) {
    // String length in UTF-16 units, as Sanity's `rule.max` counts it.
    const length = props.value?.length ?? 0
    const over = length > max
    const colour = !over
      ? 'var(--card-muted-fg-color)'
      : level === 'error'
        ? 'var(--card-badge-critical-fg-color, #c3362b)'
        : 'var(--card-badge-caution-fg-color, #8c6400)'
    return (
      <div>
        {props.renderDefault(props)}
        <div
          data-testid="character-count"
          aria-live="polite"
          style={{ marginTop: 6, textAlign: 'right', fontSize: 13, color: colour, fontVariantNumeric: 'tabular-nums' }}
        >
          {length} / {max}
        </div>
      </div>
    )
  }
  return CharacterCountInput
}
