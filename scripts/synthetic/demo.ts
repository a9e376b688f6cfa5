/** The committed demo dataset, the source of the synthetic data's vocabulary, taxonomy and images. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseNdjson, type LakeDocument } from '@baspa/lake'

export const DEMO_DATASET_FILE = resolve(import.meta.dirname, '../../data/demo/data.ndjson')

export interface DemoDataset {
  file: string
  documents: LakeDocument[]
  articles: LakeDocument[]
  ofType(type: string): LakeDocument[]
}

export function loadDemoDataset(file: string = DEMO_DATASET_FILE): DemoDataset {
  const documents = parseNdjson(readFileSync(file, 'utf8'))
  const ofType = (type: string) => documents.filter((doc) => doc._type === type)
  return { file, documents, articles: ofType('article'), ofType }
}
