import type { ReactNode } from 'react'
import type { Category } from '../../../shared/api/wallet.js'

/** Each category's colour: its icon tile and its slice of the annual bill's chart. */
export const CATEGORY_TONES: Record<Category, string> = {
  topup: '#1677ff',
  withdrawal: '#5b6b85',
  transfer: '#13a8a8',
  request: '#2f54eb',
  tip: '#fa8c16',
  red_packet: '#e5383b',
  red_packet_refund: '#f0686a',
  order: '#722ed1',
  order_refund: '#9d6ae0',
  collection: '#00a870',
  iou_loan: '#d4a106',
  iou_repayment: '#a27c04',
}

/** One drawing per reason money moves, on a tile tinted with the category's tone. */
const PATHS: Record<Category, ReactNode> = {
  topup: (
    <>
      <rect x="3.5" y="6.5" width="17" height="12" rx="2.5" />
      <path d="M12 3v8M9 8.5l3 3 3-3" />
      <path d="M7 15h3" />
    </>
  ),
  withdrawal: (
    <>
      <path d="M4 10h16L12 4.5 4 10Z" />
      <path d="M6.5 10v7M10 10v7M14 10v7M17.5 10v7M4 19.5h16" />
    </>
  ),
  transfer: <path d="M5 8.5h13l-3.5-3.5M19 15.5H6l3.5 3.5" />,
  request: (
    <>
      <path d="M6 3.5h12v17l-2-1.5-2 1.5-2-1.5-2 1.5-2-1.5-2 1.5v-17Z" />
      <path d="m9.5 7.5 2.5 3 2.5-3M12 10.5v5M9.5 12.5h5" />
    </>
  ),
  tip: (
    <>
      <circle cx="12" cy="13" r="7" />
      <path d="M12 9.5c-1-1.3-3.2-.8-3.2 1.1 0 1.8 3.2 3.9 3.2 3.9s3.2-2.1 3.2-3.9c0-1.9-2.2-2.4-3.2-1.1Z" />
      <path d="M17.5 3.5v2M16.5 4.5h2" />
    </>
  ),
  red_packet: (
    <>
      <rect x="5" y="3.5" width="14" height="17" rx="2" />
      <path d="M5 8.5c2 2 4.3 3 7 3s5-1 7-3" />
      <circle cx="12" cy="11.5" r="1.8" />
    </>
  ),
  red_packet_refund: (
    <>
      <rect x="5" y="3.5" width="14" height="17" rx="2" />
      <path d="M5 8.5c2 2 4.3 3 7 3s5-1 7-3" />
      <path d="M14.5 16.5h-5l1.6-1.6M9.5 16.5l1.6 1.6" />
    </>
  ),
  order: (
    <>
      <path d="M5.5 8h13l-1 12h-11l-1-12Z" />
      <path d="M9 10V7a3 3 0 0 1 6 0v3" />
    </>
  ),
  order_refund: (
    <>
      <path d="M5.5 8h13l-1 12h-11l-1-12Z" />
      <path d="M9 8V7a3 3 0 0 1 6 0v1" />
      <path d="M15 15.5H9.5l1.6-1.6M9.5 15.5l1.6 1.6" />
    </>
  ),
  collection: (
    <>
      <circle cx="9" cy="8.5" r="3" />
      <path d="M3.5 19c.6-3 2.8-4.5 5.5-4.5s4.9 1.5 5.5 4.5" />
      <circle cx="17" cy="9.5" r="2.3" />
      <path d="M16 14.6c2.3-.3 4 .9 4.5 3.4" />
    </>
  ),
  iou_loan: (
    <>
      <path d="M6.5 3.5h8l3.5 3.5v13.5h-11.5v-17Z" />
      <path d="M14.5 3.5V7H18M9 11h6M9 14.5h6M9 18h3" />
    </>
  ),
  iou_repayment: (
    <>
      <path d="M6.5 3.5h8l3.5 3.5v13.5h-11.5v-17Z" />
      <path d="M14.5 3.5V7H18" />
      <path d="m9 14 2 2 4-4.5" />
    </>
  ),
}

export function CategoryIcon({ category, size = 40 }: { category: Category; size?: number }) {
  return (
    <span
      className="category-icon"
      data-category={category}
      style={{ width: size, height: size, ['--tone' as string]: CATEGORY_TONES[category] }}
      aria-hidden="true"
    >
      <svg
        width={Math.round(size * 0.55)}
        height={Math.round(size * 0.55)}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.8}
        strokeLinecap="round"
        strokeLinejoin="round"
        focusable="false"
      >
        {PATHS[category]}
      </svg>
    </span>
  )
}
