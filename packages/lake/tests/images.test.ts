import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assetIdFromImageFileName, parseAssetId } from '../src/assets'
import { lakeImageResponse } from '../src/image-response'
import { ImageParamError, parseImageParams } from '../src/image-transform'
import { tempLake, type TempLake } from './lake-fixture'

const project = { projectId: 'local', dataset: 'production' }
let lake: TempLake
let fileName: string

beforeAll(() => {
  lake = tempLake()
  const asset = lake.store.db.prepare('SELECT id FROM assets LIMIT 1').pluck().get() as string
  fileName = parseAssetId(asset)!.fileName
})
afterAll(() => lake.dispose())

const get = (query: string, accept = 'image/avif,image/webp,*/*', name = fileName) =>
  lakeImageResponse(
    lake.images,
    project,
    ['local', 'production', name],
    new Request(`http://x/lake/images/local/production/${name}${query}`, { headers: { accept } }),
  )

describe('asset ids', () => {
  it('parses Sanity image and file ids and maps file names back', () => {
    expect(parseAssetId('image-abc-1600x900-jpg')).toMatchObject({ kind: 'image', hash: 'abc', width: 1600, height: 900, fileName: 'abc-1600x900.jpg' })
    expect(parseAssetId('file-abc-pdf')).toMatchObject({ kind: 'file', fileName: 'abc.pdf' })
    expect(parseAssetId('image-abc')).toBeNull()
    expect(assetIdFromImageFileName('abc-1600x900.jpg')).toBe('image-abc-1600x900-jpg')
    expect(assetIdFromImageFileName('../etc/passwd')).toBeNull()
  })
})

describe('image parameters', () => {
  const parse = (query: string, accept?: string) => parseImageParams(new URLSearchParams(query), accept)
  it('reads width, height, dpr, fit, rect, format and quality', () => {
    expect(parse('w=100&h=50&dpr=2&fit=crop&rect=1,2,3,4&fm=png&q=90')).toEqual({
      width: 200,
      height: 100,
      fit: 'crop',
      rect: { left: 1, top: 2, width: 3, height: 4 },
      format: 'png',
      quality: 90,
    })
  })
  it('auto=format picks webp only when the browser accepts it', () => {
    expect(parse('auto=format', 'image/webp').format).toBe('webp')
    expect(parse('auto=format', 'image/jpeg').format).toBeUndefined()
  })
  it.each(['w=0', 'w=abc', 'w=99999', 'h=-1', 'q=101', 'dpr=9', 'fit=zoom', 'fm=bmp', 'rect=1,2,3', 'rect=0,0,0,10'])('rejects %s', (query) => {
    expect(() => parse(query)).toThrow(ImageParamError)
  })
})

describe('the lake image route', () => {
  it('serves a resized, cropped webp that browsers may cache forever', async () => {
    const response = await get('?w=320&h=180&fit=crop&auto=format')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/webp')
    expect(response.headers.get('cache-control')).toContain('immutable')
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata()
    expect([meta.width, meta.height, meta.format]).toEqual([320, 180, 'webp'])
  })
  it('applies a rect crop before resizing', async () => {
    const response = await get('?rect=100,100,400,400&w=200&fm=png')
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata()
    expect([meta.width, meta.height, meta.format]).toEqual([200, 200, 'png'])
  })
  it('answers 400 for bad parameters and 404 for unknown images or projects', async () => {
    expect((await get('?w=abc')).status).toBe(400)
    expect((await get('', '', 'deadbeef-10x10.jpg')).status).toBe(404)
    const other = await lakeImageResponse(lake.images, project, ['other', 'production', fileName], new Request('http://x/'))
    expect(other.status).toBe(404)
  })
})

describe('the lake answers the parameters the site and Sanity clients send', () => {
  const meta = async (query: string, accept?: string) => {
    const response = await get(query, accept)
    expect(response.status, query).toBe(200)
    const buffer = Buffer.from(await response.arrayBuffer())
    return { type: response.headers.get('content-type'), bytes: buffer.length, ...(await sharp(buffer).metadata()) }
  }
  it('fm=webp and fm=avif give those formats whatever the browser accepts', async () => {
    expect(await meta('?w=200&fm=webp', 'image/jpeg')).toMatchObject({ type: 'image/webp', format: 'webp', width: 200 })
    const avif = await meta('?w=200&fm=avif', 'image/jpeg')
    expect(avif.type).toBe('image/avif')
    expect(avif.format).toBe('heif')
    expect(avif.width).toBe(200)
  })
  it('q changes the encoding: a lower quality is smaller', async () => {
    const low = await meta('?w=600&fm=jpg&q=20')
    const high = await meta('?w=600&fm=jpg&q=95')
    expect(low.type).toBe('image/jpeg')
    expect(low.bytes).toBeLessThan(high.bytes)
  })
  it('fit=crop with w and h gives exactly that box; rect then w gives the rect scaled', async () => {
    expect(await meta('?w=300&h=300&fit=crop&fm=png')).toMatchObject({ type: 'image/png', width: 300, height: 300 })
    expect(await meta('?w=480&h=200&fit=crop&fm=jpg')).toMatchObject({ type: 'image/jpeg', width: 480, height: 200 })
    expect(await meta('?rect=30,0,900,900&w=256&h=256&fit=crop&fm=webp')).toMatchObject({ type: 'image/webp', width: 256, height: 256 })
  })
})
