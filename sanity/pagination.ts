export const TOPIC_PAGE_SIZE = 20

/** People per page of the people index: a newsroom's thousand people on one page took 330 ms to render. */
export const PEOPLE_PAGE_SIZE = 60

/** Parses a page segment: only canonical positive integers ("2", not "02", "2.0" or "-1"). */
export function parsePageNumber(segment: string): number | null {
  if (!/^[1-9]\d{0,5}$/.test(segment)) return null
  return Number(segment)
}

export function pageCount(total: number, pageSize = TOPIC_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize))
}

export function pageRange(page: number, pageSize = TOPIC_PAGE_SIZE): { start: number; end: number } {
  return { start: (page - 1) * pageSize, end: page * pageSize }
}
