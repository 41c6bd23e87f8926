import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { useMe } from '../../api/accounts.js'
import { usePost } from '../../api/feed.js'
import { PostCard, type PostInteraction } from '../../components/circle/post-card.js'
import { PostSheets } from '../../components/circle/post-sheets.js'
import { FormAlert } from '../../components/form-alert.js'
import { PageHeader } from '../../components/page-header.js'
import { Spinner } from '../../components/spinner.js'

/** One post on its own, e.g. the product a shared purchase links to. */
export function PostPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const post = usePost(id)
  const me = useMe().data
  const [interaction, setInteraction] = useState<PostInteraction | null>(null)

  return (
    <div className="page page--circle">
      <PageHeader title={t('circle.postTitle')} backTo="/circle" />
      {post.isPending || !me ? (
        <div className="list-end">
          <Spinner label={t('common.loading')} />
        </div>
      ) : post.isError ? (
        <FormAlert message={post.error.message} />
      ) : (
        <div className="feed">
          <PostCard post={post.data} meId={me.id} onInteract={setInteraction} />
        </div>
      )}
      <PostSheets interaction={interaction} onChange={setInteraction} />
    </div>
  )
}
