import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { expect, it } from 'vitest'

/**
 * The lake stands alone: every import in the package resolves inside it, or names a Node builtin
 * or a dependency its own package.json declares. Nothing of the site can leak in.
 */
const root = resolve(import.meta.dirname, '..')
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}
const declared = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)])

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name === 'fixtures') return []
    const path = join(dir, entry.name)
    return entry.isDirectory() ? sources(path) : /\.(ts|mts|mjs|js)$/.test(entry.name) ? [path] : []
  })
}

const packageName = (specifier: string) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!)

it('imports nothing from outside the package but Node and its declared dependencies', () => {
  const leaks: string[] = []
  let checked = 0
  for (const file of sources(root)) {
    const text = readFileSync(file, 'utf8')
    // `from` as a keyword, not the end of a GROQ parameter in a string (`'$from'`).
    for (const match of text.matchAll(/(?:(?<![\w$])from\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)) {
      const specifier = match[1]!
      const where = `${relative(root, file)} → ${specifier}`
      checked++
      if (specifier.startsWith('.')) {
        if (relative(root, resolve(dirname(file), specifier)).startsWith('..')) leaks.push(where)
      } else if (specifier.startsWith('node:') || builtinModules.includes(specifier)) {
        continue
      } else if (!declared.has(packageName(specifier))) {
        leaks.push(where)
      }
    }
  }
  expect(checked, 'imports found (a scan that matches nothing would pass anything)').toBeGreaterThan(100)
  expect(leaks).toEqual([])
})
