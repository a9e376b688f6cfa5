import { X509Certificate } from 'node:crypto'
import * as fs from 'node:fs'
import { join } from 'node:path'
import { createCA, createCert } from 'mkcert'

export interface LakeTls {
  key: string
  cert: string
  /** The local certificate authority's certificate: trust it once in a browser, or pass it to Node as NODE_EXTRA_CA_CERTS. */
  caFile: string
}

/** The Studio prefixes the project id to the API host (`local.localhost`), so every *.localhost name must match. */
const TLS_HOSTNAMES = ['localhost', '*.localhost', 'local.localhost', '127.0.0.1', '::1']

const VALID_DAYS = 825

/**
 * A local CA and a server certificate signed by it, created on first start in the data folder and
 * reused afterwards (renewed when expired or when the host names change).
 */
export async function ensureTls(folder: string): Promise<LakeTls> {
  const files = { caKey: join(folder, 'ca-key.pem'), ca: join(folder, 'ca.pem'), key: join(folder, 'server-key.pem'), cert: join(folder, 'server.pem') }
  fs.mkdirSync(/*turbopackIgnore: true*/ folder, { recursive: true })

  if (!exists(files.ca) || !exists(files.caKey) || expired(read(files.ca, 'utf8'))) {
    const ca = await createCA({ organization: 'Baspa local content lake CA', countryCode: 'KZ', state: 'Almaty', locality: 'Almaty', validity: VALID_DAYS })
    writeSecret(files.caKey, ca.key)
    write(files.ca, ca.cert)
    if (exists(files.cert)) write(files.cert, '') // force a new leaf signed by the new CA
  }
  const existing = exists(files.cert) ? read(files.cert, 'utf8') : ''
  if (!existing || expired(existing) || !coversHostnames(existing) || !exists(files.key)) {
    const leaf = await createCert({
      ca: { key: read(files.caKey, 'utf8'), cert: read(files.ca, 'utf8') },
      domains: TLS_HOSTNAMES,
      validity: VALID_DAYS,
      organization: 'Baspa local content lake',
    })
    writeSecret(files.key, leaf.key)
    write(files.cert, leaf.cert)
  }
  return { key: read(files.key, 'utf8'), cert: read(files.cert, 'utf8'), caFile: files.ca }
}

// Files of the data folder, read at run time: kept out of Next's output file tracing.
const exists = (file: string) => fs.existsSync(/*turbopackIgnore: true*/ file)
const read = (file: string, encoding: 'utf8') => fs.readFileSync(/*turbopackIgnore: true*/ file, encoding)
const write = (file: string, content: string) => fs.writeFileSync(/*turbopackIgnore: true*/ file, content)

function writeSecret(file: string, content: string) {
  fs.writeFileSync(/*turbopackIgnore: true*/ file, content, { mode: 0o600 })
  fs.chmodSync(/*turbopackIgnore: true*/ file, 0o600)
}

function expired(pem: string): boolean {
  try {
    return new Date(new X509Certificate(pem).validTo).getTime() < Date.now() + 86_400_000
  } catch {
    return true
  }
}

function coversHostnames(pem: string): boolean {
  try {
    const names = new X509Certificate(pem).subjectAltName ?? ''
    return TLS_HOSTNAMES.filter((name) => !name.includes(':') && !/^\d/.test(name)).every((name) => names.includes(`DNS:${name}`))
  } catch {
    return false
  }
}
