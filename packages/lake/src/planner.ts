import type { ExprNode } from 'groq-js'
import { attribute, compareStrings, type DatasetIndexes } from './indexes'
import type { LakeDocument } from './ndjson'

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
type IndexKind = 'id' | 'slug' | 'idIn' | 'slugIn' | 'ref' | 'typeIn' | 'type'
const PRIORITY: IndexKind[] = ['id', 'slug', 'idIn', 'slugIn', 'ref', 'typeIn', 'type']

interface Lookup {
  kind: IndexKind
  key: KeySource
  /** The key expression lifted to the enclosing scope (dynamic keys only). */
  lifted?: ExprNode
}

interface Plan {
  id: number
  lookup: Lookup
  /** The whole filter compiled, or undefined when only the lookup is understood (superset plan). */
  predicate?: Predicate
  /** A constant `_type ==` conjunct, for ordered scans. */
  type?: string
  order?: { direction: 'asc' | 'desc'; limit: number }
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
  if (n.type === 'Slice' && isOrderedFilter(n.base)) {
    const order = n.base as AnyNode
    const filter = order.base as AnyNode
    const limit = (n.right as number) + (n.isInclusive ? 1 : 0)
    const direction = ((order.args as AnyNode[])[0]!.type === 'Desc' ? 'desc' : 'asc') as 'asc' | 'desc'
    const orderHint = (n.left as number) >= 0 && (n.right as number) >= 0 ? { direction, limit } : undefined
    return { ...n, base: { ...order, base: planFilter(filter, orderHint), args: (order.args as ExprNode[]).map(rewrite) } } as ExprNode
  }
  if (n.type === 'Filter' && (n.base as AnyNode).type === 'Everything') return planFilter(n, undefined)
  return mapChildren(n, rewrite)
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

function isOrderedFilter(node: unknown): boolean {
  if (!isNode(node) || node.type !== 'PipeFuncCall' || node.name !== 'order') return false
  const first = (node.args as AnyNode[])[0]
  const key = first && (first.type === 'Asc' || first.type === 'Desc') ? (first.base as AnyNode) : first
  const base = node.base as AnyNode
  return !!key && isPath(key, ['publishedAt']) && base.type === 'Filter' && (base.base as AnyNode).type === 'Everything'
}

function planFilter(filter: AnyNode, order: Plan['order']): ExprNode {
  const expr = rewrite(filter.expr as ExprNode)
  const conjuncts = flattenAnd(filter.expr as ExprNode)
  const lookups = conjuncts.map(lookupOf).filter((l): l is Lookup => l !== null)
  const fallback = { ...filter, expr } as ExprNode
  if (lookups.length === 0) return fallback
  lookups.sort((a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) || Number(a.key.kind === 'dynamic') - Number(b.key.kind === 'dynamic'))
  const lookup = lookups[0]!
  const predicates = conjuncts.map((c) => compile(c, lookup))
  const exact = predicates.every((p): p is Predicate => p !== null)
  const typeConjunct = lookups.find((l) => l.kind === 'type' && l.key.kind === 'value' && typeof l.key.value === 'string')
  const plan: Plan = {
    id: nextPlanId++,
    lookup,
    predicate: exact ? and(predicates as Predicate[]) : undefined,
    type: typeConjunct ? (typeConjunct.key as { value: string }).value : undefined,
    order: exact && typeConjunct ? order : undefined,
  }
  PLANS.set(plan.id, plan)
  created?.push(plan.id)
  const marker: ExprNode = { type: 'Value', value: `${PLAN_MARKER}${plan.id}:` }
  const ref: ExprNode = lookup.lifted ? { type: 'OpCall', op: '+', left: marker, right: rewrite(lookup.lifted) } : marker
  const candidates = {
    type: 'Deref',
    base: { type: 'Object', attributes: [{ type: 'ObjectAttributeValue', name: '_ref', value: ref }] },
  } as unknown as ExprNode
  if (exact) return { type: 'FuncCall', namespace: 'global', name: 'coalesce', args: [candidates, fallback] } as unknown as ExprNode
  return { ...filter, base: { type: 'FuncCall', namespace: 'global', name: 'coalesce', args: [candidates, { type: 'Everything' }] }, expr } as ExprNode
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
  const path = lookup.kind === 'id' ? ['_id'] : lookup.kind === 'slug' ? ['slug', 'current'] : lookup.kind === 'type' ? ['_type'] : null
  if (!path) return null
  return (doc, rt) =>
    isEqual(
      path.reduce<unknown>((value, name) => attribute(value, name), doc),
      rt.dynamic,
    )
}

const sameKey = (a: Lookup, b: Lookup) =>
  a.kind === b.kind && a.key.kind === b.key.kind && JSON.stringify(a.key) === JSON.stringify(b.key) && (a.lifted === undefined) === (b.lifted === undefined)

function compileIn(n: AnyNode): Predicate | null {
  const left = operand(n.left)
  if (!left) return null
  const right = n.right as AnyNode
  let elements: Operand | null = null
  if (right.type === 'Parameter' || right.type === 'Value') elements = operand(right)
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

/** Below this many candidates an ordered plan filters them directly instead of scanning by date. */
const DIRECT_CANDIDATES = 2000

/**
 * Answers a marker id: the candidates of a plan (a superset of its matches, in dataset order), or
 * exactly its matches for an exact plan; null to make the query fall back to the full scan.
 */
export function resolvePlan(
  ref: string,
  indexes: DatasetIndexes,
  context: { params: Record<string, unknown>; now: string; refsOf(doc: LakeDocument): Set<string> },
): LakeDocument[] | null {
  const parsed = parseMarker(ref)
  if (!parsed) return null
  const { plan } = parsed
  const rt: Runtime = { ...context, dynamic: parsed.dynamic }
  const key = staticKey(plan.lookup.key, rt)
  let candidates: LakeDocument[]
  switch (plan.lookup.kind) {
    case 'id':
    case 'slug':
    case 'type': {
      if (typeof key !== 'string') return null
      const found = plan.lookup.kind === 'id' ? indexes.byId.get(key) : undefined
      candidates = plan.lookup.kind === 'id' ? (found ? [found] : []) : ((plan.lookup.kind === 'slug' ? indexes.bySlug : indexes.byType).get(key) ?? [])
      break
    }
    case 'slugIn': {
      // `null in [null]` holds for a document without a slug, which the slug index does not list.
      if (!Array.isArray(key) || key.some((k) => typeof k !== 'string')) return typeof key === 'string' ? [] : null
      const found = (key as string[]).flatMap((k) => indexes.bySlug.get(k) ?? [])
      candidates = key.length === 1 ? found : indexes.inDatasetOrder([...new Set(found)])
      break
    }
    case 'idIn':
    case 'typeIn':
    case 'ref': {
      const keys = strings(key)
      if (!keys) return plan.lookup.kind === 'ref' ? [] : null
      const ordered = plan.order !== undefined && plan.type !== undefined && plan.predicate !== undefined
      if (plan.lookup.kind === 'ref' && (keys.length > 1 || (ordered && (indexes.byRef.get(keys[0]!)?.length ?? 0) > DIRECT_CANDIDATES))) {
        // A bit per document rather than a sorted union; an ordered scan tests membership by position.
        const marked = indexes.markReferencing(keys)
        if (ordered) return orderedScan(plan, marked, indexes, rt)
        candidates = indexes.marked(marked)
        break
      }
      const lists = keys.map((k) =>
        plan.lookup.kind === 'idIn'
          ? [indexes.byId.get(k)].filter((d): d is LakeDocument => !!d)
          : ((plan.lookup.kind === 'typeIn' ? indexes.byType : indexes.byRef).get(k) ?? []),
      )
      candidates = lists.length === 1 ? lists[0]! : indexes.inDatasetOrder([...new Set(lists.flat())])
      break
    }
  }
  const predicate = plan.predicate
  if (!predicate) return candidates
  if (plan.order && plan.type !== undefined && candidates.length > DIRECT_CANDIDATES)
    return orderedScan(plan, plan.lookup.kind === 'type' ? null : indexes.markAll(candidates), indexes, rt)
  const matches = candidates.filter((doc) => predicate(doc, rt) === true)
  return plan.order ? topByPublishedAt(matches, plan.order, indexes) : matches
}

/** Of few matches, those an ordered slice needs (as `orderedScan`), so groq-js sorts tens, not thousands. */
function topByPublishedAt(matches: LakeDocument[], order: NonNullable<Plan['order']>, indexes: DatasetIndexes): LakeDocument[] {
  const dated = matches.filter((doc) => typeof doc.publishedAt === 'string')
  if (order.limit < 1 || dated.length <= order.limit) return matches
  const sign = order.direction === 'asc' ? 1 : -1
  dated.sort((a, b) => sign * compareStrings(a.publishedAt as string, b.publishedAt as string))
  const boundary = dated[order.limit - 1]!.publishedAt
  let end = order.limit
  while (end < dated.length && dated[end]!.publishedAt === boundary) end++
  return indexes.inDatasetOrder([...dated.slice(0, end), ...matches.filter((doc) => typeof doc.publishedAt !== 'string')])
}

/**
 * The matches an `order(publishedAt …)[a...b]` needs: the first b by publishedAt, every document
 * tied with the last of them, and the matches whose publishedAt is not a string (wherever GROQ
 * sorts those). groq-js then sorts and slices these exactly as it would all matches.
 */
function orderedScan(plan: Plan, member: Uint8Array | null, indexes: DatasetIndexes, rt: Runtime): LakeDocument[] {
  const predicate = plan.predicate!
  const { direction, limit } = plan.order!
  const { sorted, positions, rest } = indexes.publishedOrder(plan.type!)
  // Candidates are a bit per dataset position (null: every document of the type).
  const acceptAt = (i: number) => (!member || member[positions[i]!] === 1) && predicate(sorted[i]!, rt) === true
  const acceptRest = (doc: LakeDocument) => (!member || member[indexes.position.get(doc)!] === 1) && predicate(doc, rt) === true
  const result: LakeDocument[] = []
  let boundary: string | undefined
  for (let step = 0; step < sorted.length; step++) {
    const i = direction === 'asc' ? step : sorted.length - 1 - step
    const doc = sorted[i]!
    if (boundary !== undefined && doc.publishedAt !== boundary) break
    if (!acceptAt(i)) continue
    result.push(doc)
    if (result.length >= limit) boundary = doc.publishedAt as string
  }
  for (const doc of rest) if (acceptRest(doc)) result.push(doc)
  return indexes.inDatasetOrder(result)
}
