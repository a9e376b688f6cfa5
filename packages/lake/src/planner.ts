import type { ExprNode } from 'groq-js'
import type { DocRow, PerspectiveSql } from './doc-source'
import { ELEMENT_FIELDS, FIELD_COLUMNS } from './index-tables'
import { attribute, compareStrings } from './indexes'
import type { LakeDocument } from './ndjson'
import { compileSqlConjunct, countPart, type CountPart, type DynamicKey, type SqlCondition, type SqlRuntime, type SqlText } from './planner-sql'

/**
 * The lake's index-aware planner. groq-js evaluates `*[filter]` by testing every document; the
 * planner rewrites each `*`-rooted filter it understands, anywhere in the tree (subqueries and
 * projections included), so that groq-js evaluates it over candidates from the indexes instead:
 *
 *   *[f]   →   coalesce(*→candidates, *[f])            when f is fully understood ("exact")
 *   *[f]   →   coalesce(*→candidates, *)[f]            when only an indexed conjunct is understood
 *
 * `*→candidates` is a dereference of a marker id (`\0lake:<plan>:<key>`) that the engine's
 * `dereference` hook answers from the indexes; a key that depends on the enclosing scope (as
 * `references(^._id)`) is computed by groq-js in that scope and concatenated to the marker. When
 * the hook cannot answer (a key that is not a string, an unknown plan), it returns null and coalesce
 * falls back to the full scan. Candidates are always in dataset order and a superset of the
 * matches, so the result is the full scan's. In exact plans the hook evaluates the whole filter in
 * JavaScript (semantics of groq-js reproduced for ==, !=, <, <=, >, >=, in, defined, references,
 * &&, !), and for `| order(publishedAt …)[a...b]` scans the documents by `publishedAt` only until
 * b matches (plus ties and documents without a string `publishedAt`).
 */

export const PLAN_MARKER = '\u0000lake:'

type Tri = boolean | null
interface Runtime {
  params: Record<string, unknown>
  now: string
  dynamic: string | undefined
  refsOf(doc: LakeDocument): Set<string>
}
type Operand = (doc: LakeDocument, rt: Runtime) => unknown
type Predicate = (doc: LakeDocument, rt: Runtime) => Tri
type KeySource = { kind: 'value'; value: unknown } | { kind: 'param'; name: string } | { kind: 'dynamic' }
type IndexKind = 'id' | 'slug' | 'idIn' | 'slugIn' | 'element' | 'ref' | 'typeIn' | 'type' | 'all'
const PRIORITY: IndexKind[] = ['id', 'slug', 'idIn', 'slugIn', 'element', 'ref', 'typeIn', 'type']

interface Lookup {
  kind: IndexKind
  key: KeySource
  /** The key expression lifted to the enclosing scope (dynamic keys only). */
  lifted?: ExprNode
  /** The list whose elements are looked up (`element` only: one of ELEMENT_FIELDS). */
  field?: string
}

interface Plan {
  id: number
  lookup: Lookup
  /** The whole filter compiled, or undefined when only the lookup is understood (superset plan). */
  predicate?: Predicate
  /** A constant `_type ==` conjunct, for ordered scans. */
  type?: string
  order?: { direction: 'asc' | 'desc'; limit: number }
  /** The whole filter as SQL (exact), when every conjunct is expressible. */
  sql?: SqlCondition
  /** The conjuncts expressible in SQL (a superset of the matches), when not all are. */
  sqlPart?: SqlCondition
  /** A `count(*[f])` plan: the hook answers the number. */
  count?: boolean
  /**
   * The filter as the count groups answer it (./index-tables.ts), when every conjunct is one they
   * answer (countPart): a count's answer, and how many rows a read of every match will return.
   */
  groups?: GroupCount
  /**
   * A positional plan for `*[f] | order(publishedAt dir[, _id dir])[a...b]` (or `[a]`): the hook
   * answers the slice itself, cut in SQL. `then` is the second key: `_id` in a direction, or
   * `stable` (ties in dataset order, as groq-js's stable sort leaves them).
   */
  slice?: {
    offset: number
    end: number
    then: 'asc' | 'desc' | 'stable' | 'dataset'
    element: boolean
    column?: string
    direction?: 'asc' | 'desc'
    /** Values the key is compared with by a conjunct (`updatedAt <= now()`): when one is a string, every match's key is a string. */
    comparedWith?: ((rt: SqlRuntime) => unknown)[]
  }
  /**
   * The paths the consumer reads of each match (a projection of indexed fields only): the hook
   * answers stubs built from the index columns, and no document is read.
   */
  stub?: string[]
  /** A `*[f]{ a, "b": c.d }` whose attributes are indexed paths: the hook answers the projected objects. */
  project?: { name: string; path: string }[]
}

let nextPlanId = 1
/** Plans by id, for the dereference hook (plans are immutable and few: one per filter of each distinct query). */
const PLANS = new Map<number, Plan>()

// ---------- the tree ----------

type AnyNode = ExprNode & Record<string, unknown>
const isNode = (value: unknown): value is AnyNode => value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string'

/** Ids of the plans created by the running `planTree` call, for its caller to forget them later. */
let created: number[] | undefined

/**
 * Rewrites every `*`-rooted filter the planner understands; returns a new tree (the input is not
 * changed). The ids of the plans it registers are pushed to `plans`: a caller that drops the tree
 * must `forgetPlans` them, or the registry would grow with every distinct query ever seen.
 */
export function planTree(tree: ExprNode, plans?: number[]): ExprNode {
  created = plans
  try {
    return rewrite(tree)
  } finally {
    created = undefined
  }
}

/** How many plans are registered (bounded by the parse caches that hold their trees). */
export const registeredPlans = () => PLANS.size

/** Drops plans whose tree is no longer used; a marker of a forgotten plan falls back to the full scan. */
export function forgetPlans(ids: number[]): void {
  for (const id of ids) PLANS.delete(id)
}

function rewrite(node: ExprNode): ExprNode {
  const n = node as AnyNode
  // *[f] | order(publishedAt dir, …)[a...b]
  // *[f]{a, b} and *[f] | order(…)[a...b].x: the matches as stubs of the index columns the projection reads.
  if (n.type === 'Map') {
    const paths = elementPaths(n.expr as AnyNode)
    const base = n.base as AnyNode
    if (paths) {
      const stub = [...paths]
      if (base.type === 'Filter' && (base.base as AnyNode).type === 'Everything') {
        const out: Planned = {}
        const original = { ...n, base: planFilter(base, undefined, false, out, stub), expr: rewrite(n.expr as ExprNode) } as ExprNode
        // Plain attributes of indexed paths: the projected objects come from the index, groq-js projects nothing.
        const project = directProjection(n.expr as AnyNode)
        if (!project || !out.plan?.sql || !out.markerFor) return original
        const plan: Plan = { ...out.plan, id: nextPlanId++, project }
        PLANS.set(plan.id, plan)
        created?.push(plan.id)
        return { type: 'FuncCall', namespace: 'global', name: 'coalesce', args: [out.markerFor(plan.id), original] } as unknown as ExprNode
      }
      if (base.type === 'Slice' && isOrderedFilter(base.base)) return { ...n, base: rewriteSlice(base, stub), expr: rewrite(n.expr as ExprNode) } as ExprNode
      if (base.type === 'Slice' && isEverythingFilter(base.base) && (base.left as number) >= 0 && (base.right as number) >= 0) {
        const range = { offset: base.left as number, end: (base.right as number) + (base.isInclusive ? 1 : 0) }
        return { ...n, base: datasetSlice(base, range, false, stub), expr: rewrite(n.expr as ExprNode) } as ExprNode
      }
    }
  }
  if (n.type === 'Slice' && isOrderedFilter(n.base)) return rewriteSlice(n)
  // *[f][a...b], *[f][i]: in dataset order, cut in SQL.
  if (n.type === 'Slice' && isEverythingFilter(n.base) && (n.left as number) >= 0 && (n.right as number) >= 0)
    return datasetSlice(n, { offset: n.left as number, end: (n.right as number) + (n.isInclusive ? 1 : 0) }, false)
  if (n.type === 'AccessElement' && isEverythingFilter(n.base) && typeof n.index === 'number' && n.index >= 0)
    return datasetSlice(n, { offset: n.index, end: n.index + 1 }, true)
  // *[f] | order(publishedAt dir, …)[i]: the slice [i..i].
  if (n.type === 'AccessElement' && isOrderedFilter(n.base) && typeof n.index === 'number' && n.index >= 0)
    return orderedSlice(n, n.base as AnyNode, { offset: n.index, end: n.index + 1 }, true)
  if (n.type === 'Filter' && (n.base as AnyNode).type === 'Everything') return planFilter(n, undefined)
  // count(*[f]): counted by the index when f is understood.
  if (n.type === 'FuncCall' && n.namespace === 'global' && n.name === 'count' && (n.args as unknown[]).length === 1) {
    const arg = (n.args as AnyNode[])[0]!
    if (arg.type === 'Filter' && (arg.base as AnyNode).type === 'Everything') return planFilter(arg, undefined, true)
  }
  return mapChildren(n, rewrite)
}

const isEverythingFilter = (node: unknown) => isNode(node) && node.type === 'Filter' && (node.base as AnyNode).type === 'Everything'

/** `*[f][a...b]` / `*[f][i]`: coalesce(<the slice cut in SQL, in dataset order>, <the slice by groq-js>) when f is exact SQL. */
function datasetSlice(n: AnyNode, range: { offset: number; end: number }, element: boolean, stub?: string[]): ExprNode {
  const out: Planned = {}
  const original = { ...n, base: planFilter(n.base as AnyNode, undefined, false, out) } as ExprNode
  if (!out.plan?.sql || !out.markerFor) return original
  const plan: Plan = { ...out.plan, id: nextPlanId++, slice: { ...range, then: 'dataset', element }, stub }
  return sliceMarker(plan, out.markerFor, original, element)
}

/**
 * Registers a slice plan: `coalesce(<marker>, <the slice by groq-js>)`; for an element,
 * `coalesce(<marker>, [<the element by groq-js>])[0]`, the marker answering [doc] or [], so that
 * an element past the end is null without the fallback.
 */
function sliceMarker(plan: Plan, markerFor: (id: number) => ExprNode, original: ExprNode, element: boolean): ExprNode {
  PLANS.set(plan.id, plan)
  created?.push(plan.id)
  const coalesce = (fallback: ExprNode) =>
    ({ type: 'FuncCall', namespace: 'global', name: 'coalesce', args: [markerFor(plan.id), fallback] }) as unknown as ExprNode
  if (!element) return coalesce(original)
  const wrapped = { type: 'Array', elements: [{ type: 'ArrayElement', value: original, isSplat: false }] } as unknown as ExprNode
  return { type: 'AccessElement', base: coalesce(wrapped), index: 0 } as unknown as ExprNode
}

function rewriteSlice(n: AnyNode, stub?: string[]): ExprNode {
  const order = n.base as AnyNode
  const limit = (n.right as number) + (n.isInclusive ? 1 : 0)
  const offset = n.left as number
  return orderedSlice(n, order, offset >= 0 && limit >= 0 ? { offset, end: limit } : undefined, false, stub)
}

/** `{ a, "b": c.d }` over the element (`@`), each value a path a stub answers: the attributes; else null. */
function directProjection(expr: AnyNode): { name: string; path: string }[] | null {
  if (expr.type !== 'Projection' || (expr.base as AnyNode).type !== 'This' || (expr.expr as AnyNode).type !== 'Object') return null
  const attributes: { name: string; path: string }[] = []
  for (const attribute of (expr.expr as AnyNode).attributes as unknown as Record<string, unknown>[]) {
    if (attribute.type !== 'ObjectAttributeValue') return null
    const path = pathOf(attribute.value)?.join('.')
    if (!path || !STUB_PATHS.has(path)) return null
    attributes.push({ name: attribute.name as string, path })
  }
  // A name given twice keeps its last value in groq-js, at its first place: left to groq-js.
  return new Set(attributes.map((a) => a.name)).size === attributes.length ? attributes : null
}

/** Paths a stub can answer: the indexed fields, `_id` and `_rev`. */
const STUB_PATHS = new Set([...Object.keys(FIELD_COLUMNS), '_id', '_rev'])

/**
 * The paths of the element (`@`) that an expression reads, when it reads nothing else of it (no
 * `...`, no dereference, no subquery, no `^`) and every path is one a stub answers; else null.
 */
function elementPaths(expr: AnyNode): Set<string> | null {
  const paths = new Set<string>()
  const walk = (node: AnyNode): boolean => {
    switch (node.type) {
      case 'Value':
      case 'Parameter':
        return true
      case 'AccessAttribute': {
        const path = pathOf(node)
        if (!path || !STUB_PATHS.has(path.join('.'))) return false
        paths.add(path.join('.'))
        return true
      }
      case 'Projection':
        return (node.base as AnyNode).type === 'This' && walk(node.expr as AnyNode)
      case 'Object':
        return (node.attributes as unknown as Record<string, unknown>[]).every(
          (attribute) => attribute.type === 'ObjectAttributeValue' && walk(attribute.value as AnyNode),
        )
      case 'Select':
        return (
          (node.alternatives as unknown as Record<string, unknown>[]).every(
            (alternative) => walk(alternative.condition as AnyNode) && walk(alternative.value as AnyNode),
          ) &&
          (node.fallback === undefined || walk(node.fallback as AnyNode))
        )
      case 'OpCall':
      case 'And':
      case 'Or':
        return walk(node.left as AnyNode) && walk(node.right as AnyNode)
      case 'Not':
      case 'Group':
        return walk(node.base as AnyNode)
      case 'FuncCall':
        return node.namespace === 'global' && ['defined', 'coalesce', 'now'].includes(node.name as string) && (node.args as AnyNode[]).every(walk)
      default:
        return false
    }
  }
  return walk(expr) && paths.size > 0 ? paths : null
}

/**
 * `*[f] | order(publishedAt …)[a...b]`: the filter planned with an order hint (its first b matches
 * and ties), and, when f is exact SQL and the order is publishedAt then `_id` or nothing, the whole
 * slice as a marker of its own: `coalesce(<the slice cut in SQL>, <the slice by groq-js>)`.
 */
function orderedSlice(n: AnyNode, order: AnyNode, range: { offset: number; end: number } | undefined, element: boolean, stub?: string[]): ExprNode {
  const keys = order.args as AnyNode[]
  const direction = (keys[0]!.type === 'Desc' ? 'desc' : 'asc') as 'asc' | 'desc'
  const field = orderedBy(order)!
  const out: Planned = {}
  // Only a publishedAt order has the filter's own ordered answer (its first b and ties) as the fallback.
  const hint = range && field === 'publishedAt' ? { direction, limit: range.end } : undefined
  const planned = planFilter(order.base as AnyNode, hint, false, out)
  const original = { ...n, base: { ...order, base: planned, args: keys.map((key) => rewrite(key)) } } as ExprNode
  const then = secondKey(keys)
  if (!range || !then || !out.plan?.sql || !out.markerFor) return original
  const column = FIELD_COLUMNS[field]!
  const comparedWith = flattenAnd((order.base as AnyNode).expr as ExprNode)
    .map((conjunct) => countPart(conjunct))
    .flatMap((part) => (part?.kind === 'range' && part.column === column ? [part.value] : []))
  const plan: Plan = { ...out.plan, id: nextPlanId++, slice: { ...range, then, element, column: `d.${column}`, direction, comparedWith }, stub }
  return sliceMarker(plan, out.markerFor, original, element)
}

/** The order after the first key: `_id` in a direction, nothing (`stable`), or undefined for anything else. */
function secondKey(keys: AnyNode[]): 'asc' | 'desc' | 'stable' | undefined {
  if (keys.length === 1) return 'stable'
  if (keys.length !== 2) return undefined
  const key = keys[1]!
  const base = key.type === 'Asc' || key.type === 'Desc' ? (key.base as AnyNode) : key
  if (!isPath(base, ['_id'])) return undefined
  return key.type === 'Desc' ? 'desc' : 'asc'
}

function mapChildren(n: AnyNode, fn: (node: ExprNode) => ExprNode): ExprNode {
  if (n.type === 'Value') return n
  const copy: Record<string, unknown> = { ...n }
  for (const [key, value] of Object.entries(n)) {
    if (isNode(value)) copy[key] = fn(value)
    else if (Array.isArray(value))
      copy[key] = value.map((item) =>
        isNode(item) && !['ArrayElement', 'ObjectAttributeValue', 'ObjectSplat', 'ObjectConditionalSplat', 'SelectAlternative'].includes(item.type)
          ? fn(item)
          : isNode(item)
            ? mapChildren(item, fn)
            : item,
      )
  }
  return copy as unknown as ExprNode
}

/** The indexed field a `*[f] | order(<field> …, …)` orders by first, or null when it is not that shape. */
function orderedBy(node: unknown): string | null {
  if (!isNode(node) || node.type !== 'PipeFuncCall' || node.name !== 'order') return null
  const first = (node.args as AnyNode[])[0]
  const key = first && (first.type === 'Asc' || first.type === 'Desc') ? (first.base as AnyNode) : first
  const base = node.base as AnyNode
  const path = pathOf(key)?.join('.')
  return path && FIELD_COLUMNS[path] && base.type === 'Filter' && (base.base as AnyNode).type === 'Everything' ? path : null
}
const isOrderedFilter = (node: unknown) => orderedBy(node) !== null

/** What planFilter registered: its plan and a marker for another plan with the same key (a slice of it). */
interface Planned {
  plan?: Plan
  markerFor?: (id: number) => ExprNode
}

function planFilter(filter: AnyNode, order: Plan['order'], count = false, out: Planned = {}, stub?: string[]): ExprNode {
  const expr = rewrite(filter.expr as ExprNode)
  const conjuncts = flattenAnd(filter.expr as ExprNode)
  const found = conjuncts.flatMap((node) => {
    const lookup = lookupOf(node)
    return lookup ? [{ node, lookup }] : []
  })
  const fallback = { ...filter, expr } as ExprNode
  found.sort(
    (a, b) =>
      PRIORITY.indexOf(a.lookup.kind) - PRIORITY.indexOf(b.lookup.kind) || Number(a.lookup.key.kind === 'dynamic') - Number(b.lookup.key.kind === 'dynamic'),
  )
  const chosen = found[0]
  const lookup: Lookup = chosen?.lookup ?? { kind: 'all', key: { kind: 'value', value: null } }
  const dynamic: DynamicKey | undefined =
    chosen && lookup.key.kind === 'dynamic' && ['ref', 'id', 'slug', 'type'].includes(lookup.kind)
      ? { node: chosen.node, kind: lookup.kind as DynamicKey['kind'] }
      : undefined
  const sqlConjuncts = conjuncts.map((c) => (dynamic === undefined && lookup.key.kind === 'dynamic' ? null : compileSqlConjunct(c, dynamic)))
  const sql = sqlConjuncts.every((c): c is SqlCondition => c !== null) ? andSql(sqlConjuncts as SqlCondition[]) : undefined
  const someSql = sqlConjuncts.filter((c): c is SqlCondition => c !== null)
  if (!chosen && someSql.length === 0) return count ? countOf(fallback) : fallback
  const predicates = conjuncts.map((c) => compile(c, lookup))
  const exact = predicates.every((p): p is Predicate => p !== null)
  const typeConjunct = found.find(({ lookup: l }) => l.kind === 'type' && l.key.kind === 'value' && typeof l.key.value === 'string')
  const plan: Plan = {
    id: nextPlanId++,
    lookup,
    predicate: exact ? and(predicates as Predicate[]) : undefined,
    type: typeConjunct ? (typeConjunct.lookup.key as { value: string }).value : undefined,
    order: exact || sql ? order : undefined,
    sql,
    sqlPart: sql ? undefined : someSql.length > 0 ? andSql(someSql) : undefined,
    count: count && (exact || sql !== undefined),
    stub: sql ? stub : undefined,
    groups: sql ? groupCount(conjuncts, sqlConjuncts as SqlCondition[], dynamic) : undefined,
  }
  PLANS.set(plan.id, plan)
  created?.push(plan.id)
  const lifted = lookup.lifted ? rewrite(lookup.lifted) : undefined
  const markerFor = (id: number) => {
    const marker: ExprNode = { type: 'Value', value: `${PLAN_MARKER}${id}:` }
    const ref: ExprNode = lifted ? { type: 'OpCall', op: '+', left: marker, right: lifted } : marker
    return { type: 'Deref', base: { type: 'Object', attributes: [{ type: 'ObjectAttributeValue', name: '_ref', value: ref }] } } as unknown as ExprNode
  }
  out.plan = plan
  out.markerFor = markerFor
  const candidates = markerFor(plan.id)
  const coalesce = (args: ExprNode[]) => ({ type: 'FuncCall', namespace: 'global', name: 'coalesce', args }) as unknown as ExprNode
  // count(*[f]) → coalesce(<the number from the index>, count(*[f])).
  if (plan.count) return coalesce([candidates, countOf(fallback)])
  if (exact || sql) return coalesce([candidates, fallback])
  const planned = { ...filter, base: coalesce([candidates, { type: 'Everything' } as ExprNode]), expr } as ExprNode
  return count ? countOf(planned) : planned
}

/** A count by groups: every conjunct but the range (answered on the groups, and on the postings for what lies outside the range), and at most one range. */
interface GroupCount {
  where: SqlCondition
  range?: Extract<CountPart, { kind: 'range' }>
}

function groupCount(conjuncts: ExprNode[], sql: SqlCondition[], dynamic: DynamicKey | undefined): GroupCount | undefined {
  const parts = conjuncts.map((node) => countPart(node, dynamic))
  const ranges = parts.filter((part): part is Extract<CountPart, { kind: 'range' }> => part?.kind === 'range')
  // One postings list drives the count: a second references() is a condition on the document's id.
  if (parts.some((part) => part === null) || ranges.length > 1 || parts.filter((part) => part?.kind === 'refs').length > 1) return undefined
  // With the references(): its SQL is the postings to count (refs), or a constant when it has no key (`references([])`).
  return { where: andSql(sql.filter((_, i) => parts[i]!.kind !== 'range')), range: ranges[0] }
}

/**
 * count(*[f]) from the count groups: the documents (or one reference's postings) of the groups
 * that f's other conjuncts accept; with an upper bound `c <= v` (or `<`), those whose c is a string,
 * less those whose c is a string above v, counted by c's index (a short range: for
 * `publishedAt <= now()`, the embargoed articles). Null: counted by the index instead.
 */
function countByGroups(groups: GroupCount, rt: SqlRuntime, source: PlanSource, plan?: Plan): number | null {
  const where = groupWhere(groups, rt, source, plan)
  if (!where || (where.refs && where.refs.length !== 1)) return null
  const ref = where.refs?.[0]
  const value = groups.range?.value(rt)
  // A range with a value that is not a string holds for no string: left to the index. So is a lower
  // bound (`publishedAt > $lastWeek`): what lies outside it is most of the archive, the range itself
  // one read of the key's index.
  if (groups.range && (typeof value !== 'string' || groups.range.op === '>' || groups.range.op === '>=')) return null
  if (ref !== undefined) {
    const batch = everyReference(groups, where, value as string | undefined, source)
    if (batch) return batch.get(ref) ?? 0
  }
  if (!groups.range) return source.groupCount(where.sql, where.args, ref)
  const column = `d.${groups.range.column}`
  const typed = `typeof(${column}) = 'text'`
  const outside = { '<': '>=', '<=': '>', '>': '<=', '>=': '<' }[groups.range.op]
  const strings = source.groupCount(`${where.sql} AND ${typed}`, where.args, ref)
  return strings - source.count(`${where.sql} AND ${typed} AND ${column} ${outside} ?`, [...where.args, value], where.refs)
}

/**
 * The SQL of a count's filter. Of `references(^._id)` (a count for each document of a list), only
 * the postings to count change from one document to the next: the rest is written once per
 * evaluation, not once per document (writing it costs more than the count).
 */
function groupWhere(groups: GroupCount, rt: SqlRuntime, source: PlanSource, plan: Plan | undefined): SqlText | null {
  if (!plan || plan.lookup.kind !== 'ref' || plan.lookup.key.kind !== 'dynamic' || typeof rt.dynamic !== 'string') return groups.where(rt)
  const key = `where\u0000${plan.id}`
  let where = source.memo.get(key) as SqlText | null | undefined
  if (where === undefined) source.memo.set(key, (where = groups.where(rt)))
  return where && { ...where, refs: [rt.dynamic] }
}

/** Counts of one filter for this many references in one evaluation are taken for every reference at once. */
const BATCH_AFTER = 16

/**
 * The count of each reference's documents matching `where` (less those outside the range), for
 * every reference at once: a count per person of the people index is then a lookup, not two
 * statements each (thousands of them). Taken once a query has asked for BATCH_AFTER references'
 * counts of the same filter; null before.
 */
function everyReference(groups: GroupCount, where: SqlText, value: string | undefined, source: PlanSource): Map<string, number> | null {
  const key = `${where.sql}\u0000${JSON.stringify(where.args)}\u0000${value ?? ''}`
  let entry = source.memo.get(key) as { calls: number; counts?: Map<string, number> } | undefined
  if (!entry) source.memo.set(key, (entry = { calls: 0 }))
  if (++entry.calls < BATCH_AFTER) return null
  if (entry.counts) return entry.counts
  if (!groups.range) return (entry.counts = source.groupCountsByRef(where.sql, where.args))
  const column = `d.${groups.range.column}`
  const typed = `typeof(${column}) = 'text'`
  const outside = { '<': '>=', '<=': '>', '>': '<=', '>=': '<' }[groups.range.op]
  const counts = source.groupCountsByRef(`${where.sql} AND ${typed}`, where.args)
  for (const [ref, n] of source.countsByRef(`${where.sql} AND ${typed} AND ${column} ${outside} ?`, [...where.args, value]))
    counts.set(ref, (counts.get(ref) ?? 0) - n)
  return (entry.counts = counts)
}

const countOf = (node: ExprNode) => ({ type: 'FuncCall', namespace: 'global', name: 'count', args: [node] }) as unknown as ExprNode

/** Conjuncts as one condition; the first `references()` among them becomes the postings that drive the query. */
function andSql(conditions: SqlCondition[]): SqlCondition {
  return (rt) => {
    const parts: SqlText[] = []
    let refs: string[] | undefined
    for (const condition of conditions) {
      const part = condition(rt)
      if (!part) return null
      if (part.refs && !refs) {
        refs = part.refs
        continue
      }
      parts.push(part)
    }
    if (parts.length === 0) parts.push({ sql: '1', args: [] })
    return { sql: parts.map((part) => part.sql).join(' AND '), args: parts.flatMap((part) => part.args), refs }
  }
}

function flattenAnd(node: ExprNode): ExprNode[] {
  const n = node as AnyNode
  if (n.type === 'And') return [...flattenAnd(n.left as ExprNode), ...flattenAnd(n.right as ExprNode)]
  if (n.type === 'Group') return flattenAnd(n.base as ExprNode)
  return [node]
}

/** `a.b.c` relative to the element (no base, or `@`). */
function pathOf(node: unknown): string[] | null {
  if (!isNode(node)) return null
  if (node.type === 'This') return []
  if (node.type !== 'AccessAttribute') return null
  if (node.base === undefined || node.base === null) return [node.name as string]
  const base = pathOf(node.base)
  return base ? [...base, node.name as string] : null
}
const isPath = (node: unknown, path: string[]) => pathOf(node)?.join('.') === path.join('.') && path.length > 0

/** A key that does not depend on the element: a constant, a parameter, or an expression lifted out of the filter's scope. */
function keyOf(node: unknown): { key: KeySource; lifted?: ExprNode } | null {
  if (!isNode(node)) return null
  if (node.type === 'Value') return { key: { kind: 'value', value: node.value } }
  if (node.type === 'Parameter') return { key: { kind: 'param', name: node.name as string } }
  const lifted = lift(node, 0)
  return lifted ? { key: { kind: 'dynamic' }, lifted } : null
}

const SCOPED_CHILD: Record<string, string[]> = { Filter: ['expr'], Projection: ['expr'], Map: ['expr'], FlatMap: ['expr'], PipeFuncCall: ['args'] }
const LIFTABLE = new Set([
  'Value',
  'Parameter',
  'Everything',
  'Parent',
  'This',
  'AccessAttribute',
  'AccessElement',
  'Filter',
  'Projection',
  'OpCall',
  'And',
  'Or',
  'Not',
  'Group',
  'Deref',
  'FuncCall',
  'Slice',
  'PipeFuncCall',
  'Asc',
  'Desc',
  'Object',
  'Array',
  'ArrayElement',
  'ObjectAttributeValue',
])

/**
 * The expression as it reads one scope further out, or null when it depends on the filter's
 * element. `depth` counts the scopes the expression itself opened (inside them, `@` and `^^…` that
 * stay inside are left alone). `^` at depth 0 becomes `@` of the enclosing scope.
 */
function lift(node: AnyNode, depth: number): ExprNode | null {
  if (!LIFTABLE.has(node.type)) return null
  if (node.type === 'This' || (node.type === 'AccessAttribute' && !node.base)) {
    if (depth === 0) return null
    return node
  }
  if (node.type === 'Parent') {
    const n = node.n as number
    if (n <= depth) return node
    return n - 1 === 0 ? ({ type: 'This' } as ExprNode) : ({ type: 'Parent', n: n - 1 } as ExprNode)
  }
  if (node.type === 'FuncCall' && node.namespace === 'global' && ['now'].includes(node.name as string)) return node
  const copy: Record<string, unknown> = { ...node }
  const scoped = SCOPED_CHILD[node.type] ?? []
  for (const [key, value] of Object.entries(node)) {
    const childDepth = scoped.includes(key) ? depth + 1 : depth
    if (isNode(value)) {
      const lifted = lift(value, childDepth)
      if (!lifted) return null
      copy[key] = lifted
    } else if (Array.isArray(value)) {
      const items: unknown[] = []
      for (const item of value) {
        if (!isNode(item)) return null
        const lifted = lift(item, childDepth)
        if (!lifted) return null
        items.push(lifted)
      }
      copy[key] = items
    }
  }
  return copy as unknown as ExprNode
}

function lookupOf(node: ExprNode): Lookup | null {
  const n = node as AnyNode
  if (n.type === 'OpCall' && n.op === '==') {
    for (const [a, b] of [
      [n.left, n.right],
      [n.right, n.left],
    ]) {
      const kind: IndexKind | null = isPath(a, ['_id']) ? 'id' : isPath(a, ['_type']) ? 'type' : isPath(a, ['slug', 'current']) ? 'slug' : null
      const key = kind && keyOf(b)
      if (kind && key) return { kind, ...key }
      // `country._ref == K`: only a document that references K has it (a superset, from the references index).
      const path = pathOf(a)
      const refKey = path && path.length > 1 && path.at(-1) === '_ref' ? keyOf(b) : null
      if (refKey) return { kind: 'ref', ...refKey }
    }
  }
  if (n.type === 'OpCall' && n.op === 'in') {
    const kind: IndexKind | null = isPath(n.left, ['_id'])
      ? 'idIn'
      : isPath(n.left, ['_type'])
        ? 'typeIn'
        : isPath(n.left, ['slug', 'current'])
          ? 'slugIn'
          : null
    const key = kind && keyOf(n.right)
    // A list key must be known before evaluation (a dynamic one cannot be passed as a string).
    if (kind && key && key.key.kind !== 'dynamic') return { kind, ...key }
    // K in previousSlugs: the documents whose list holds K, from the element index.
    const list = pathOf(n.right)
    const elementKey = list?.length === 1 && ELEMENT_FIELDS.includes(list[0]!) ? keyOf(n.left) : null
    if (elementKey) return { kind: 'element', field: list![0], ...elementKey }
    // K in refs[]._ref: a superset from the references index.
    const right = n.right as AnyNode
    if (right.type === 'Map' || right.type === 'FlatMap' || right.type === 'AccessAttribute') {
      if (isRefsPath(right)) {
        const refKey = keyOf(n.left)
        if (refKey) return { kind: 'ref', ...refKey }
      }
    }
  }
  if (n.type === 'FuncCall' && n.namespace === 'global' && n.name === 'references' && (n.args as unknown[]).length === 1) {
    const key = keyOf((n.args as unknown[])[0])
    if (key) return { kind: 'ref', ...key }
  }
  return null
}

/** `a[]._ref` / `a[].b._ref`: values that are only ever `_ref`s of the element. */
function isRefsPath(node: AnyNode): boolean {
  return (
    node.type === 'Map' &&
    isNode(node.expr) &&
    (node.expr as AnyNode).type === 'AccessAttribute' &&
    (node.expr as AnyNode).name === '_ref' &&
    !(node.expr as AnyNode).base
  )
}

// ---------- compiling a filter to JavaScript (groq-js semantics) ----------

function operand(node: unknown): Operand | null {
  const path = pathOf(node)
  if (path && path.length > 0) return (doc) => path.reduce<unknown>((value, name) => attribute(value, name), doc)
  if (!isNode(node)) return null
  if (node.type === 'Value') return () => node.value
  if (node.type === 'Parameter') return (_, rt) => rt.params[node.name as string]
  if (node.type === 'FuncCall' && node.namespace === 'global' && node.name === 'now' && (node.args as unknown[]).length === 0) return (_, rt) => rt.now
  // coalesce(language, "ru"): the first argument that is not null (the editions' filter).
  if (node.type === 'FuncCall' && node.namespace === 'global' && node.name === 'coalesce') {
    const args = (node.args as unknown[]).map(operand)
    if (args.length === 0 || !args.every((arg): arg is Operand => arg !== null)) return null
    return (doc, rt) => {
      for (const arg of args) {
        const value = arg(doc, rt)
        if (groqType(value) !== 'null') return value
      }
      return null
    }
  }
  return null
}

/** groq-js getType for JSON values (no datetimes come from documents or params). */
function groqType(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}
function isEqual(a: unknown, b: unknown): boolean {
  const ta = groqType(a)
  if (ta !== groqType(b)) return false
  if (ta === 'null') return true
  if (ta === 'string' || ta === 'number' || ta === 'boolean') return a === b
  return false
}
function partialCompare(a: unknown, b: unknown): number | null {
  const ta = groqType(a)
  if (ta !== groqType(b)) return null
  if (ta === 'number' || ta === 'boolean') return (a as number) - (b as number)
  if (ta === 'string') return compareStrings(a as string, b as string)
  return null
}
const COMPARE: Record<string, (c: number) => boolean> = { '<': (c) => c < 0, '<=': (c) => c <= 0, '>': (c) => c > 0, '>=': (c) => c >= 0 }

function compile(node: ExprNode, lookup: Lookup): Predicate | null {
  const n = node as AnyNode
  switch (n.type) {
    case 'Group':
      return compile(n.base as ExprNode, lookup)
    case 'And': {
      const left = compile(n.left as ExprNode, lookup)
      const right = compile(n.right as ExprNode, lookup)
      return left && right ? and([left, right]) : null
    }
    case 'Not': {
      const base = compile(n.base as ExprNode, lookup)
      return (
        base &&
        ((doc, rt) => {
          const value = base(doc, rt)
          return value === null ? null : !value
        })
      )
    }
    case 'OpCall': {
      if (n.op === 'in') return compileIn(n)
      const left = operand(n.left)
      const right = operand(n.right)
      if (!left || !right) return compileLookupEquality(n, lookup)
      if (n.op === '==') return (doc, rt) => isEqual(left(doc, rt), right(doc, rt))
      if (n.op === '!=') return (doc, rt) => !isEqual(left(doc, rt), right(doc, rt))
      const test = COMPARE[n.op as string]
      if (!test) return null
      return (doc, rt) => {
        const c = partialCompare(left(doc, rt), right(doc, rt))
        return c === null ? null : test(c)
      }
    }
    case 'FuncCall': {
      if (n.namespace !== 'global') return null
      const args = n.args as ExprNode[]
      if (n.name === 'defined' && args.length === 1) {
        const value = operand(args[0])
        return value && ((doc, rt) => groqType(value(doc, rt)) !== 'null')
      }
      if (n.name === 'references' && args.length === 1) {
        const isLookup = lookup.kind === 'ref' && lookupOf(node) !== null && sameKey(lookupOf(node)!, lookup)
        const key = isLookup ? (_: LakeDocument, rt: Runtime) => (lookup.key.kind === 'dynamic' ? rt.dynamic : staticKey(lookup.key, rt)) : operand(args[0])
        if (!key) return null
        return (doc, rt) => {
          const wanted = key(doc, rt)
          const ids = typeof wanted === 'string' ? [wanted] : Array.isArray(wanted) ? wanted.filter((id): id is string => typeof id === 'string') : []
          if (ids.length === 0) return false
          const refs = rt.refsOf(doc)
          return ids.some((id) => refs.has(id))
        }
      }
      return null
    }
    default:
      return null
  }
}

/** `_id == <dynamic key>` and the like: the lookup itself, when its key is the dynamic one. */
function compileLookupEquality(n: AnyNode, lookup: Lookup): Predicate | null {
  const own = lookupOf(n as ExprNode)
  if (!own || !sameKey(own, lookup) || lookup.key.kind !== 'dynamic') return null
  const path =
    lookup.kind === 'id'
      ? ['_id']
      : lookup.kind === 'slug'
        ? ['slug', 'current']
        : lookup.kind === 'type'
          ? ['_type']
          : // `country._ref == ^._id`: the path is the equality's own.
            lookup.kind === 'ref'
            ? ([n.left, n.right].map(pathOf).find((p) => p !== null && p.length > 1 && p.at(-1) === '_ref') ?? null)
            : null
  if (!path) return null
  return (doc, rt) =>
    isEqual(
      path.reduce<unknown>((value, name) => attribute(value, name), doc),
      rt.dynamic,
    )
}

// Two keys of the enclosing scope are the same only when they are the same expression (`references(^._id) &&
// references(^.country._ref)`: only the chosen one arrives as the marker's dynamic key).
const sameKey = (a: Lookup, b: Lookup) =>
  a.kind === b.kind && a.key.kind === b.key.kind && JSON.stringify(a.key) === JSON.stringify(b.key) && JSON.stringify(a.lifted) === JSON.stringify(b.lifted)

function compileIn(n: AnyNode): Predicate | null {
  const left = operand(n.left)
  if (!left) return null
  const right = n.right as AnyNode
  let elements: Operand | null = null
  // A list from the document itself, as `$slug in previousSlugs`: SQL cannot test it, the predicate can.
  if (right.type === 'Parameter' || right.type === 'Value' || pathOf(right)?.length) elements = operand(right)
  else if (right.type === 'Array') {
    const items = (right.elements as unknown as AnyNode[]).map((element) => (element.isSplat ? null : operand(element.value)))
    if (items.some((item) => item === null)) return null
    elements = (doc, rt) => items.map((item) => item!(doc, rt))
  }
  if (!elements) return null
  const values = elements
  return (doc, rt) => {
    const list = values(doc, rt)
    if (!Array.isArray(list)) return null
    const value = left(doc, rt)
    return list.some((item) => isEqual(value, item))
  }
}

function and(predicates: Predicate[]): Predicate {
  return (doc, rt) => {
    let result: Tri = true
    for (const predicate of predicates) {
      const value = predicate(doc, rt)
      if (value === false) return false
      if (value === null) result = null
    }
    return result
  }
}

function staticKey(key: KeySource, rt: Runtime): unknown {
  return key.kind === 'value' ? key.value : key.kind === 'param' ? rt.params[key.name] : rt.dynamic
}

// ---------- answering a plan ----------

/** The parts of a marker id: the plan and the dynamic key (undefined when the plan has none). */
function parseMarker(ref: string): { plan: Plan; dynamic: string | undefined } | null {
  const colon = ref.indexOf(':', PLAN_MARKER.length)
  const plan = PLANS.get(Number(ref.slice(PLAN_MARKER.length, colon)))
  if (!plan || colon < 0) return null
  return { plan, dynamic: plan.lookup.key.kind === 'dynamic' ? ref.slice(colon + 1) : undefined }
}

const strings = (value: unknown): string[] | null =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : null

/** What a plan is answered from: the perspective's rows in `lake_docs` (./index-tables.ts). */
export interface PlanSource {
  p: PerspectiveSql
  /**
   * Rows (ROW_COLUMNS, the dataset order as `o`, publishedAt as `k`) of the perspective matching
   * `where`, in dataset order unless `orderBy`; read from the postings of `refs` (lake_refs, each
   * document once) when given, else from lake_docs. `columns`: the index columns the caller reads
   * besides those (stubs, projections, a merge's keys): materialising 100 000 rows costs by the column.
   * `scan`: lake_docs read in its order, through no index (most of its rows match).
   */
  rows(
    where: string,
    args: unknown[],
    orderBy?: string,
    limit?: number,
    refs?: string[],
    offset?: number,
    columns?: string[],
    scan?: boolean,
  ): (DocRow & { o: number; k?: unknown })[]
  count(where: string, args: unknown[], refs?: string[]): number
  /** The value of the first ORDER BY column of the match at `rank` in `orderBy` (one column, so that an index alone can answer), or undefined past the end. */
  keyAt(where: string, args: unknown[], orderBy: string, rank: number, refs?: string[]): unknown
  /** What a plan's answers keep for the rest of this evaluation (one read transaction, one now()). */
  memo: Map<string, unknown>
  /** groupCount for every reference: its postings' groups matching `where`, by reference. */
  groupCountsByRef(where: string, args: unknown[]): Map<string, number>
  /** The postings matching `where` (on the documents' columns), by reference: read from the documents matching it (few), then their postings. */
  countsByRef(where: string, args: unknown[]): Map<string, number>
  /** The documents of the count groups matching `where` (on the group columns), or of one reference's groups (./index-tables.ts). */
  groupCount(where: string, args: unknown[], ref?: string): number
  documents(rows: DocRow[]): LakeDocument[]
  refsOf(doc: LakeDocument): Set<string>
  /** Documents whose `_id` or `publishedAt` SQLite orders otherwise than JavaScript (./index-tables.ts isOddKey). */
  oddKeys(): number
  /** Stubs of these rows holding only `paths`, from the index columns (a document read instead where a column cannot say). */
  stubs(rows: DocRow[], paths: string[]): LakeDocument[]
  /**
   * `{ name: path, … }` of each match, as groq-js projects it, read from the index columns alone (only
   * those, as arrays: a manifest of 100 000 articles); null when a value is not in the index.
   */
  project(
    where: string,
    args: unknown[],
    refs: string[] | undefined,
    attributes: { name: string; path: string }[],
    scan: boolean,
  ): Record<string, unknown>[] | null
}

/** The lookup as SQL: the candidates (a superset of the matches); null: the full scan must run. */
function lookupSql(lookup: Lookup, key: unknown, p: PerspectiveSql): { sql: string; args: unknown[] } | null {
  const list = (column: string, keys: string[]) =>
    keys.length === 0 ? { sql: '0', args: [] } : { sql: `${column} IN (SELECT value FROM json_each(?))`, args: [JSON.stringify(keys)] }
  switch (lookup.kind) {
    case 'all':
      return { sql: '1', args: [] }
    case 'id':
    case 'slug':
    case 'type':
      if (typeof key !== 'string') return null
      return list(lookup.kind === 'id' ? p.id : lookup.kind === 'slug' ? 'd.f_slug' : 'd.f_type', [key])
    case 'element':
      // Only strings are indexed: for `7 in previousSlugs` every document is a candidate.
      if (typeof key !== 'string') return { sql: '1', args: [] }
      return { sql: 'd.rid IN (SELECT rid FROM lake_elements WHERE field = ? AND value = ?)', args: [lookup.field, key] }
    case 'slugIn':
      // `null in [null]` holds for a document without a slug, which the slug index does not list.
      if (!Array.isArray(key) || key.some((k) => typeof k !== 'string')) return typeof key === 'string' ? { sql: '0', args: [] } : null
      return list('d.f_slug', key as string[])
    case 'idIn':
    case 'typeIn':
    case 'ref': {
      const keys = strings(key)
      if (!keys) return lookup.kind === 'ref' ? { sql: '0', args: [] } : null
      if (lookup.kind === 'ref')
        return keys.length === 0
          ? { sql: '0', args: [] }
          : { sql: 'd.rid IN (SELECT rid FROM lake_refs WHERE ref IN (SELECT value FROM json_each(?)))', args: [JSON.stringify(keys)] }
      return list(lookup.kind === 'idIn' ? p.id : 'd.f_type', keys)
    }
  }
}

/**
 * Answers a marker id: the candidates of a plan (a superset of its matches, in dataset order), or
 * exactly its matches for an exact plan, or their number for a count plan; null to make the query
 * fall back to the full scan.
 */
export function resolvePlan(
  ref: string,
  source: PlanSource,
  context: { params: Record<string, unknown>; now: string },
): LakeDocument[] | LakeDocument | number | null {
  const parsed = parseMarker(ref)
  if (!parsed) return null
  const { plan } = parsed
  const rt: Runtime = { ...context, dynamic: parsed.dynamic, refsOf: (doc) => source.refsOf(doc) }
  const sqlRt: SqlRuntime = { params: context.params, now: context.now, dynamic: parsed.dynamic, idColumn: source.p.id }
  // A count by groups first: its SQL is written once per evaluation (groupWhere), a count per document of a list.
  if (plan.count && plan.groups) {
    const counted = countByGroups(plan.groups, sqlRt, source, plan)
    if (counted !== null) return counted
  }
  const exact = plan.sql?.(sqlRt)
  if (plan.slice) return exact ? sliceRows(exact, plan, source, sqlRt) : null
  if (exact) {
    if (exact.refs?.length === 0) return plan.count ? 0 : []
    if (plan.count) return source.count(exact.sql, exact.args, exact.refs)
    if (plan.order) return orderedRows(exact, plan.order, source)
    const scan = mostRows(plan, exact, source, sqlRt)
    if (plan.project) return source.project(exact.sql, exact.args, exact.refs, plan.project, scan) as unknown as LakeDocument[] | null
    const rows = source.rows(exact.sql, exact.args, undefined, undefined, exact.refs, undefined, columnsOf(plan.stub), scan)
    return plan.stub ? source.stubs(rows, plan.stub) : source.documents(rows)
  }
  const key = staticKey(plan.lookup.key, rt)
  const lookup = lookupSql(plan.lookup, key, source.p)
  if (!lookup) return null
  const part = plan.sqlPart?.(sqlRt)
  // A type is the widest lookup, and the SQL part tests it too: alone, the part leaves SQLite free to
  // read a narrower index (the articles with former addresses, not every article).
  const byType = plan.lookup.kind === 'type' || plan.lookup.kind === 'typeIn'
  const where = part ? (byType ? part : { sql: `${lookup.sql} AND ${part.sql}`, args: [...lookup.args, ...part.args] }) : lookup
  const predicate = plan.predicate
  // One reference's candidates: a range of its postings (the persons of a country), not the documents whose rid is among every posting of it.
  const postings = plan.lookup.kind === 'ref' && !plan.order ? strings(key) : null
  const candidates = () =>
    postings?.length === 1 ? source.rows(part?.sql ?? '1', part?.args ?? [], undefined, undefined, postings) : source.rows(where.sql, where.args)
  if (!predicate) return source.documents(candidates())
  if (plan.order) return orderedScan(where, predicate, plan.order, source, rt)
  const matches = source.documents(candidates()).filter((doc) => predicate(doc, rt) === true)
  return plan.count ? matches.length : matches
}

/**
 * Whether a read of every match returns most of the perspective (a fifth or more, by the count
 * groups): SQLite then reads the table in its order rather than an index and a sort of the matches
 * (its statistics hold averages: the type index looks narrow, articles are most of the lake).
 */
function mostRows(plan: Plan, where: SqlText, source: PlanSource, rt: SqlRuntime): boolean {
  if (where.refs || !plan.groups) return false
  const matches = countByGroups(plan.groups, rt, source)
  return matches !== null && matches * 5 >= source.groupCount('1', [])
}

/** The index columns that stubs of these paths read (undefined: none, the documents are read). */
function columnsOf(paths: string[] | undefined): string[] | undefined {
  if (!paths) return undefined
  return [...new Set(paths.flatMap((path) => (path === '_id' ? ['d.id', 'd.pid'] : path === '_rev' ? ['d.rev'] : [`d.${FIELD_COLUMNS[path]!}`])))]
}

/** Rows back in dataset order, as documents. */
function inDatasetOrder(rows: (DocRow & { o: number })[], source: PlanSource): LakeDocument[] {
  const unique = new Map(rows.map((row) => [row.rid, row]))
  return source.documents([...unique.values()].sort((a, b) => a.o - b.o))
}

/**
 * The matches an `order(publishedAt …)[a...b]` needs, from the index in `publishedAt` order: the
 * first b, every match tied with the last of them, and the matches whose publishedAt is not a
 * string (wherever GROQ sorts those). groq-js then sorts and slices these exactly as it would all
 * matches.
 */
function orderedRows(where: SqlText, order: NonNullable<Plan['order']>, source: PlanSource): LakeDocument[] {
  const direction = order.direction === 'asc' ? 'ASC' : 'DESC'
  const dated = `${where.sql} AND typeof(d.f_pub) = 'text'`
  // Of several references, the first b of the union are among the first b of each (each read in order from its postings).
  const drivers = where.refs && where.refs.length > 1 ? where.refs.map((ref) => [ref]) : [where.refs]
  const found: (DocRow & { o: number })[] = []
  for (const refs of drivers) {
    const top = order.limit > 0 ? source.rows(dated, where.args, `d.f_pub ${direction}`, order.limit, refs) : []
    const ties =
      top.length === order.limit && order.limit > 0
        ? source.rows(`${where.sql} AND d.f_pub = ?`, [...where.args, top.at(-1)!.k], undefined, undefined, refs)
        : []
    found.push(...top, ...ties)
  }
  const rest = source.rows(`${where.sql} AND (d.f_pub IS NULL OR typeof(d.f_pub) != 'text')`, where.args, undefined, undefined, where.refs)
  return inDatasetOrder([...found, ...rest], source)
}

/** As orderedRows, for a filter evaluated in JavaScript: candidates in `publishedAt` order, a page at a time, until b match. */
function orderedScan(
  where: { sql: string; args: unknown[] },
  predicate: Predicate,
  order: NonNullable<Plan['order']>,
  source: PlanSource,
  rt: Runtime,
): LakeDocument[] {
  const direction = order.direction === 'asc' ? 'ASC' : 'DESC'
  const op = order.direction === 'asc' ? '>' : '<'
  const accepted: (DocRow & { o: number })[] = []
  const accept = (rows: (DocRow & { o: number })[]) => {
    const docs = source.documents(rows)
    rows.forEach((row, i) => {
      if (predicate(docs[i]!, rt) === true) accepted.push(row)
    })
  }
  let boundary: unknown
  let after: { k: unknown; o: number } | undefined
  let matched = 0
  while (boundary === undefined) {
    const page = source.rows(
      after
        ? `${where.sql} AND typeof(d.f_pub) = 'text' AND (d.f_pub ${op} ? OR (d.f_pub = ? AND ${source.p.order} > ?))`
        : `${where.sql} AND typeof(d.f_pub) = 'text'`,
      after ? [...where.args, after.k, after.k, after.o] : where.args,
      `d.f_pub ${direction}, ${source.p.order} ASC`,
      256,
    )
    for (const row of page) {
      const before = accepted.length
      accept([row])
      if (accepted.length > before) matched++
      if (matched >= order.limit) {
        boundary = row.k
        break
      }
    }
    if (page.length < 256) break
    after = { k: page.at(-1)!.k, o: page.at(-1)!.o }
  }
  if (boundary !== undefined)
    accept(source.rows(`${where.sql} AND d.f_pub = ?`, [...where.args, boundary]).filter((row) => !accepted.some((a) => a.rid === row.rid)))
  accept(source.rows(`${where.sql} AND (d.f_pub IS NULL OR typeof(d.f_pub) != 'text')`, where.args))
  return inDatasetOrder(accepted, source)
}

/**
 * A positional slice cut in SQL: ORDER BY publishedAt, then `_id` or the dataset order, OFFSET a
 * LIMIT b - a. Exactly groq-js's order when every match has a string publishedAt (groq-js sorts other
 * types apart) and no key is one SQLite orders otherwise (isOddKey); else null, and groq-js sorts.
 */
function sliceRows(where: SqlText, plan: Plan, source: PlanSource, rt: SqlRuntime): LakeDocument[] | LakeDocument | null {
  const slice = plan.slice!
  const pick = (rows: DocRow[]) => {
    const docs = plan.stub ? source.stubs(rows, plan.stub) : source.documents(rows)
    // An element's plan answers [doc] or [] (a null would fall back to groq-js): see sliceMarker.
    return slice.element ? docs.slice(0, 1) : docs
  }
  const limit = Math.max(0, slice.end - slice.offset)
  const columns = columnsOf(plan.stub)
  if (slice.then === 'dataset') return pick(source.rows(where.sql, where.args, `${source.p.order} ASC`, limit, where.refs, slice.offset, columns))
  const direction = slice.direction === 'asc' ? 'ASC' : 'DESC'
  const column = slice.column!
  if (source.oddKeys() > 0) return null
  // NULL, numbers (below any text) and blobs (above): a match whose key is not a string. Three ranges
  // of the key's index, each one looked up rather than the matches scanned.
  // Of several references, each one's postings separately (an index range each, not a union grouped and sorted).
  const drivers = where.refs && where.refs.length > 1 ? where.refs.map((ref) => [ref]) : [where.refs]
  // A conjunct comparing the key with a string holds only for strings: nothing to look up (a NULL range
  // of the key's index may hold most postings, each tested against the filter).
  const stringsOnly = slice.comparedWith?.some((value) => typeof value(rt) === 'string')
  for (const refs of stringsOnly ? [] : drivers)
    for (const range of [`${column} IS NULL`, `${column} < ''`, `${column} >= x''`])
      if (source.rows(`${where.sql} AND ${range}`, where.args, `${column} ASC`, 1, refs).length > 0) return null
  const then = slice.then === 'stable' ? `${source.p.order} ASC` : `${source.p.id} ${slice.then.toUpperCase()}`
  const orderBy = `${column} ${direction}, ${then}`
  // The number of matches, when the groups count them: the slice's ends are then walked to from the nearer end.
  const total = drivers.length === 1 && plan.groups ? (countByGroups(plan.groups, rt, source) ?? undefined) : undefined
  const cut = (refs: string[] | undefined, offset: number, count: number, wanted: string[] | undefined) =>
    boundedSlice(source, { ...where, refs }, column, direction, orderBy, offset, count, wanted, total)
  if (drivers.length === 1) return pick(cut(where.refs, slice.offset, limit, columns))
  // The first b of the union are among the first b of each reference: merged here in the same order
  // (every key a string that JavaScript and SQLite order alike, checked above), each document once.
  const merged = new Map<number, DocRow & Record<string, unknown>>()
  for (const refs of drivers)
    for (const row of cut(refs, 0, slice.end, [...(columns ?? []), column, source.p.id]))
      merged.set(row.rid, row as unknown as DocRow & Record<string, unknown>)
  const key = column.slice(2)
  const tie = slice.then === 'stable' ? 'o' : source.p.id.slice(2)
  const sign = direction === 'ASC' ? 1 : -1
  const tieSign = slice.then === 'desc' ? -1 : 1
  const sorted = [...merged.values()].sort((a, b) => sign * compareStrings(a[key] as string, b[key] as string) || tieSign * compareKeys(a[tie], b[tie]))
  return pick(sorted.slice(slice.offset, slice.end))
}

/**
 * Rows [offset, offset + count) of the matches in `orderBy` (the key `column` in `direction`, then
 * a tie-break). SQLite walks an index in that order only when the tie-break runs the index's way;
 * otherwise it sorts every match (a country's 100 000 articles for one lastmod, the whole archive
 * for its last sitemap). So the keys at the slice's ends are found by walking the key's order alone
 * (an index walk that stops there), the matches before the first key are counted, and only the rows
 * between the two keys are sorted. Every key is a string here (sliceRows checked), so SQL's
 * comparisons are the order's. Knowing the `total` of matches, a rank past the middle is walked to
 * from the other end (the last article sitemap: 4 800 index entries, not 95 000).
 */
function boundedSlice(
  source: PlanSource,
  where: SqlText,
  column: string,
  direction: 'ASC' | 'DESC',
  orderBy: string,
  offset: number,
  count: number,
  columns: string[] | undefined,
  total?: number,
): (DocRow & { o: number })[] {
  if (count <= 0) return []
  const reverse = direction === 'ASC' ? 'DESC' : 'ASC'
  const keyAt = (rank: number) => {
    if (total !== undefined && rank >= total) return undefined
    return total !== undefined && rank > total / 2
      ? source.keyAt(where.sql, where.args, `${column} ${reverse}`, total - 1 - rank, where.refs)
      : source.keyAt(where.sql, where.args, `${column} ${direction}`, rank, where.refs)
  }
  const first = offset > 0 ? keyAt(offset) : undefined
  if (offset > 0 && first === undefined) return []
  const last = keyAt(offset + count - 1)
  const [before, after] = direction === 'ASC' ? ['<', '>'] : ['>', '<']
  const bounds = [...(first === undefined ? [] : [`${column} ${after}= ?`]), ...(last === undefined ? [] : [`${column} ${before}= ?`])]
  const values = [...(first === undefined ? [] : [first]), ...(last === undefined ? [] : [last])]
  const countWhere = (op: string) => source.count(`${where.sql} AND ${column} ${op} ?`, [...where.args, first], where.refs)
  const skipped = first === undefined ? 0 : total !== undefined && offset > total / 2 ? total - countWhere(`${after}=`) : countWhere(before)
  const between = bounds.length === 0 ? where.sql : `${where.sql} AND ${bounds.join(' AND ')}`
  return source.rows(between, [...where.args, ...values], orderBy, count, where.refs, offset - skipped, columns)
}

const compareKeys = (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? a - b : compareStrings(String(a), String(b)))
