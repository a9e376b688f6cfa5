import { describe, expect, it } from 'vitest'
import { matchRoute, route } from '../src/http/route-table'
import { ROUTES } from '../src/http/routes'

describe('the route table', () => {
  const noop = () => undefined
  const table = [route('GET', '/users/me', noop), route('GET', '/users/:ids', noop), route(['GET', 'POST'], '/intake/*', noop)]

  it('takes the first row whose method and pattern match, with `:name` parameters and the `*` rest', () => {
    expect(matchRoute(table, 'GET', ['users', 'me'])?.route).toBe(table[0])
    expect(matchRoute(table, 'GET', ['users', 'a,b'])).toMatchObject({ route: table[1], params: { ids: 'a,b' }, rest: [] })
    expect(matchRoute(table, 'POST', ['intake', 'batch', 'x'])).toMatchObject({ route: table[2], rest: ['batch', 'x'] })
    expect(matchRoute(table, 'GET', ['intake'])).toMatchObject({ route: table[2], rest: [] })
  })

  it('matches nothing for another method, a missing or an extra segment', () => {
    expect(matchRoute(table, 'POST', ['users', 'me'])).toBeUndefined()
    expect(matchRoute(table, 'GET', ['users'])).toBeUndefined()
    expect(matchRoute(table, 'GET', ['users', 'me', 'extra'])).toBeUndefined()
  })

  it('has one row per method and pattern, and routes the Studio’s dataset endpoints', () => {
    const keys = ROUTES.flatMap((r) => r.methods.map((method) => `${method} ${r.pattern}`))
    expect(new Set(keys).size).toBe(keys.length)
    for (const [method, path] of [
      ['GET', '/data/query/production'],
      ['POST', '/data/actions/production'],
      ['GET', '/data/history/production/events/documents/drafts.a'],
      ['GET', '/data/history/production/transactions/drafts.a'],
      ['GET', '/data/references/production/documents/a/to'],
      ['GET', '/data/live/events/production'],
    ] as const) {
      expect(matchRoute(ROUTES, method, path.split('/').filter(Boolean)), `${method} ${path}`).toBeDefined()
    }
  })
})
