import type { TFunction } from 'i18next'
import type { MessageView } from '../../../shared/api/chat.js'

/** One line for the chat list: the text, or what stands in for what cannot be shown there ("[阅后即焚]", "[图片]"). */
export function previewOf(message: MessageView, t: TFunction, options: { group: boolean; meId: string }): string {
  const body = message.burnAfterReading
    ? t('chat.previewBurn')
    : message.kind === 'image'
      ? t('chat.previewImage')
      : (message.text ?? t('chat.previewOther'))
  // In a group, whose message it is matters; my own needs no name.
  return options.group && message.sender.id !== options.meId
    ? t('chat.previewFrom', { name: message.sender.displayName, text: body })
    : body
}
