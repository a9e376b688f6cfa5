import { contentClient } from './client'
import { contentApi } from './content'

/** For proxy.ts: the current slug of the article that `slug` was the address of, read now (the proxy keeps answers for seconds). */
export const findMovedArticle = (slug: string): Promise<string | null> => contentApi(contentClient(), 'published').movedArticle(slug)
