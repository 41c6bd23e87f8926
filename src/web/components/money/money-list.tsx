import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import type { Page } from '../../api/paging.js'
import { Button } from '../button.js'
import { EmptyState } from '../empty-state.js'
import { InfiniteSentinel } from '../infinite-sentinel.js'
import { Spinner } from '../spinner.js'
import '../chat/money-chat.css'
import { Segmented } from '../segmented.js'

/** The tab of a two-sided list (我发起的 / 我参与的), kept in the address as ?role=. */
export function useRoleTab<R extends string>(roles: readonly R[]): [R, (role: R) => void] {
  const [params, setParams] = useSearchParams()
  const role = roles.find((option) => option === params.get('role')) ?? roles[0]!
  return [role, (next) => setParams({ role: next }, { replace: true })]
}

export function RoleTabs<R extends string>(props: {
  roles: readonly R[]
  role: R
  onRole: (role: R) => void
  label: string
  labelOf: (role: R) => string
}) {
  return (
    <Segmented
      tabs
      label={props.label}
      options={props.roles}
      value={props.role}
      onChange={props.onRole}
      text={props.labelOf}
    />
  )
}

/** A cursor-paged list of collections or IOUs: loading, failure with a retry, empty, or the rows as one scrolls. */
export function MoneyList<T extends { id: string }>(props: {
  query: UseInfiniteQueryResult<InfiniteData<Page<T>>, Error>
  row: (item: T) => ReactNode
  empty: { icon: ReactNode; title: string; body: string }
}) {
  const { t } = useTranslation()
  const { query } = props
  const items = (query.data?.pages ?? []).flatMap((page) => page.items)
  if (query.isPending) {
    return (
      <div className="list-end">
        <Spinner label={t('common.loading')} />
      </div>
    )
  }
  if (query.isError) {
    return (
      <div className="list-end">
        <p>{query.error.message}</p>
        <Button variant="secondary" onClick={() => void query.refetch()}>
          {t('common.retry')}
        </Button>
      </div>
    )
  }
  if (items.length === 0) return <EmptyState {...props.empty} />
  return (
    <>
      <ul className="card money-rows">{items.map((item) => props.row(item))}</ul>
      <InfiniteSentinel
        hasMore={query.hasNextPage}
        loading={query.isFetchingNextPage}
        onMore={() => void query.fetchNextPage()}
        endLabel={t('moneyPages.end')}
      />
    </>
  )
}
