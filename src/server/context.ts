import type { FastifyBaseLogger } from 'fastify'
import { pino } from 'pino'
import type { Config } from './config.js'
import { AccountsService } from './accounts/service.js'
import { PinService } from './accounts/pin-service.js'
import { RealNameService } from './accounts/real-name-service.js'
import { PhoneCodes } from './accounts/phone-codes.js'
import { PhoneFlows } from './accounts/phone-flows.js'
import { SandboxSmsProvider, WebhookSmsProvider } from './accounts/sms.js'
import { openDatabase, type Database } from './db/database.js'
import { migrateToLatest } from './db/migrate.js'
import { EventHub } from './events/hub.js'
import { IdempotencyService } from './idempotency/service.js'
import { LedgerService } from './ledger/service.js'
import { FeedService, type FeedDeps } from './feed/service.js'
import { ProductCatalog } from './feed/products.js'
import { OrdersService } from './commerce/service.js'
import { FulfilmentService } from './commerce/fulfilment.js'
import { OrderSteps } from './commerce/steps.js'
import { MediaService } from './media/service.js'
import { NotificationsService } from './notifications/service.js'
import { GroupsService } from './social/groups-service.js'
import { SocialService } from './social/service.js'
import { SandboxFundingProvider } from './wallet/funding.js'
import { PaymentRequestsService } from './wallet/payment-requests-service.js'
import { WalletService, type WalletDeps } from './wallet/service.js'
import { MemoryBus, RedisBus, type Bus } from './realtime/bus.js'
import { Push } from './realtime/push.js'
import { Gateway } from './realtime/gateway.js'
import { publishSessionsEnded } from './realtime/session-ends.js'
import { ChatService, type ChatDeps } from './chat/service.js'
import { BurnService } from './chat/burn.js'
import { ChatTransfers } from './chat/transfers.js'
import { MessageWriter } from './chat/writer.js'
import { RedPacketService } from './redpackets/service.js'
import { CollectionService } from './collections/service.js'
import { IouService } from './ious/service.js'
import { IouReminders } from './ious/reminders.js'
import { LiveService } from './live/service.js'
import { LiveTips } from './live/tips.js'
import { LiveRooms, LocalViewerCounts, RedisViewerCounts } from './live/rooms.js'
import { RateLimiter, RedisRateLimiter, type BucketRule } from './live/rate.js'
import { loadSecret } from './secret.js'

/** Infrastructure and the domain services built on it; routes receive this and nothing else. */
export interface AppContext {
  config: Config
  database: Database
  bus: Bus
  /** Frames to people's sockets, after commit. */
  push: Push
  /** Domain events, emitted after commit; notifications listen. */
  events: EventHub
  /** The sockets this process holds. */
  gateway: Gateway
  clock: () => number
  accounts: AccountsService
  realNames: RealNameService
  pins: PinService
  phoneCodes: PhoneCodes
  phoneFlows: PhoneFlows
  ledger: LedgerService
  idempotency: IdempotencyService
  walletDeps: WalletDeps
  wallet: WalletService
  paymentRequests: PaymentRequestsService
  social: SocialService
  groups: GroupsService
  media: MediaService
  feed: FeedService
  products: ProductCatalog
  orders: OrdersService
  fulfilment: FulfilmentService
  notifications: NotificationsService
  chat: ChatService
  burns: BurnService
  chatTransfers: ChatTransfers
  redPackets: RedPacketService
  collections: CollectionService
  ious: IouService
  iouReminders: IouReminders
  rooms: LiveRooms
  live: LiveService
  liveTips: LiveTips
  close(): Promise<void>
}

export interface ContextOptions {
  clock?: () => number
  /** Where services log what is worth knowing but not worth failing a request for. */
  log?: FastifyBaseLogger
}

/** A slow client may hold at most this much of unsent frames before it is cut off. */
const SOCKET_BUFFER_MAX_BYTES = 1024 * 1024

export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const clock = options.clock ?? Date.now
  const secret = loadSecret(config)
  const log = options.log ?? silentLogger()
  const database = openDatabase(config, {
    warn: (message, details) => log.warn(details ?? {}, message),
    info: (message, details) => log.info(details ?? {}, message),
  })
  try {
    await migrateToLatest(database)
  } catch (error) {
    await database.close()
    throw error
  }
  const bus: Bus = config.redisUrl ? new RedisBus(config.redisUrl, `${config.redisPrefix}bus:`) : new MemoryBus()
  const { db } = database
  const push = new Push(bus, log)
  const accounts = new AccountsService(db, clock, {
    passwordCostLog2: config.passwordCostLog2,
    secret,
    sessionsEnded: (sessionIds) => publishSessionsEnded(bus, log, sessionIds),
  })
  const gateway = new Gateway(bus, log, {
    heartbeatMs: config.wsHeartbeatSeconds * 1000,
    maxBufferedBytes: SOCKET_BUFFER_MAX_BYTES,
    sessionCheckMs: config.wsSessionCheckSeconds * 1000,
    liveSessions: (sessionIds) => accounts.liveSessionIds(sessionIds),
  })
  await gateway.ready()
  const events = new EventHub(log, clock)
  const ledger = new LedgerService(database, clock)
  await ledger.init()
  const realNames = new RealNameService(db, secret, clock, (userId) => ledger.openWallet(userId))
  const pins = new PinService(db, secret, clock)
  const sms =
    config.sms.provider === 'webhook'
      ? new WebhookSmsProvider(config.sms.url, config.sms.secret)
      : new SandboxSmsProvider(db, log)
  const phoneCodes = new PhoneCodes(db, secret, clock, sms, { perAddressPerHour: config.smsCodesPerAddressPerHour })
  const social = new SocialService(db, accounts, clock, events)
  const media = new MediaService(db, config.dataDir, clock)
  const walletDeps: WalletDeps = {
    db,
    ledger,
    accounts,
    realNames,
    pins,
    social,
    funding: new SandboxFundingProvider(),
    events,
  }
  const feedDeps: FeedDeps = {
    db,
    accounts,
    realNames,
    social,
    media,
    ledger,
    events,
    clock,
    rules: { tipDailyCap: config.tipDailyCapFen, productPostsPerDay: config.productPostsPerDay },
    // Commerce is built on the feed; purchase posts reach back to it once it exists.
    purchases: { shareable: (actor, orderId) => orders.shareable(actor, orderId) },
  }
  const feed = new FeedService(feedDeps)
  const products = new ProductCatalog(feedDeps, feed)
  const orderSteps = new OrderSteps({
    db,
    ledger,
    accounts,
    realNames,
    pins,
    social,
    media,
    products,
    events,
    clock,
    rules: {
      unpaidOrderMs: config.orderUnpaidMinutes * 60_000,
      autoConfirmMs: config.orderAutoConfirmDays * 24 * 3600_000,
      payRequestMs: 24 * 3600_000,
    },
  })
  const orders = new OrdersService(orderSteps)
  const notifications = new NotificationsService({ db, accounts, social, push, clock })
  events.on((event, stamp) => notifications.handle(event, stamp))
  const groups = new GroupsService(db, accounts, social, clock)
  const chatDeps: ChatDeps = {
    db,
    accounts,
    social,
    groups,
    media,
    push,
    writer: new MessageWriter(database),
    clock,
    burnExpiryMs: config.burnExpiryHours * 3600_000,
  }
  const chat = new ChatService(chatDeps)
  const wallet = new WalletService(walletDeps)
  const viewers =
    bus instanceof RedisBus
      ? new RedisViewerCounts(bus.client, `${config.redisPrefix}viewers:`)
      : new LocalViewerCounts()
  const rooms = new LiveRooms(bus, gateway, viewers, log, {
    flushMs: 100,
    maxPending: 1000,
    viewersMs: 5000,
    fanout: config.liveFanout,
  })
  const danmakuRate: BucketRule = { perSecond: 1, burst: 3 }
  const live = new LiveService({
    db,
    sqlite: database.sqlite,
    accounts,
    media,
    rooms,
    // Shared through Redis when there is one, so the rate holds however many processes a person sends through.
    rate:
      bus instanceof RedisBus
        ? new RedisRateLimiter(bus.client, `${config.redisPrefix}danmaku-rate:`, danmakuRate)
        : new RateLimiter(danmakuRate),
    clock,
  })
  return {
    config,
    database,
    bus,
    push,
    events,
    gateway,
    clock,
    accounts,
    realNames,
    pins,
    phoneCodes,
    phoneFlows: new PhoneFlows(phoneCodes, accounts, realNames, pins),
    ledger,
    idempotency: new IdempotencyService(db, secret, clock),
    walletDeps,
    wallet,
    paymentRequests: new PaymentRequestsService(walletDeps, clock, {
      perHour: config.paymentRequestsPerHour,
      perPayerPerDay: config.paymentRequestsPerPayerPerDay,
    }),
    social,
    groups,
    media,
    feed,
    products,
    orders,
    fulfilment: new FulfilmentService(orderSteps),
    notifications,
    chat,
    burns: new BurnService(chatDeps, chat, database),
    chatTransfers: new ChatTransfers(chat, wallet, accounts, push, clock),
    rooms,
    live,
    liveTips: new LiveTips(live, feed, ledger, accounts, realNames, clock),
    redPackets: new RedPacketService({
      db,
      ledger,
      accounts,
      realNames,
      pins,
      social,
      chat,
      push,
      events,
      clock,
      rules: {
        maxTotal: config.redPacketMaxFen,
        maxCount: config.redPacketMaxShares,
        expiryMs: 24 * 3600_000,
      },
    }),
    collections: new CollectionService({
      db,
      ledger,
      accounts,
      realNames,
      pins,
      groups,
      chat,
      push,
      events,
      clock,
      reminderAfterMs: 24 * 3600_000,
    }),
    ious: new IouService({
      db,
      ledger,
      accounts,
      realNames,
      pins,
      social,
      chat,
      push,
      events,
      clock,
      rateCapBasisPoints: config.iouRateCapBasisPoints,
    }),
    iouReminders: new IouReminders({ db, push, events, clock }),
    async close() {
      await ledger.idle()
      // Listeners of what the last commands committed still write and publish.
      await events.idle()
      await rooms.close()
      await gateway.close()
      await bus.close()
      await database.close()
    },
  }
}

function silentLogger(): FastifyBaseLogger {
  return pino({ level: 'silent' })
}
