import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { lazy, Suspense, type ReactNode } from 'react'
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router'
import { isApiError } from './api/api-error.js'
import { LocaleSync } from './components/locale-sync.js'
import { FullPageSpinner, PublicOnly, RequireAuth } from './components/route-guards.js'
import { TabLayout } from './components/tab-layout.js'
import { CirclePage } from './pages/circle/circle-page.js'
import { LoginPage } from './pages/login-page.js'
import { MePage } from './pages/me-page.js'
import { NotFoundPage } from './pages/not-found-page.js'
import { PinPage } from './pages/pin-page.js'
import { PasswordPage } from './pages/password-page.js'
import { SecurityPage } from './pages/security-page.js'
import { ChatPage } from './pages/chat/chat-page.js'
import { LiveListPage } from './pages/live/live-list-page.js'
import { RealNamePage } from './pages/real-name-page.js'
import { ForgotPasswordPage } from './pages/forgot-password-page.js'
import { ForgotPinPage } from './pages/forgot-pin-page.js'
import { SmsOutboxPage } from './pages/sms-outbox-page.js'
import { RegisterPage } from './pages/register-page.js'
import { HistoryPage } from './pages/wallet/history-page.js'
import { RequestPage } from './pages/wallet/request-page.js'
import { TopUpPage } from './pages/wallet/top-up-page.js'
import { TransferPage } from './pages/wallet/transfer-page.js'
import { WalletPage } from './pages/wallet/wallet-page.js'
import { WithdrawPage } from './pages/wallet/withdraw-page.js'
import { Realtime } from './realtime/realtime.js'

// The bill's charts (recharts) are most of the bundle's weight: they load when the bill is opened, not at start-up.
const BillPage = lazy(() => import('./pages/wallet/bill-page.js').then((module) => ({ default: module.BillPage })))
// The composer and the friends and groups screens are opened now and then, not at every start.
const ComposePage = lazy(() =>
  import('./pages/circle/compose-page.js').then((module) => ({ default: module.ComposePage })),
)
const FriendsPage = lazy(() =>
  import('./pages/friends/friends-page.js').then((module) => ({ default: module.FriendsPage })),
)
const AddFriendPage = lazy(() =>
  import('./pages/friends/add-friend-page.js').then((module) => ({ default: module.AddFriendPage })),
)
const FriendRequestsPage = lazy(() =>
  import('./pages/friends/friend-requests-page.js').then((module) => ({ default: module.FriendRequestsPage })),
)
const BlockedPage = lazy(() =>
  import('./pages/friends/blocked-page.js').then((module) => ({ default: module.BlockedPage })),
)
const GroupsPage = lazy(() =>
  import('./pages/friends/groups-page.js').then((module) => ({ default: module.GroupsPage })),
)
const GroupCreatePage = lazy(() =>
  import('./pages/friends/group-create-page.js').then((module) => ({ default: module.GroupCreatePage })),
)
// Buying and orders: opened from a product card or from Me.
const PostPage = lazy(() => import('./pages/circle/post-page.js').then((module) => ({ default: module.PostPage })))
const BuyPage = lazy(() => import('./pages/commerce/buy-page.js').then((module) => ({ default: module.BuyPage })))
const OrdersPage = lazy(() =>
  import('./pages/commerce/orders-page.js').then((module) => ({ default: module.OrdersPage })),
)
const OrderPage = lazy(() => import('./pages/commerce/order-page.js').then((module) => ({ default: module.OrderPage })))
// A conversation and the notifications are opened from the tabs, not at start-up.
const ConversationPage = lazy(() =>
  import('./pages/chat/conversation-page.js').then((module) => ({ default: module.ConversationPage })),
)
const RedPacketPage = lazy(() =>
  import('./pages/chat/red-packet-page.js').then((module) => ({ default: module.RedPacketPage })),
)
// Collections and IOUs: opened from their cards in a chat, or from Me.
const CollectionPage = lazy(() =>
  import('./pages/money/collection-page.js').then((module) => ({ default: module.CollectionPage })),
)
const CollectionsPage = lazy(() =>
  import('./pages/money/collections-page.js').then((module) => ({ default: module.CollectionsPage })),
)
const IouPage = lazy(() => import('./pages/money/iou-page.js').then((module) => ({ default: module.IouPage })))
const IousPage = lazy(() => import('./pages/money/ious-page.js').then((module) => ({ default: module.IousPage })))
const NotificationsPage = lazy(() =>
  import('./pages/notifications-page.js').then((module) => ({ default: module.NotificationsPage })),
)
// The player brings hls.js and the danmaku renderer: they load when an event is opened.
const LiveEventPage = lazy(() =>
  import('./pages/live/live-event-page.js').then((module) => ({ default: module.LiveEventPage })),
)
const LiveNewPage = lazy(() =>
  import('./pages/live/live-new-page.js').then((module) => ({ default: module.LiveNewPage })),
)
const GroupPage = lazy(() => import('./pages/friends/group-page.js').then((module) => ({ default: module.GroupPage })))

function deferred(element: ReactNode) {
  return <Suspense fallback={<FullPageSpinner />}>{element}</Suspense>
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; network blips and 5xx get two more tries, unless the device is offline.
      retry: (failures, error) =>
        failures < 2 && navigator.onLine && !(isApiError(error) && error.status >= 400 && error.status < 500),
      // Offline, fail at once (the login page, or a retry screen) rather than wait silently for the network.
      networkMode: 'always',
      refetchOnWindowFocus: true,
    },
  },
})

const router = createBrowserRouter([
  {
    element: <PublicOnly />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/register', element: <RegisterPage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
    ],
  },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <TabLayout />,
        children: [
          { path: '/', element: <Navigate to="/wallet" replace /> },
          { path: '/wallet', element: <WalletPage /> },
          { path: '/circle', element: <CirclePage /> },
          { path: '/chat', element: <ChatPage /> },
          { path: '/live', element: <LiveListPage /> },
          { path: '/me', element: <MePage /> },
        ],
      },
      { path: '/chat/:id', element: deferred(<ConversationPage />) },
      { path: '/red-packets/:id', element: deferred(<RedPacketPage />) },
      { path: '/collections', element: deferred(<CollectionsPage />) },
      { path: '/collections/:id', element: deferred(<CollectionPage />) },
      { path: '/ious', element: deferred(<IousPage />) },
      { path: '/ious/:id', element: deferred(<IouPage />) },
      { path: '/notifications', element: deferred(<NotificationsPage />) },
      { path: '/live/new', element: deferred(<LiveNewPage />) },
      { path: '/live/:id', element: deferred(<LiveEventPage />) },
      { path: '/circle/compose', element: deferred(<ComposePage />) },
      { path: '/circle/posts/:id', element: deferred(<PostPage />) },
      { path: '/circle/posts/:id/buy', element: deferred(<BuyPage />) },
      { path: '/orders', element: deferred(<OrdersPage />) },
      { path: '/orders/:id', element: deferred(<OrderPage />) },
      { path: '/friends', element: deferred(<FriendsPage />) },
      { path: '/friends/add', element: deferred(<AddFriendPage />) },
      { path: '/friends/requests', element: deferred(<FriendRequestsPage />) },
      { path: '/friends/blocked', element: deferred(<BlockedPage />) },
      { path: '/groups', element: deferred(<GroupsPage />) },
      { path: '/groups/new', element: deferred(<GroupCreatePage />) },
      { path: '/groups/:id', element: deferred(<GroupPage />) },
      { path: '/me/real-name', element: <RealNamePage /> },
      { path: '/me/pin', element: <PinPage /> },
      { path: '/me/pin/forgot', element: <ForgotPinPage /> },
      { path: '/admin/sms-outbox', element: <SmsOutboxPage /> },
      { path: '/me/security', element: <SecurityPage /> },
      { path: '/me/password', element: <PasswordPage /> },
      { path: '/wallet/top-up', element: <TopUpPage /> },
      { path: '/wallet/transfer', element: <TransferPage /> },
      { path: '/wallet/request', element: <RequestPage /> },
      { path: '/wallet/withdraw', element: <WithdrawPage /> },
      { path: '/wallet/history', element: <HistoryPage /> },
      {
        path: '/wallet/bill',
        element: deferred(<BillPage />),
      },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
])

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleSync />
      <Realtime />
      <RouterProvider router={router} />
    </QueryClientProvider>
  )
}
