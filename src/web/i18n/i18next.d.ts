import 'i18next'
import type { UiCatalog } from '../../shared/i18n/ui/index.js'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'ui'
    resources: { ui: UiCatalog }
  }
}
