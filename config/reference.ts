import { VARIABLES, type VariableGroup } from './env'
import { PUBLIC_VARIABLES } from './public'

const GROUPS: Record<VariableGroup, string> = {
  content: 'Content backend and site',
  lake: 'The local lake (as the site starts and reads it)',
  server: 'The production server',
  'scale-out': 'Several instances: Redis and Varnish (docs/deploy.md)',
  'tests and benchmarks': 'Tests and benchmarks',
}

/** The default a variable takes when unset, as the schema computes it. */
function defaultOf(schema: (typeof VARIABLES)[keyof typeof VARIABLES]['schema']): string {
  const parsed = schema.safeParse(undefined)
  if (!parsed.success || parsed.data === undefined) return '—'
  return `\`${String(parsed.data)}\``
}

const cell = (text: string) => text.replace(/\|/g, '\\|')

/** docs/configuration.md, generated from config/env.ts and config/public.ts (`npm run docs:config`). */
export function configurationReference(): string {
  const lines = [
    '# Configuration reference',
    '',
    '<!-- Generated from config/env.ts and config/public.ts by `npm run docs:config`; a test fails when it is out of date. -->',
    '',
    'Without any variable the portal runs on its own local lake. Set both `SANITY_PROJECT_ID` and `SANITY_DATASET` to use',
    'hosted Sanity instead; an invalid or half configuration stops the server with a message naming the variable.',
    'The lake’s own variables (its limits: query time, result size, workers, image sizes…) are listed in',
    '[packages/lake/README.md](../packages/lake/README.md); the lake the site starts inherits them.',
  ]
  for (const [group, title] of Object.entries(GROUPS)) {
    lines.push('', `## ${title}`, '', '| variable | default | meaning |', '| --- | --- | --- |')
    for (const [name, variable] of Object.entries(VARIABLES)) {
      if (variable.group === group) lines.push(`| \`${name}\` | ${cell(defaultOf(variable.schema))} | ${cell(variable.doc)} |`)
    }
  }
  lines.push('', '## The Studio (browser bundles and the Sanity CLI)', '', '| variable | default | meaning |', '| --- | --- | --- |')
  for (const [name, variable] of Object.entries(PUBLIC_VARIABLES)) lines.push(`| \`${name}\` | \`${variable.default}\` | ${cell(variable.doc)} |`)
  return `${lines.join('\n')}\n`
}
