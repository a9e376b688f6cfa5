import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync, type WriteFileOptions } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * Files that survive a power loss whole or not at all: written under a temporary name in the same
 * folder, flushed to the disk, renamed over the final name, and the folder flushed so that the
 * rename itself is on the disk. A reader sees the old file or the complete new one, never a
 * truncated one (which, for an image rendition kept as immutable, would be served for a year).
 */
const temporaryName = (file: string) => join(dirname(file), `.${basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`)

export async function writeFileDurably(file: string, data: Uint8Array | string, mode?: number): Promise<void> {
  const temporary = temporaryName(file)
  try {
    const handle = await open(temporary, 'w', mode)
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
  await syncFolder(dirname(file))
}

export function writeFileDurablySync(file: string, data: Uint8Array | string, options: WriteFileOptions & { mode?: number } = {}): void {
  const temporary = temporaryName(file)
  try {
    writeFileSync(temporary, data, options)
    syncPathSync(temporary)
    renameSync(temporary, file)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
  syncPathSync(dirname(file))
}

/** Flushes a file's (or a folder's entries') data to the disk. */
export function syncPathSync(path: string): void {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}
