import type { WorkspaceOptions } from 'sanity'

/**
 * What the Studio offers when it edits the local lake. Releases, scheduled drafts and publishing,
 * comments and tasks are services of Sanity's cloud that the lake does not provide: shown
 * anyway they fail on use («Unable to perform this action»), so they are switched off. Scheduling
 * is done the newsroom way instead (sanity/schedule-action.tsx).
 */
export const lakeWorkspaceOptions = {
  releases: { enabled: false },
  scheduledDrafts: { enabled: false },
  scheduledPublishing: { enabled: false },
  tasks: { enabled: false },
  announcements: { enabled: false },
} satisfies Partial<WorkspaceOptions>

/** …and per document: no comments (a cloud service too). */
export const lakeDocumentOptions = { comments: { enabled: false } } satisfies WorkspaceOptions['document']
