import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ImageRenditionCache, type Rendition } from '../src/image-cache'
import { parseAssetId } from '../src/assets'
import { lakeImageResponse } from '../src/image-response'
import * as transform from '../src/image-transform'
import { tempLake, type TempLake } from './lake-fixture'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baspa-renditions-'))
})
afterEach(() => {
  vi.restoreAllMocks()
  rmSync(dir, { recursive: true, force: true })
})

const rendition = (bytes: number, mimeType = 'image/webp'): Rendition => ({ data: Buffer.alloc(bytes, 7), mimeType })

describe('the image rendition cache', () => {
  it('computes a rendition once, then serves it from disk, also to a new process', async () => {
    const compute = vi.fn(async () => rendition(100))
    const cache = new ImageRenditionCache(dir)
    const key = ImageRenditionCache.key('image-abc-10x10-jpg', { width: 5 })
    expect(await cache.get(key, compute)).toEqual(rendition(100))
    expect(await cache.get(key, compute)).toEqual(rendition(100))
    expect(compute).toHaveBeenCalledTimes(1)

    const restarted = new ImageRenditionCache(dir)
    expect(restarted.size).toEqual({ entries: 1, bytes: 100 })
    expect(await restarted.get(key, compute)).toEqual(rendition(100))
    expect(compute).toHaveBeenCalledTimes(1)
  })

  it('keys on the asset and every parameter', () => {
    const key = ImageRenditionCache.key('image-abc-10x10-jpg', { width: 5, format: 'webp' })
    expect(ImageRenditionCache.key('image-abc-10x10-jpg', { width: 5, format: 'avif' })).not.toBe(key)
    expect(ImageRenditionCache.key('image-abd-10x10-jpg', { width: 5, format: 'webp' })).not.toBe(key)
    expect(ImageRenditionCache.key('image-abc-10x10-jpg', { width: 5, format: 'webp' })).toBe(key)
  })

  it('shares one computation between concurrent requests', async () => {
    let resolve!: (value: Rendition) => void
    const compute = vi.fn(() => new Promise<Rendition>((done) => (resolve = done)))
    const cache = new ImageRenditionCache(dir)
    const requests = [cache.get('a'.repeat(40), compute), cache.get('a'.repeat(40), compute)]
    resolve(rendition(10))
    expect(await Promise.all(requests)).toEqual([rendition(10), rendition(10)])
    expect(compute).toHaveBeenCalledTimes(1)
  })

  it('beyond its size evicts the least recently used renditions', async () => {
    const cache = new ImageRenditionCache(dir, 250)
    const [a, b, c] = ['a', 'b', 'c'].map((char) => char.repeat(40))
    await cache.get(a!, async () => rendition(100))
    await new Promise((done) => setTimeout(done, 5))
    await cache.get(b!, async () => rendition(100))
    await new Promise((done) => setTimeout(done, 5))
    await cache.get(a!, async () => rendition(999)) // a hit: a is now the most recently used
    await cache.get(c!, async () => rendition(100))
    expect(cache.size).toEqual({ entries: 2, bytes: 200 })
    const recompute = vi.fn(async () => rendition(100))
    await cache.get(a!, recompute)
    expect(recompute).not.toHaveBeenCalled()
    await cache.get(b!, recompute)
    expect(recompute).toHaveBeenCalledTimes(1)
  })

  it('removes half-written files left by a crash and recomputes a file deleted behind its back', async () => {
    writeFileSync(join(dir, `${'d'.repeat(40)}.image%2Fwebp.123.abc.tmp`), 'half')
    const cache = new ImageRenditionCache(dir)
    expect(readdirSync(dir)).toEqual([])
    const key = 'e'.repeat(40)
    await cache.get(key, async () => rendition(10))
    rmSync(join(dir, readdirSync(dir)[0]!))
    const compute = vi.fn(async () => rendition(10))
    expect(await cache.get(key, compute)).toEqual(rendition(10))
    expect(compute).toHaveBeenCalledTimes(1)
  })
})

describe('lake images through the cache', () => {
  let lake: TempLake
  beforeEach(() => {
    lake = tempLake()
  })
  afterEach(() => lake.dispose())

  it('the second request for the same rendition does not run sharp, and the bytes are identical', async () => {
    const asset = lake.store.db.prepare('SELECT id FROM assets LIMIT 1').pluck().get() as string
    const fileName = parseAssetId(asset)!.fileName
    const get = () =>
      lakeImageResponse(
        lake.images,
        { projectId: 'local', dataset: 'production' },
        ['local', 'production', fileName],
        new Request(`http://x/i/${fileName}?w=320&auto=format`, { headers: { accept: 'image/webp' } }),
      )
    const spy = vi.spyOn(transform, 'transformImage')
    const first = await get()
    const second = await get()
    expect(spy).toHaveBeenCalledTimes(1)
    expect(second.headers.get('content-type')).toBe('image/webp')
    const [a, b] = [Buffer.from(await first.arrayBuffer()), Buffer.from(await second.arrayBuffer())]
    expect(a.equals(b)).toBe(true)
    expect((await sharp(b).metadata()).width).toBe(320)
    expect(existsSync(join(lake.dir, 'image-cache'))).toBe(true)
  })
})
