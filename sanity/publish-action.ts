import { useDocumentOperation, type DocumentActionComponent, type SanityDocument } from 'sanity'
import { previousSlugsAfterPublish } from '@/lib/slug'

type WithSlugs = Partial<SanityDocument> & { slug?: { current?: string }; previousSlugs?: string[] }

/**
 * Sanity's own «Publish», which first records the published address in `previousSlugs` when the
 * draft changes it, so that the old address keeps working (proxy.ts answers it with a 301).
 * The patch goes to the draft just before the publish, so both land in the published document.
 */
export function withPreviousSlugs(publish: DocumentActionComponent): DocumentActionComponent {
  const PublishKeepingOldSlugs: DocumentActionComponent = (props) => {
    const { patch } = useDocumentOperation(props.id, props.type)
    const result = publish(props)
    if (!result) return result
    return {
      ...result,
      onHandle: () => {
        const draft = props.draft as WithSlugs | null
        const before = draft?.previousSlugs ?? []
        const after = previousSlugsAfterPublish((props.published as WithSlugs | null)?.slug?.current, draft?.slug?.current, before)
        if (draft && after.join('\n') !== before.join('\n')) patch.execute([{ set: { previousSlugs: after } }])
        result.onHandle?.()
      },
    }
  }
  PublishKeepingOldSlugs.action = publish.action
  return PublishKeepingOldSlugs
}
