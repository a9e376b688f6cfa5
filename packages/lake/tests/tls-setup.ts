import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureTls } from '../src/http/tls'

/**
 * Creates the lake's CA before the test workers start, so that they trust it the way a deployed
 * portal would: through NODE_EXTRA_CA_CERTS (read by Node only at process start).
 */
export default async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'baspa-tls-'))
  const tls = await ensureTls(dir)
  process.env.NODE_EXTRA_CA_CERTS = tls.caFile
  process.env.BASPA_TEST_TLS_DIR = dir
  return () => rmSync(dir, { recursive: true, force: true })
}
