import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app.js'
import { setupI18n } from './i18n/setup.js'
import { registerServiceWorker } from './service-worker.js'
import './styles/tokens.css'
import './styles/base.css'
import './styles/controls.css'
import './styles/pickers.css'
import './styles/layout.css'
import './styles/pages.css'
import './styles/sheet.css'
import './styles/money-lists.css'
import './styles/wallet.css'
import './styles/wallet-forms.css'
import './styles/bill.css'
import './styles/circle.css'
import './styles/compose.css'
import './styles/friends.css'
import './styles/commerce.css'
import './styles/chat.css'
import './styles/notifications.css'

setupI18n()

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)

if (import.meta.env.MODE === 'production') registerServiceWorker()
