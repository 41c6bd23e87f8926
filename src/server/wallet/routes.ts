import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  Bill,
  BillQuery,
  DeclineResult,
  PageQuery,
  PaymentRequestBody,
  PaymentRequestsPage,
  PaymentRequestsQuery,
  PaymentRequestView,
  PayRequestBody,
  PayRequestResult,
  TopUpBody,
  TransactionResult,
  TransactionsPage,
  TransferBody,
  WalletView,
  WithdrawBody,
} from '../../shared/api/wallet.js'
import type { AppContext } from '../context.js'
import { actorOf, requireActor } from '../http/auth.js'
import { idempotencyHeaderSchema, idempotencyScope, sendStored } from '../idempotency/http.js'
import { annualBill } from './bill.js'

const tags = ['wallet']
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })

export function walletRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.addHook('onRequest', requireActor)

    app.get('/wallet', { schema: { tags, response: { 200: WalletView } } }, async (request) =>
      ctx.wallet.wallet(actorOf(request)),
    )

    app.post(
      '/wallet/topups',
      { schema: { tags, headers: idempotencyHeaderSchema, body: TopUpBody, response: { 201: TransactionResult } } },
      async (request, reply) => {
        const scope = idempotencyScope(request, ctx.idempotency)
        const response = await ctx.idempotency.run(scope, (s) => ctx.wallet.topUp(actorOf(request), request.body, s))
        return sendStored(reply, response)
      },
    )

    app.post(
      '/wallet/withdrawals',
      { schema: { tags, headers: idempotencyHeaderSchema, body: WithdrawBody, response: { 201: TransactionResult } } },
      async (request, reply) => {
        const scope = idempotencyScope(request, ctx.idempotency)
        const response = await ctx.idempotency.run(scope, (s) => ctx.wallet.withdraw(actorOf(request), request.body, s))
        return sendStored(reply, response)
      },
    )

    app.post(
      '/transfers',
      { schema: { tags, headers: idempotencyHeaderSchema, body: TransferBody, response: { 201: TransactionResult } } },
      async (request, reply) => {
        const scope = idempotencyScope(request, ctx.idempotency)
        const response = await ctx.idempotency.run(scope, (s) => ctx.wallet.transfer(actorOf(request), request.body, s))
        return sendStored(reply, response)
      },
    )

    app.get(
      '/wallet/transactions',
      { schema: { tags, querystring: PageQuery, response: { 200: TransactionsPage } } },
      async (request) => ctx.wallet.transactions(actorOf(request), request.query),
    )

    app.get('/wallet/bill', { schema: { tags, querystring: BillQuery, response: { 200: Bill } } }, async (request) =>
      annualBill(ctx.walletDeps, actorOf(request), request.query),
    )

    app.post(
      '/payment-requests',
      {
        schema: {
          tags,
          description:
            'The same social rule as a transfer: asking someone who blocked you → 403 FORBIDDEN. Per requester, ' +
            'at most LIFECIRCLE_PAYMENT_REQUESTS_PER_HOUR (20) an hour and LIFECIRCLE_PAYMENT_REQUESTS_PER_PAYER_DAY ' +
            '(5) to one payer per 24 hours → 429 RATE_LIMITED with Retry-After.',
          body: PaymentRequestBody,
          response: { 201: PaymentRequestView },
        },
      },
      async (request, reply) => reply.code(201).send(await ctx.paymentRequests.create(actorOf(request), request.body)),
    )

    app.get(
      '/payment-requests',
      { schema: { tags, querystring: PaymentRequestsQuery, response: { 200: PaymentRequestsPage } } },
      async (request) => ctx.paymentRequests.list(actorOf(request), request.query),
    )

    app.post(
      '/payment-requests/:id/pay',
      {
        schema: {
          tags,
          params: IdParams,
          headers: idempotencyHeaderSchema,
          body: PayRequestBody,
          response: { 200: PayRequestResult },
        },
      },
      async (request, reply) => {
        const scope = idempotencyScope(request, ctx.idempotency)
        const response = await ctx.idempotency.run(scope, (s) =>
          ctx.paymentRequests.pay(actorOf(request), request.params.id, request.body.pin, s),
        )
        return sendStored(reply, response)
      },
    )

    app.post(
      '/payment-requests/:id/decline',
      { schema: { tags, params: IdParams, response: { 200: DeclineResult } } },
      async (request) => ctx.paymentRequests.decline(actorOf(request), request.params.id),
    )
  }
}
