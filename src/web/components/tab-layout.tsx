import { Outlet } from 'react-router'
import { TabBar } from './tab-bar.js'

export function TabLayout() {
  return (
    <div className="tab-layout">
      <main className="tab-layout__content">
        <Outlet />
      </main>
      <TabBar />
    </div>
  )
}
