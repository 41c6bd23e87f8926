import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useGroup } from '../../api/groups.js'
import { Avatar } from '../avatar.js'
import { ChevronRightIcon } from '../icons.js'
import { Sheet } from '../sheet.js'
import { Spinner } from '../spinner.js'

/** 聊天信息 of a group: its name and members, and the way to the group's own page (rename, add, leave). */
export function GroupInfoSheet({ groupId, open, onClose }: { groupId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const group = useGroup(groupId)
  return (
    <Sheet open={open} onClose={onClose} title={t('chat.info')}>
      {group.isPending ? (
        <div className="list-end">
          <Spinner label={t('common.loading')} />
        </div>
      ) : group.isError ? (
        <p className="list-end">{group.error.message}</p>
      ) : (
        <div className="group-info">
          <h3 className="group-info__name">{group.data.name}</h3>
          <p className="list__heading">{t('chat.members', { count: group.data.members.length })}</p>
          <ul className="member-grid">
            {group.data.members.map((member) => (
              <li key={member.id} className="member-grid__item" data-testid="chat-member">
                <Avatar name={member.displayName} url={member.avatarUrl} size={48} />
                <span className="member-grid__name">{member.displayName}</span>
              </li>
            ))}
          </ul>
          <Link
            className="list-row list-row--link"
            to={`/groups/${encodeURIComponent(groupId)}`}
            state={{ back: `/chat/${encodeURIComponent(group.data.conversationId)}` }}
          >
            <span className="list-row__label">{t('chat.groupSettings')}</span>
            <ChevronRightIcon size={18} />
          </Link>
        </div>
      )}
    </Sheet>
  )
}
