/**
 * Runs a command with the local lake started and supervised for it: `npm run dev` (next dev) and
 * `npm run build` (next build, whose static generation reads the lake). The command's exit code is
 * this process's; the lake stops with it. Hosted mode, or LAKE_URL: the command runs alone.
 */
import { spawn } from 'node:child_process'
import { startSupervisedLake } from './lake-supervisor'

const [command, ...args] = process.argv.slice(2)
if (!command) {
  console.error('usage: node --import tsx server/with-lake.ts COMMAND [ARGS…]')
  process.exit(2)
}

const lake = await startSupervisedLake()

const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' })
const forward = (signal: NodeJS.Signals) => () => child.kill(signal)
process.on('SIGINT', forward('SIGINT'))
process.on('SIGTERM', forward('SIGTERM'))
child.on('exit', (code, signal) => {
  void (lake?.stop() ?? Promise.resolve()).then(() => process.exit(code ?? (signal ? 1 : 0)))
})
