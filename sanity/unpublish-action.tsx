import { useState } from 'react'
import { UnpublishIcon } from '@sanity/icons/Unpublish'
import { useDocumentOperation, usePerspective, type DocumentActionComponent } from 'sanity'

/**
 * «Снять с публикации» where editors work, in the drafts view (Sanity 5 offers its own Unpublish
 * only in the Published perspective, after which the pane is an empty form and the article is gone
 * from «Лента» until the editor switches back). Here the editor confirms, the published version
 * becomes the draft (the Actions API's unpublish), and the pane stays on it: the article is still in
 * «Лента», now as a draft.
 */
export const UnpublishFromDrafts: DocumentActionComponent = (props) => {
  const { unpublish } = useDocumentOperation(props.id, props.type)
  const { selectedPerspective } = usePerspective()
  const [confirming, setConfirming] = useState(false)
  if (selectedPerspective !== 'drafts' || props.release || props.liveEdit || !props.published) return null
  const title = String((props.draft ?? props.published)?.title ?? 'документ')
  return {
    label: 'Снять с публикации',
    icon: UnpublishIcon,
    tone: 'critical',
    disabled: Boolean(unpublish.disabled),
    title: unpublish.disabled ? 'Документ не опубликован' : 'Убрать с сайта; документ останется черновиком',
    onHandle: () => setConfirming(true),
    dialog: confirming
      ? {
          type: 'confirm',
          tone: 'critical',
          message: `Снять «${title}» с публикации? Читатели перестанут его видеть; текст останется черновиком в редакции.`,
          confirmButtonText: 'Снять с публикации',
          cancelButtonText: 'Отмена',
          onCancel: () => setConfirming(false),
          onConfirm: () => {
            unpublish.execute()
            setConfirming(false)
            props.onComplete()
          },
        }
      : null,
  }
}
UnpublishFromDrafts.displayName = 'UnpublishFromDrafts'
