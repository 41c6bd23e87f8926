import type { TFunction } from 'i18next'
import type { MessageView } from '../../../shared/api/chat.js'

/**
 * One line for the chat list: the text, or what stands in for what cannot be shown there ("[阅后即焚]", "[图片]");
 * a card says what it is before its greeting or note, as WeChat's "[微信红包]恭喜发财，大吉大利".
 */
export function previewOf(message: MessageView, t: TFunction, options: { group: boolean; meId: string }): string {
  const body = message.burnAfterReading
    ? t('chat.previewBurn')
    : message.kind === 'image'
      ? t('chat.previewImage')
      : message.card
        ? cardPreview(message.card, t)
        : (message.text ?? t('chat.previewOther'))
  // In a group, whose message it is matters; my own needs no name.
  return options.group && message.sender.id !== options.meId
    ? t('chat.previewFrom', { name: message.sender.displayName, text: body })
    : body
}

function cardPreview(card: NonNullable<MessageView['card']>, t: TFunction): string {
  switch (card.type) {
    case 'red_packet':
      return t('money.previewRedPacket', { text: card.text || t('redPacket.defaultGreeting') })
    case 'transfer':
      return t('money.previewTransfer')
    case 'collection':
      return t('money.previewCollection', { text: card.text })
    case 'iou':
      return t('money.previewIou', { text: card.text })
  }
}
