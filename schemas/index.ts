import { article } from './documents/article'
import { siteSettings } from './documents/siteSettings'
import { translationMetadata } from './documents/translationMetadata'
import { author, country, person, topic } from './documents/taxonomy'
import { blockContent } from './objects/blockContent'
import { figure } from './objects/figure'
import { localeString, localeText } from './objects/localeString'
import { seo } from './objects/seo'

export const schemaTypes = [article, topic, person, country, author, siteSettings, translationMetadata, figure, blockContent, localeString, localeText, seo]
