import { containsKeyword } from '../../shared/validation/text.js'

/** What a 微商 status post says to move people into a private chat or a sale: the words that get it labelled. */
export const COMMERCIAL_KEYWORDS = [
  '加微信',
  '加VX',
  '加V信',
  '加薇',
  '微商',
  '代购',
  '代購',
  '招代理',
  '私聊下单',
  '刷单',
]

/**
 * A post is commercial, labelled and folded for viewers who fold commercial posts, when it is a product listing or its
 * text carries a selling keyword, however disguised (full-width, or invisible characters between the letters).
 */
export function isCommercial(post: { kind: string; text: string }): boolean {
  return post.kind === 'product' || containsKeyword(post.text, COMMERCIAL_KEYWORDS)
}
