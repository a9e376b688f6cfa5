/**
 * The static baseline of `npm run bench`: a bare node:http server answering every request with the
 * same bytes and headers (read once from BODY_FILE / HEADERS_FILE), i.e. the most a Node process can
 * serve for that page on this machine. Runs as its own process, like the site's server.
 */
import { readFileSync } from 'node:fs'
import { createServer, type OutgoingHttpHeaders } from 'node:http'

const [port, bodyFile, headersFile] = process.argv.slice(2)
const body = readFileSync(bodyFile!)
const headers = JSON.parse(readFileSync(headersFile!, 'utf8')) as OutgoingHttpHeaders
const server = createServer((_req, res) => {
  res.writeHead(200, headers)
  res.end(body)
})
server.keepAliveTimeout = 65_000
server.listen(Number(port), () => console.log('static baseline ready'))
process.once('SIGTERM', () => process.exit(0))
