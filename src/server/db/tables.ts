import type { AccountsTables } from '../accounts/tables.js'
import type { ChatTables } from '../chat/tables.js'
import type { RedPacketTables } from '../redpackets/tables.js'
import type { CollectionTables } from '../collections/tables.js'
import type { IouTables } from '../ious/tables.js'
import type { LiveTables } from '../live/tables.js'
import type { CommerceTables } from '../commerce/tables.js'
import type { FeedTables } from '../feed/tables.js'
import type { IdempotencyTables } from '../idempotency/tables.js'
import type { LedgerTables } from '../ledger/tables.js'
import type { LimitsTables } from '../limits/tables.js'
import type { MediaTables } from '../media/tables.js'
import type { NotificationsTables } from '../notifications/tables.js'
import type { SocialTables } from '../social/tables.js'
import type { WalletTables } from '../wallet/tables.js'

/** Every table, composed from the modules that own them. Times are epoch milliseconds. */
export interface Tables
  extends
    AccountsTables,
    LimitsTables,
    LedgerTables,
    IdempotencyTables,
    WalletTables,
    SocialTables,
    MediaTables,
    FeedTables,
    CommerceTables,
    NotificationsTables,
    ChatTables,
    RedPacketTables,
    CollectionTables,
    IouTables,
    LiveTables {}
