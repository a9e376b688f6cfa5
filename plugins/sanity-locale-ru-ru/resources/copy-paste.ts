import type { LocaleResourceRecord } from 'sanity'

/** The `copy-paste` namespace: copying and pasting documents and fields. */
const copyPaste: LocaleResourceRecord = {
  'copy-paste.field-action-copy-button.document.title': 'Копировать документ',
  'copy-paste.field-action-copy-button.field.title': 'Копировать поле',
  'copy-paste.field-action-paste-button.document.title': 'Вставить документ',
  'copy-paste.field-action-paste-button.field.title': 'Вставить поле',
  'copy-paste.on-paste.validation.read-only-target.description': 'Поле только для чтения',
  'copy-paste.on-paste.validation.read-only-fields-skipped.description': 'Пропущены поля только для чтения: {{fieldNames}}',
  'copy-paste.on-paste.validation.read-only-fields-skipped-truncated.description': 'Пропущены поля только для чтения: {{fieldNames}} и ещё {{count}}',
  'copy-paste.on-paste.validation.schema-type-incompatible.description': 'Типы источника и назначения несовместимы',
  'copy-paste.on-paste.validation.reference-type-incompatible.description':
    'Ссылки типа «{{sourceReferenceType}}» нельзя вставить в поле, которое принимает «{{targetReferenceTypes}}»',
  'copy-paste.on-paste.validation.reference-filter-incompatible.description': 'Фильтр поля не допускает эту ссылку',
  'copy-paste.on-paste.validation.reference-validation-failed.description': 'Документа «{{ref}}», на который ведёт ссылка, нет',
  'copy-paste.on-paste.validation.image-file-incompatible.description': '«{{sourceSchemaType}}» нельзя вставить в «{{targetSchemaType}}»',
  'copy-paste.on-paste.validation.array-type-incompatible.description': 'Значения типа «{{type}}» в этом списке недопустимы',
  'copy-paste.on-paste.validation.array-value-incompatible.description': 'Значения типа «{{type}}» в этом списке недопустимы',
  'copy-paste.on-paste.validation.string-value-incompatible.description': 'Значение «{{value}}» не входит в «{{allowedStrings}}»',
  'copy-paste.on-paste.validation.primitive-type-incompatible.description': 'Значения типа «{{type}}» в этом поле недопустимы',
  'copy-paste.on-paste.validation.clipboard-empty.title': 'Нечего вставить',
  'copy-paste.on-paste.validation.clipboard-invalid.title': 'В буфере обмена неподходящие данные',
  'copy-paste.on-paste.validation.schema-type-incompatible.title': 'Не удалось определить тип схемы для пути: {{path}}',
  'copy-paste.on-paste.validation.partial-warning.title': 'Вставлены не все значения',
  'copy-paste.on-paste.validation.mime-type-incompatible.description': 'Тип MIME «{{mimeType}}» в этом поле недопустим',
  'copy-paste.on-paste.validation.mime-type-validation-failed.description': 'Проверка типа MIME не пройдена',
  'copy-paste.on-copy.validation.schema-type-incompatible.title': 'Не удалось определить тип схемы для пути: {{path}}',
  'copy-paste.on-copy.validation.no-value.title': 'Поле пустое, копировать нечего',
  'copy-paste.on-copy.validation.clipboard-not-supported.description':
    'Чтобы скопировать, нужен доступ к буферу обмена. Разрешите его в настройках браузера и попробуйте ещё раз.',
  'copy-paste.on-copy.validation.clipboard-not-supported.title': 'Доступ к буферу обмена запрещён',
}

export default copyPaste
