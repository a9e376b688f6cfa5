import type { ArticleCard, RelatedCandidate } from './models'

const RELATED_MIN = 3
const RELATED_MAX = 6

/**
 * Related articles: those sharing topics or people come first (most shared first, then newest);
 * when fewer than three share anything, the newest others fill up to three.
 * Candidates arrive ordered by relevance desc, publishedAt desc.
 */
export function pickRelated(candidates: readonly RelatedCandidate[]): ArticleCard[] {
  const sharing = candidates.filter((c) => c.relevance > 0).slice(0, RELATED_MAX)
  const fill = candidates.filter((c) => c.relevance === 0).slice(0, Math.max(0, RELATED_MIN - sharing.length))
  return [...sharing, ...fill].map(withoutRelevance)
}

function withoutRelevance(candidate: RelatedCandidate): ArticleCard {
  const card: Partial<RelatedCandidate> = { ...candidate }
  delete card.relevance
  return card as ArticleCard
}
