/** Friends, requests, blocks and groups sit under one key: a change to any of them may change the others. */
export const socialKey = ['social'] as const

export const socialKeys = {
  friends: [...socialKey, 'friends'] as const,
  requests: (direction: 'incoming' | 'outgoing') => [...socialKey, 'requests', direction] as const,
  blocks: [...socialKey, 'blocks'] as const,
  groups: [...socialKey, 'groups'] as const,
  group: (id: string) => [...socialKey, 'groups', id] as const,
}

/** Every feed list (each fold and script setting is its own cache entry) sits under this key. */
export const feedKey = ['feed'] as const

export const feedKeys = {
  list: (foldCommercial: boolean, script: string | null) => [...feedKey, 'list', foldCommercial, script] as const,
  post: (id: string, script: string | null) => [...feedKey, 'post', id, script] as const,
}
