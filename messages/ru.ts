import { countOf, pluralForm, type PluralForms } from '@/lib/format'

/**
 * The reader site's interface strings in Russian, the reference edition: kk.ts and en.ts are typed
 * against this object, so a missing or extra key fails the typecheck. Strings that embed values are
 * functions, so word order stays each language's own.
 */
const articles: PluralForms = { one: 'статья', few: 'статьи', many: 'статей', other: 'статьи' }
const materials: PluralForms = { one: 'материал', few: 'материала', many: 'материалов', other: 'материала' }

const people: PluralForms = { one: 'персона', few: 'персоны', many: 'персон', other: 'персоны' }

export const ru = {
  languageName: 'Русский',
  siteTagline: (site: string) => `${site} — новости Казахстана`,
  chrome: {
    homeCrumb: 'Главная',
    skipLink: 'Перейти к содержанию',
    toHome: (site: string) => `${site} — на главную`,
    sections: 'Рубрики',
    allTopics: 'Все темы',
    siteSearch: 'Поиск по сайту',
    search: 'Поиск',
    find: 'Найти',
    languages: 'Язык',
    footerNote: 'Демонстрационные материалы сгенерированы для показа возможностей портала.',
  },
  home: {
    heading: 'Новости Казахстана и мира',
    top: 'Главное',
    latest: 'Последние новости',
    more: 'Ещё новости',
  },
  article: {
    updated: 'обновлено',
    topics: 'Темы',
    people: 'Персоны',
    countries: 'Страны',
    related: 'Читайте также',
  },
  archive: {
    kinds: { topics: 'Тема', people: 'Персона', countries: 'Страна', authors: 'Автор' },
    descriptions: {
      topics: (title: string) => `Новости по теме «${title}»`,
      people: (title: string) => `${title}: новости и публикации`,
      countries: (title: string) => `${title}: новости и публикации`,
      authors: (title: string) => `${title}: публикации автора`,
    },
    empty: 'Пока здесь нет публикаций.',
    titleOfPage: (title: string, page: number) => `${title} — страница ${page}`,
  },
  pagination: {
    label: 'Страницы',
    first: '« Первая',
    prev: '‹ Предыдущая',
    next: 'Следующая ›',
    last: 'Последняя »',
    pageOf: (page: number, count: number) => `Страница ${page} из ${count}`,
    pageNote: (page: number, count: number) => `страница ${page} из ${count}`,
  },
  topicsIndex: {
    heading: 'Темы',
    title: 'Все темы',
    description: (site: string) => `Все темы ${site}: политика, экономика, дипломатия, общество`,
  },
  notFound: {
    title: 'Страница не найдена',
    text: 'Возможно, материал был перенесён или адрес набран с ошибкой.',
    home: 'Вернуться на главную',
    or: 'или посмотреть',
    topics: 'все темы',
  },
  outage: {
    title: 'Сайт временно недоступен',
    text: 'Мы не можем сейчас загрузить эту страницу: хранилище материалов не отвечает. Мы уже знаем о проблеме.',
    retry: 'Попробуйте обновить страницу через минуту. Уже открывавшиеся страницы по-прежнему доступны.',
  },
  error: {
    title: 'Что-то пошло не так',
    text: 'Страница временно недоступна. Попробуйте обновить её через минуту.',
    retry: 'Повторить',
  },
  plural: { articles, materials, people },
  directories: {
    indexes: 'Разделы',
    names: { topics: 'Темы', people: 'Персоны', countries: 'Страны' },
    peopleTitle: 'Персоны',
    peopleIntro: 'Люди в новостях: чаще упоминаемые — выше.',
    peopleDescription: (site: string) => `Люди в новостях ${site}: политики, дипломаты, предприниматели`,
    peopleEmpty: 'Пока здесь никого нет.',
    countriesTitle: 'Страны',
    countriesIntro: 'Страны в новостях: чаще упоминаемые — выше.',
    countriesDescription: (site: string) => `Страны в новостях ${site}`,
    countryPeople: 'Люди в новостях',
    latestInTopic: 'Свежее в теме',
    articlesHeading: 'Материалы',
    allInTopic: (title: string) => `Все материалы темы «${title}» →`,
  },
  search: {
    title: 'Поиск',
    titleFor: (query: string) => `Поиск: ${query}`,
    description: (site: string) => `Поиск по материалам ${site}`,
    formLabel: 'Параметры поиска',
    queryLabel: 'Что искать',
    placeholder: (example: string) => `Например, ${example}`,
    examples: ['переговоры Токаева', 'инфляция', 'Средний коридор', 'Astana Hub'],
    topic: 'Тема',
    anyTopic: 'Все темы',
    country: 'Страна',
    anyCountry: 'Все страны',
    from: 'С даты',
    to: 'По дату',
    fieldNames: { from: 'Дата «с»', to: 'Дата «по»', topic: 'Тема', country: 'Страна' },
    notices: {
      truncated: (max: number) => `Запрос длиннее ${max} знаков: искали по его началу.`,
      badDate: (field: string, value: string) => `${field} «${value}» не распознана (нужен формат ГГГГ-ММ-ДД) и не учтена.`,
      datesSwapped: 'Начальная дата была позже конечной — мы поменяли их местами.',
      badFilter: (field: string, value: string) => `${field} «${value}» не найдена, фильтр не применён.`,
      unknownTopic: (value: string) => `Темы «${value}» нет среди опубликованных материалов, фильтр по теме не применён.`,
      unknownCountry: (value: string) => `Страны «${value}» нет среди опубликованных материалов, фильтр по стране не применён.`,
      tooManyWords: (max: number) => `В запросе слишком много слов: учтены первые ${max}.`,
      anyWords: 'Материалов со всеми словами запроса нет — показаны те, где есть хотя бы одно из них.',
      similar: 'Точных совпадений нет — показаны материалы с похожими словами.',
    },
    filters: {
      topic: (title: string) => `в теме «${title}»`,
      country: (title: string) => `страна: ${title}`,
      from: (day: string) => `с ${day}`,
      to: (day: string) => `по ${day}`,
    },
    intro: 'Введите слово или фразу: поиск учитывает формы слов — по запросу «переговоры» найдутся и «переговорах», и «переговоров».',
    forExample: 'Например:',
    noWords: (query: string) => `В запросе «${query}» нет слов для поиска: только знаки, разметка или служебные слова вроде «и», «в», «на».`,
    noWordsHint: 'Попробуйте написать, о чём материал: имя, место, событие.',
    newestFirst: 'сначала новые',
    nothingFound: (query: string, filters: string) => `По запросу «${query}»${filters} ничего не найдено.`,
    tipSpelling: 'Проверьте, нет ли в словах опечаток.',
    tipWords: 'Попробуйте другие или более общие слова, или меньше слов.',
    withoutFilters: 'Искать без фильтров',
    found: (query: string, filters: string, count: number) =>
      `По запросу «${query}»${filters} ${pluralForm('ru', count, { one: 'найден', other: 'найдено' })} ${countOf('ru', count, materials)}`,
  },
}

export type Messages = typeof ru
