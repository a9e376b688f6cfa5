import type { LocaleResourceRecord } from 'sanity'

/** The `feedback` namespace: the help menu's feedback form (it writes to Sanity). */
const feedback: LocaleResourceRecord = {
  'feedback.attachment.browse': 'Выбрать',
  'feedback.attachment.drop-zone': 'Перетащите или вставьте файл сюда',
  'feedback.attachment.error.size': 'Изображение должно быть меньше 20 МБ',
  'feedback.attachment.label': 'Приложить изображение',
  'feedback.attachment.remove': 'Убрать',
  'feedback.cancel': 'Отмена',
  'feedback.consent.disclaimer': 'Если выберете «Да», ваши имя и адрес почты получит команда Sanity.',
  'feedback.consent.label': 'Можно связаться с вами по поводу этого отзыва?',
  'feedback.consent.no': 'Нет',
  'feedback.consent.yes': 'Да',
  'feedback.dialog.title': 'Отзыв для Sanity',
  'feedback.error': 'Не удалось отправить отзыв, ошибка',
  'feedback.menu-item': 'Отправить отзыв',
  'feedback.message.label': 'Что работает хорошо? Что можно улучшить?',
  'feedback.message.placeholder': 'Опишите проблему или пожелание…',
  'feedback.sentiment.happy': 'Легко',
  'feedback.sentiment.label': 'Насколько удобно работать в Sanity?',
  'feedback.sentiment.neutral': 'Не знаю',
  'feedback.sentiment.unhappy': 'Трудно',
  'feedback.submit': 'Отправить отзыв',
  'feedback.success': 'Отзыв отправлен, спасибо!',
}

export default feedback
