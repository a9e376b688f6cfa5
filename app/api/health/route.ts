/** Liveness for a load balancer (Varnish probes every instance here, deploy/varnish/): the process answers. */
export const dynamic = 'force-dynamic'

export function GET() {
  return new Response('ok\n', { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } })
}
