// @sanity/icons 5 exports one module per icon (the index only has lazy, name-keyed icons).
import { ClockIcon } from '@sanity/icons/Clock'
import { CogIcon } from '@sanity/icons/Cog'
import { DocumentsIcon } from '@sanity/icons/Documents'
import { EarthGlobeIcon } from '@sanity/icons/EarthGlobe'
import { EditIcon } from '@sanity/icons/Edit'
import { TagIcon } from '@sanity/icons/Tag'
import { TagsIcon } from '@sanity/icons/Tags'
import { UserIcon } from '@sanity/icons/User'
import { UsersIcon } from '@sanity/icons/Users'
import { TranslateIcon } from '@sanity/icons/Translate'
import type { DocumentActionComponent, NewDocumentOptionsResolver } from 'sanity'
import type { StructureResolver } from 'sanity/structure'
import { withPreviousSlugs } from './publish-action'
import { UnpublishFromDrafts } from './unpublish-action'
import { ScheduleAction } from './schedule-action'

/**
 * The Studio's API version for list queries. Lists are queried in the Studio's perspective, where a
 * draft's `_id` is the published id and `_originalId` keeps `drafts.…`; in raw, `_id` does.
 */
const API_VERSION = '2025-02-19'
const NEWEST_FIRST = [{ field: 'publishedAt', direction: 'desc' as const }]

const SITE_SETTINGS_ID = 'siteSettings'

/**
 * The newsroom's desk: the feed first, then unpublished work, articles by topic, the taxonomy, and
 * the one settings document.
 */
export const structure: StructureResolver = (S) =>
  S.list()
    .title('Редакция')
    .items([
      S.listItem()
        .id('feed')
        .title('Лента')
        .icon(DocumentsIcon)
        .schemaType('article')
        .child(S.documentTypeList('article').title('Лента').apiVersion(API_VERSION).defaultOrdering(NEWEST_FIRST)),
      S.listItem()
        .id('drafts')
        .title('Черновики')
        .icon(EditIcon)
        .schemaType('article')
        .child(
          S.documentList()
            .id('drafts')
            .title('Черновики — неопубликованные правки')
            .schemaType('article')
            .apiVersion(API_VERSION)
            .filter('_type == "article" && (_id in path("drafts.**") || _originalId in path("drafts.**"))')
            .defaultOrdering([{ field: '_updatedAt', direction: 'desc' }]),
        ),
      S.listItem()
        .id('scheduled')
        .title('Запланированные')
        .icon(ClockIcon)
        .schemaType('article')
        .child(
          S.documentList()
            .id('scheduled')
            .title('Запланированные — ждут времени публикации')
            .schemaType('article')
            .apiVersion(API_VERSION)
            // Under embargo: the site shows an article from its `publishedAt` on (./schedule-action.tsx sets it).
            .filter('_type == "article" && publishedAt > now()')
            .defaultOrdering([{ field: 'publishedAt', direction: 'asc' }]),
        ),
      S.listItem()
        .id('by-topic')
        .title('По темам')
        .icon(TagsIcon)
        .schemaType('topic')
        .child(
          S.documentTypeList('topic')
            .title('По темам')
            .apiVersion(API_VERSION)
            .child((topicId) =>
              S.documentList()
                .id(`topic-${topicId}`)
                .title('Статьи темы')
                .schemaType('article')
                .apiVersion(API_VERSION)
                .filter('_type == "article" && $topicId in topics[]._ref')
                .params({ topicId })
                .defaultOrdering(NEWEST_FIRST),
            ),
        ),
      S.divider(),
      S.documentTypeListItem('topic').title('Темы').icon(TagIcon),
      S.documentTypeListItem('person').title('Персоны').icon(UsersIcon),
      S.documentTypeListItem('country').title('Страны').icon(EarthGlobeIcon),
      S.documentTypeListItem('author').title('Авторы').icon(UserIcon),
      S.documentTypeListItem('translation.metadata').title('Переводы').icon(TranslateIcon),
      S.divider(),
      S.listItem()
        .id(SITE_SETTINGS_ID)
        .title('Настройки сайта')
        .icon(CogIcon)
        .schemaType('siteSettings')
        .child(S.document().schemaType('siteSettings').documentId(SITE_SETTINGS_ID).title('Настройки сайта')),
    ])

/** The settings are one document: it is never created from the "new document" menu… */
export const newDocumentOptions: NewDocumentOptionsResolver = (templates) => templates.filter((template) => template.templateId !== 'siteSettings')

/**
 * …nor deleted, duplicated or unpublished; an article's publish keeps its former addresses. Every
 * other document can be unpublished from the drafts view (./unpublish-action.tsx), and an article
 * scheduled (./schedule-action.tsx), just after Publish.
 */
export function documentActions(actions: DocumentActionComponent[], context: { schemaType: string }): DocumentActionComponent[] {
  if (context.schemaType === 'siteSettings') return actions.filter((action) => !['delete', 'duplicate', 'unpublish'].includes(action.action ?? ''))
  const isArticle = context.schemaType === 'article'
  const own = isArticle ? actions.map((action) => (action.action === 'publish' ? withPreviousSlugs(action) : action)) : actions
  const publish = own.findIndex((action) => action.action === 'publish')
  return [...own.slice(0, publish + 1), ...(isArticle ? [ScheduleAction] : []), UnpublishFromDrafts, ...own.slice(publish + 1)]
}
