/**
 * @baspa/lake: a self-hosted content lake that speaks Sanity's HTTP API (README.md). This entry is
 * the library; `@baspa/lake/server` starts the service, and the `baspa-lake` command runs it.
 */
export { openLake, seedIfEmpty, type Lake, type OpenLakeOptions } from './lake'
export { LakeStore, DocumentExistsError, newTransactionId, type SequencedTransaction } from './store'
export { LakeQueryEngine, QueryTimeout, GroqQueryError, type QueryParams, type QueryOptions } from './query'
export { applyMutations, MutationError, type LakeMutation, type TransactionResult } from './mutate'
export { actionsToMutations } from './actions'
export { importDataset, exportDataset, type ImportMode, type ImportOptions, type ImportResult } from './dataset'
export { exportArchive, importArchive, type LakeTarget } from './archive'
export { backupLake, restoreLake, listBackups, startBackupSchedule, BackupError, type Backup, type BackupManifest, type RestoreResult } from './backup'
export { WebhookOutbox, type OutboxEntry } from './webhook-outbox'
export { parseNdjson, serializeNdjson, NdjsonError, isValidDocumentId, type LakeDocument } from './ndjson'
export { applyPerspective, isDraftId, isPublishedId, publishedIdOf, type Perspective } from './perspective'
export { imageAssetDocument, fileAssetDocument } from './asset-document'
export { parseAssetId, assetIdFromImageFileName } from './assets'
export { planTree } from './planner'
export { mendozaPatch } from './mendoza'
export { offsetClock, systemClock, type Clock } from './clock'
export { configFromEnv, DEFAULT_LIMITS, DEFAULT_API_PORT, DEFAULT_HTTP_PORT, type LakeConfig, type LakeLimits, type WebhookConfig } from './config'
export { ensureTls, type LakeTls } from './http/tls'
