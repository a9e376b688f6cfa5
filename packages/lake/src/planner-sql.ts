import type { ExprNode } from 'groq-js'
import { COUNT_EXACT, COUNT_TYPED, encode, FIELD_COLUMNS } from './index-tables'

/**
 * A GROQ filter (or a conjunct of one) as an SQL condition on `lake_docs d`, with groq-js's
 * semantics: values are encoded so that SQL compares as GROQ compares (./index-tables.ts `encode`),
 * and SQL's three-valued logic is GROQ's (a comparison of different types is NULL; `!null` and
 * `null && true` are NULL; `false && null` is false), so a row matches exactly when the filter is
 * true. Only the indexed fields, `_id`, constants, params, `now()` and `coalesce()` of those are
 * understood; anything else makes the whole condition unknown (null), and the planner evaluates it
 * in JavaScript or with groq-js instead.
 */

type AnyNode = ExprNode & Record<string, unknown>
const isNode = (value: unknown): value is AnyNode => value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string'

export interface SqlRuntime {
  params: Record<string, unknown>
  now: string
  /** The plan's key computed in the enclosing scope (`^._id`), when the plan has one. */
  dynamic: string | undefined
  /** The column `_id` reads in this perspective. */
  idColumn: string
}

export interface SqlText {
  sql: string
  args: unknown[]
  /** A top-level `references()`: the ids whose postings (lake_refs) can drive the query instead of lake_docs. */
  refs?: string[]
}

/** An SQL condition for a runtime, or null when it cannot be written (the planner then evaluates the filter otherwise). */
export type SqlCondition = (rt: SqlRuntime) => SqlText | null

type SqlOperand =
  { kind: 'column'; column: (rt: SqlRuntime) => string } | { kind: 'value'; value: (rt: SqlRuntime) => unknown } | { kind: 'coalesce'; items: SqlOperand[] }

/** A key the planner's lookup knows: the `^._id` of `references(^._id)` and `_id == ^._id`, given at runtime. */
export interface DynamicKey {
  /** The node whose key is dynamic (compared by identity with the filter's conjuncts). */
  node: ExprNode
  kind: 'ref' | 'id' | 'slug' | 'type'
}

function pathOf(node: unknown): string[] | null {
  if (!isNode(node)) return null
  if (node.type !== 'AccessAttribute') return null
  if (node.base === undefined || node.base === null) return [node.name as string]
  const base = pathOf(node.base)
  return base ? [...base, node.name as string] : null
}

function operand(node: unknown): SqlOperand | null {
  const path = pathOf(node)
  if (path) {
    const dotted = path.join('.')
    if (dotted === '_id') return { kind: 'column', column: (rt) => rt.idColumn }
    const column = FIELD_COLUMNS[dotted]
    return column ? { kind: 'column', column: () => `d.${column}` } : null
  }
  if (!isNode(node)) return null
  if (node.type === 'Value') return { kind: 'value', value: () => node.value }
  if (node.type === 'Parameter') return { kind: 'value', value: (rt) => rt.params[node.name as string] }
  if (node.type === 'FuncCall' && node.namespace === 'global' && node.name === 'now' && (node.args as unknown[]).length === 0)
    return { kind: 'value', value: (rt) => rt.now }
  if (node.type === 'FuncCall' && node.namespace === 'global' && node.name === 'coalesce') {
    const items = (node.args as unknown[]).map(operand)
    if (items.length === 0 || !items.every((item): item is SqlOperand => item !== null)) return null
    return { kind: 'coalesce', items }
  }
  return null
}

function operandSql(op: SqlOperand, rt: SqlRuntime, args: unknown[]): string {
  if (op.kind === 'column') return op.column(rt)
  if (op.kind === 'value') {
    args.push(encode(op.value(rt)))
    return '?'
  }
  return `coalesce(${op.items.map((item) => operandSql(item, rt, args)).join(', ')})`
}

const groqType = (value: unknown) =>
  value === null || value === undefined ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value

/** `a == b`: true or false, never null (GROQ's equality is total). */
function equality(a: SqlOperand, b: SqlOperand, rt: SqlRuntime, args: unknown[]): string {
  // A constant side: strings and numbers only ever equal themselves (no affinity: nothing converts).
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    if (y.kind !== 'value' || x.kind === 'value') continue
    const value = y.value(rt)
    const type = groqType(value)
    if (type === 'array' || type === 'object') return '0'
    const left = operandSql(x, rt, args)
    args.push(encode(value))
    return `(${left} IS ?)`
  }
  const left = operandSql(a, rt, args)
  const right = operandSql(b, rt, args)
  // Arrays and objects are never equal in GROQ, even to themselves.
  return `(${left} IS ${right} AND ${left} IS NOT x'02')`
}

/** The GROQ type class of an SQL value, for comparisons: 1 string, 2 number, 3 boolean, NULL otherwise. */
const typeClass = (sql: string) =>
  `(CASE WHEN typeof(${sql}) = 'text' THEN 1 WHEN typeof(${sql}) IN ('integer', 'real') THEN 2 WHEN ${sql} IN (x'00', x'01') THEN 3 END)`

function comparison(op: string, a: SqlOperand, b: SqlOperand, rt: SqlRuntime, args: unknown[]): string {
  // Each operand as its own SQL with its own args, so that it can be written more than once.
  const side = (x: SqlOperand) => {
    const own: unknown[] = []
    return { sql: operandSql(x, rt, own), args: own, value: x.kind === 'value' ? x.value(rt) : undefined, isValue: x.kind === 'value' }
  }
  const l = side(a)
  const r = side(b)
  const parts: { sql: string; args: unknown[] }[] = []
  const classOf = (s: ReturnType<typeof side>) => {
    if (!s.isValue) return { sql: typeClass(s.sql), args: [...s.args, ...s.args, ...s.args] }
    const type = groqType(s.value)
    return { sql: type === 'string' ? '1' : type === 'number' ? '2' : type === 'boolean' ? '3' : 'NULL', args: [] }
  }
  parts.push({ sql: '(CASE WHEN ', args: [] }, classOf(l), { sql: ' = ', args: [] }, classOf(r), { sql: ' THEN ', args: [] })
  parts.push(l, { sql: ` ${op} `, args: [] }, r, { sql: ' END)', args: [] })
  for (const part of parts) args.push(...part.args)
  return parts.map((part) => part.sql).join('')
}

const COMPARISONS = new Set(['<', '<=', '>', '>='])
const FLIPPED: Record<string, '<' | '<=' | '>' | '>='> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' }

/**
 * A conjunct at the top of a filter, where NULL and false both leave a row out. There a lower bound
 * of an indexed field by a string is written as a range of the field's index, `c > ? AND +c < x''`
 * (numbers sort before strings and blobs after them, so only strings pass), which SQLite walks.
 * The CASE that keeps GROQ's null for other types (`comparison`) it cannot: an hour of articles by
 * `publishedAt` read every article of a 1 000 000-article lake (4 s instead of 2 ms). Only lower
 * bounds: an upper bound (`publishedAt <= now()`) holds for most of the archive, and as an index
 * range it leads SQLite away from walking the index of the query's order (the articles updated
 * last: 1 s instead of 1 ms at 100 000). The `+` keeps the type's bound out of the index range.
 */
export function compileSqlConjunct(node: ExprNode, dynamic?: DynamicKey): SqlCondition | null {
  const compiled = compileSql(node, dynamic)
  const n = node as AnyNode
  if (!compiled || n.type !== 'OpCall' || !COMPARISONS.has(n.op as string)) return compiled
  const left = operand(n.left)
  const right = operand(n.right)
  const [column, value, op] =
    left?.kind === 'column' && right?.kind === 'value'
      ? [left, right, n.op as string]
      : right?.kind === 'column' && left?.kind === 'value'
        ? [right, left, FLIPPED[n.op as string]!]
        : [null, null, '']
  if (!column || !value || (op !== '>' && op !== '>=')) return compiled
  return (rt) => {
    const key = value.value(rt)
    if (typeof key !== 'string') return compiled(rt)
    const c = column.column(rt)
    return { sql: `(${c} ${op} ? AND +${c} < x'')`, args: [key] }
  }
}

/**
 * Compiles a filter expression; `dynamic` names the conjuncts whose key the lookup computes in
 * the enclosing scope. Null: not expressible in SQL.
 */
function compileSql(node: ExprNode, dynamic?: DynamicKey): SqlCondition | null {
  const n = node as AnyNode
  switch (n.type) {
    case 'Group':
      return compileSql(n.base as ExprNode, dynamic)
    case 'And':
    case 'Or': {
      const left = compileSql(n.left as ExprNode, dynamic)
      const right = compileSql(n.right as ExprNode, dynamic)
      if (!left || !right) return null
      const op = n.type === 'And' ? 'AND' : 'OR'
      return (rt) => {
        const l = left(rt)
        const r = right(rt)
        return l && r ? { sql: `(${l.sql} ${op} ${r.sql})`, args: [...l.args, ...r.args] } : null
      }
    }
    case 'Not': {
      const base = compileSql(n.base as ExprNode, dynamic)
      return (
        base &&
        ((rt) => {
          const b = base(rt)
          return b && { sql: `(NOT ${b.sql})`, args: b.args }
        })
      )
    }
    case 'OpCall':
      return compileOp(n, dynamic)
    case 'FuncCall': {
      if (n.namespace !== 'global') return null
      const args = n.args as ExprNode[]
      if (n.name === 'defined' && args.length === 1) {
        const value = operand(args[0])
        return (
          value &&
          ((rt) => {
            const sqlArgs: unknown[] = []
            return { sql: `(${operandSql(value, rt, sqlArgs)} IS NOT NULL)`, args: sqlArgs }
          })
        )
      }
      if (n.name === 'references' && args.length === 1) {
        const isDynamic = dynamic?.kind === 'ref' && dynamic.node === node
        const key = isDynamic ? null : operand(args[0])
        if (!isDynamic && (!key || key.kind !== 'value')) return null
        return (rt) => {
          const wanted = isDynamic ? rt.dynamic : (key as { value: (rt: SqlRuntime) => unknown }).value(rt)
          const ids = typeof wanted === 'string' ? [wanted] : Array.isArray(wanted) ? wanted.filter((id): id is string => typeof id === 'string') : []
          if (ids.length === 0) return { sql: '0', args: [] }
          return { sql: 'd.rid IN (SELECT rid FROM lake_refs WHERE ref IN (SELECT value FROM json_each(?)))', args: [JSON.stringify(ids)], refs: ids }
        }
      }
      return null
    }
    default:
      return null
  }
}

function compileOp(n: AnyNode, dynamic?: DynamicKey): SqlCondition | null {
  if (dynamic && dynamic.kind !== 'ref' && dynamic.node === (n as ExprNode)) {
    // `_id == ^._id` and the like: the key arrives at runtime.
    const column = dynamic.kind === 'id' ? null : FIELD_COLUMNS[dynamic.kind === 'slug' ? 'slug.current' : '_type']
    return (rt) => (rt.dynamic === undefined ? null : { sql: `(${column ? `d.${column}` : rt.idColumn} IS ?)`, args: [rt.dynamic] })
  }
  const op = n.op as string
  if (op === 'in') return compileIn(n)
  const left = operand(n.left)
  const right = operand(n.right)
  if (!left || !right) return null
  if (op === '==' || op === '!=')
    return (rt) => {
      const args: unknown[] = []
      const sql = equality(left, right, rt, args)
      return { sql: op === '==' ? sql : `(NOT ${sql})`, args }
    }
  if (!COMPARISONS.has(op)) return null
  return (rt) => {
    const args: unknown[] = []
    return { sql: comparison(op, left, right, rt, args), args }
  }
}

function compileIn(n: AnyNode): SqlCondition | null {
  const left = operand(n.left)
  if (!left) return null
  const right = n.right as AnyNode
  let list: ((rt: SqlRuntime) => unknown) | null = null
  if (right.type === 'Parameter' || right.type === 'Value') {
    const value = operand(right)
    if (value?.kind === 'value') list = value.value
  } else if (right.type === 'Array') {
    const items = (right.elements as unknown as AnyNode[]).map((element) => (element.isSplat ? null : operand(element.value)))
    if (!items.every((item): item is SqlOperand => item !== null && item.kind === 'value')) return null
    list = (rt) => items.map((item) => (item as { value: (rt: SqlRuntime) => unknown }).value(rt))
  }
  if (!list) return null
  const values = list
  return (rt) => {
    const items = values(rt)
    // `x in <not an array>` is null in GROQ.
    if (!Array.isArray(items)) return { sql: 'NULL', args: [] }
    if (items.length === 0) return { sql: '0', args: [] }
    // A list of strings (ids, slugs, types) as one JSON argument: one statement whatever its length.
    // SQL's `NULL IN (…)` is NULL, GROQ's `null in […]` false (so that `!(x in […])` holds for it).
    if (left.kind !== 'value' && items.every((item) => typeof item === 'string')) {
      const own: unknown[] = []
      const sql = operandSql(left, rt, own)
      return { sql: `(${sql} IS NOT NULL AND ${sql} IN (SELECT value FROM json_each(?)))`, args: [...own, ...own, JSON.stringify(items)] }
    }
    const args: unknown[] = []
    const parts = items.map((item) => equality(left, { kind: 'value', value: () => item }, rt, args))
    return { sql: `(${parts.join(' OR ')})`, args }
  }
}

/**
 * How a conjunct of a counted filter is answered from the count groups (./index-tables.ts):
 * - `group`: it reads only columns a group holds exactly (or `defined()` of one it holds the type of);
 * - `refs`: the `references()` whose postings are counted;
 * - `range`: `<column> <op> <value>` on a column the postings and documents are indexed by (as
 *   `publishedAt <= now()`), counted as the strings of the group minus those outside the range.
 * Null: the count must be taken by the index instead.
 */
export type CountPart =
  { kind: 'group' } | { kind: 'refs' } | { kind: 'range'; column: string; op: '<' | '<=' | '>' | '>='; value: (rt: SqlRuntime) => unknown }

/** Columns a range part may test: lake_refs and lake_docs have an index ordered by them. */
const RANGE_COLUMNS = new Set(['f_pub', 'f_upd'])

export function countPart(node: ExprNode, dynamic?: DynamicKey): CountPart | null {
  const n = node as AnyNode
  if (dynamic && dynamic.node === node) return dynamic.kind === 'ref' ? { kind: 'refs' } : null
  if (!compileSql(node, dynamic)) return null
  if (n.type === 'FuncCall' && n.namespace === 'global' && n.name === 'references') return { kind: 'refs' }
  if (n.type === 'OpCall' && COMPARISONS.has(n.op as string)) {
    for (const [a, b, flip] of [
      [n.left, n.right, false],
      [n.right, n.left, true],
    ] as const) {
      const column = FIELD_COLUMNS[pathOf(a)?.join('.') ?? '']
      const value = operand(b)
      if (column && RANGE_COLUMNS.has(column) && value?.kind === 'value')
        return { kind: 'range', column, op: flip ? FLIPPED[n.op as string]! : (n.op as '<' | '<=' | '>' | '>='), value: value.value }
    }
  }
  return groupSafe(n) ? { kind: 'group' } : null
}

function groupSafe(n: AnyNode): boolean {
  switch (n.type) {
    case 'Group':
    case 'Not':
      return groupSafe(n.base as AnyNode)
    case 'And':
    case 'Or':
      return groupSafe(n.left as AnyNode) && groupSafe(n.right as AnyNode)
    case 'FuncCall':
      if (n.namespace === 'global' && n.name === 'defined') {
        const column = FIELD_COLUMNS[pathOf((n.args as unknown[])[0])?.join('.') ?? '']
        return column !== undefined && (COUNT_EXACT.includes(column) || COUNT_TYPED.includes(column))
      }
      return readsOnlyExact(n)
    case 'OpCall':
      return readsOnlyExact(n)
    default:
      return false
  }
}

/** Whether every field the expression reads is a column a group holds exactly (`_id` is none). */
function readsOnlyExact(node: unknown): boolean {
  if (!isNode(node)) return true
  const path = pathOf(node)
  if (path) {
    const column = FIELD_COLUMNS[path.join('.')]
    return column !== undefined && COUNT_EXACT.includes(column)
  }
  if (node.type === 'AccessAttribute' || node.type === 'This' || node.type === 'Parent' || node.type === 'Everything') return false
  // references() reads the document's references, which no group holds.
  if (node.type === 'FuncCall' && node.name === 'references') return false
  return Object.values(node).every((value) => (Array.isArray(value) ? value.every(readsOnlyExact) : readsOnlyExact(value)))
}
