import { ClientError, ServerError } from '@sanity/client'
import { describe, expect, it, vi } from 'vitest'
import { BackendTimeoutError, BackendUnavailableError, classifyBackendError, isBackendUnavailable, withTimeout } from '@/sanity/backend-error'
import { Circuit, OPEN_MS } from '@/sanity/backend-health'
import { resilientContentClient, type ContentClient } from '@/sanity/content-client'

const apiError = (statusCode: number) => {
  const response = {
    body: { error: { description: 'x' } },
    url: 'https://x.api.sanity.io/v1/data/query/p',
    method: 'GET',
    headers: {},
    statusCode,
    statusMessage: '',
  }
  return statusCode >= 500 ? new ServerError(response) : new ClientError(response)
}
const coded = (code: string, message = code) => Object.assign(new Error(message), { code })

describe('backend unavailable, not found, or a bug', () => {
  it.each([
    ['connection refused', coded('ECONNREFUSED')],
    ['connection reset', coded('ECONNRESET')],
    ['DNS failure', coded('ENOTFOUND')],
    ['get-it connect timeout', coded('ETIMEDOUT')],
    ['get-it socket timeout', coded('ESOCKETTIMEDOUT')],
    ['undici headers timeout', coded('UND_ERR_HEADERS_TIMEOUT')],
    ['fetch failed, caused by a refused connection', new TypeError('fetch failed', { cause: coded('ECONNREFUSED') })],
    ['get-it network error (react-server build)', Object.assign(new Error('Request error'), { isNetworkError: true })],
    ['AbortSignal.timeout', new DOMException('timed out', 'TimeoutError')],
    ['500 from the API', apiError(500)],
    ['502 from the API', apiError(502)],
    ['503 from the API', apiError(503)],
    ['429 rate limited', apiError(429)],
    ['our own timeout', new BackendUnavailableError('slow')],
  ])('%s → unavailable (503)', (_, error) => {
    expect(isBackendUnavailable(error)).toBe(true)
    const classified = classifyBackendError(error)
    expect(classified).toBeInstanceOf(BackendUnavailableError)
    expect((classified as BackendUnavailableError).digest).toBe('BASPA_BACKEND_UNAVAILABLE')
  })

  it.each([
    ['400: a GROQ syntax error is a bug', apiError(400)],
    ['401: a wrong token is a bug of the configuration', apiError(401)],
    ['404 from the API', apiError(404)],
    ['a TypeError in our code', new TypeError("Cannot read properties of undefined (reading 'slug')")],
    ['a zod error', Object.assign(new Error('invalid'), { name: 'ZodError' })],
    ['a string', 'oops'],
    ['null', null],
  ])('%s → not unavailable, passed on unchanged', (_, error) => {
    expect(isBackendUnavailable(error)).toBe(false)
    expect(classifyBackendError(error)).toBe(error)
  })

  it('withTimeout rejects with BackendUnavailableError and leaves no timer behind', async () => {
    vi.useFakeTimers()
    const pending = withTimeout(new Promise(() => {}), 1000)
    const assertion = expect(pending).rejects.toBeInstanceOf(BackendUnavailableError)
    await vi.advanceTimersByTimeAsync(1000)
    await assertion
    expect(vi.getTimerCount()).toBe(0)
    vi.useRealTimers()
    await expect(withTimeout(Promise.resolve(7), 1000)).resolves.toBe(7)
  })
})

describe('the resilient content client and its circuit', () => {
  /** `up`: what the probe (a trivial query) finds. */
  const setup = (behaviour: () => Promise<unknown>, up = false) => {
    let now = 1_000_000
    const circuit = new Circuit(() => now)
    const calls = vi.fn(behaviour)
    const probe = vi.fn(async () => up)
    const inner: ContentClient = { mode: 'hosted', fetch: () => calls() }
    return { circuit, calls, probe, client: resilientContentClient(inner, { circuit, probe, timeoutMs: 50 }), advance: (ms: number) => (now += ms) }
  }

  it('a refused connection opens the circuit: reads fail at once until OPEN_MS has passed, then try again', async () => {
    const { circuit, calls, client, advance } = setup(() => Promise.reject(coded('ECONNREFUSED')))
    await expect(client.fetch('*', {}, 'published')).rejects.toBeInstanceOf(BackendUnavailableError)
    expect(circuit.isOpen()).toBe(true)
    await expect(client.fetch('*', {}, 'published')).rejects.toBeInstanceOf(BackendUnavailableError)
    expect(calls).toHaveBeenCalledTimes(1)
    advance(OPEN_MS)
    await expect(client.fetch('*', {}, 'published')).rejects.toBeInstanceOf(BackendUnavailableError)
    expect(calls).toHaveBeenCalledTimes(2)
  })

  it('a hung backend times out as unavailable, and the circuit opens when the probe fails too', async () => {
    const { client, circuit, probe } = setup(() => new Promise(() => {}))
    await expect(client.fetch('*', {}, 'published')).rejects.toBeInstanceOf(BackendTimeoutError)
    await expect.poll(() => circuit.isOpen()).toBe(true)
    expect(probe).toHaveBeenCalledTimes(1)
  })

  it.each([
    ['our own limit', () => new Promise(() => {})],
    ['a socket timeout', () => Promise.reject(coded('ESOCKETTIMEDOUT'))],
    ['the lake stopping the query (408)', () => Promise.reject(apiError(408))],
  ])('one slow query (%s) on a backend that answers the probe fails alone: the circuit stays closed', async (_, behaviour) => {
    const { client, circuit, probe, calls } = setup(behaviour, true)
    await expect(client.fetch('*', {}, 'published')).rejects.toBeInstanceOf(BackendUnavailableError)
    await expect.poll(() => probe.mock.calls.length).toBe(1)
    expect(circuit.isOpen()).toBe(false)
    // The next read goes to the backend rather than failing at once.
    await expect(client.fetch('*', {}, 'published')).rejects.toBeInstanceOf(BackendUnavailableError)
    expect(calls).toHaveBeenCalledTimes(2)
  })

  it('a refused connection opens the circuit at once, without a probe', async () => {
    const { client, circuit, probe } = setup(() => Promise.reject(coded('ECONNREFUSED')), true)
    await expect(client.fetch('*', {}, 'published')).rejects.toBeInstanceOf(BackendUnavailableError)
    expect(circuit.isOpen()).toBe(true)
    expect(probe).not.toHaveBeenCalled()
  })

  it('a bug is thrown unchanged and does not open the circuit', async () => {
    const bug = apiError(400)
    const { client, circuit } = setup(() => Promise.reject(bug))
    await expect(client.fetch('*', {}, 'published')).rejects.toBe(bug)
    expect(circuit.isOpen()).toBe(false)
  })

  it('a success closes the circuit; the proxy probes once for concurrent requests', async () => {
    let now = 0
    const circuit = new Circuit(() => now)
    circuit.report(false)
    now += OPEN_MS
    const probe = vi.fn(async () => true)
    expect(await Promise.all([circuit.healthy(probe), circuit.healthy(probe)])).toEqual([true, true])
    expect(probe).toHaveBeenCalledTimes(1)
    expect(circuit.isOpen()).toBe(false)
    // A fresh result is reused without probing; a probe that throws means down.
    expect(await circuit.healthy(probe)).toBe(true)
    now += OPEN_MS
    expect(
      await circuit.healthy(async () => {
        throw new Error('x')
      }),
    ).toBe(false)
  })
})
