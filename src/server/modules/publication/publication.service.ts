import type { Language, Violation } from '../../core/violation.js'
import { apiErrors } from '../../errors.js'
import type { SellerClocks } from '../../seller-clocks.js'
import type { AppStore, AppTransaction, InstanceTables, SellerTables } from '../../state.js'
import type { FaultsService } from '../faults/faults.service.js'
import type { StoredOffer } from '../offers/offers.types.js'
import {
  activateOffer, activationProblem, checkCommand, endOffer, finishTask, inProgress, isCommandId, offerIdsOf, offersInProgress,
} from './publication.rules.js'
import type { PublicationCommandInput, StoredCommand, StoredTask } from './publication.types.js'

export interface PublicationDeps {
  store: AppStore
  clocks: SellerClocks
  faults: FaultsService
  /** How long a task stays NEW. */
  taskDelayMs: number
  /** The offer rules, as of `at`: what keeps an offer from being published. */
  validate: (instance: InstanceTables, tables: SellerTables, offer: StoredOffer, at: Date) => Violation[]
}

export interface GeneralReport {
  id: string
  createdAt: string
  completedAt: string | null
  taskCount: { total: number, success: number, failed: number }
}

type DueEvent = { at: number, kind: 'task', command: StoredCommand, task: StoredTask } | { at: number, kind: 'expiry', offer: StoredOffer }

/** The earliest thing due by `now` in a seller's partition: a task to settle or an active ad whose time is up. */
function nextDue (tables: SellerTables, now: number): DueEvent | null {
  let next: DueEvent | null = null
  const command = tables.publicationCommands.dueBy(now)[0]
  if (command) {
    for (const task of command.tasks) {
      const at = Date.parse(task.meta.settlesAt)
      if (task.status === 'NEW' && (!next || at < next.at)) next = { at, kind: 'task', command, task }
    }
  }
  const offer = tables.offers.dueBy(now)[0]
  const ends = Date.parse(offer?.publication.endingAt ?? '')
  if (offer && (!next || ends < next.at)) next = { at: ends, kind: 'expiry', offer }
  return next
}

/**
 * Publication commands. Nothing runs in the background: whenever a request needs the present, everything due by
 * the seller's clock is settled first, in time order, from the partition's due index, so a manual clock and a
 * restart see the same history.
 */
export function createPublicationService ({ store, clocks, faults, taskDelayMs, validate }: PublicationDeps) {
  function settleTask (instance: InstanceTables, tables: SellerTables, command: StoredCommand, task: StoredTask): void {
    const at = task.meta.settlesAt
    const own = tables.offers.get(task.offer.id)
    const revert = () => {
      if (own && own.publication.status === 'ACTIVATING' && task.meta.previousStatus) {
        tables.offers.put({ ...own, publication: { ...own.publication, status: task.meta.previousStatus } })
      }
    }
    let outcome: Parameters<typeof finishTask>[1]
    if (task.meta.forcedFailure !== null) {
      outcome = { ok: false, message: task.meta.forcedFailure, violations: [] }
    } else if (command.meta.action === 'END') {
      outcome = !own
        ? { ok: false, message: 'The offer does not exist.', violations: [] }
        : own.publication.status === 'ACTIVE' ? { ok: true } : { ok: false, message: 'The offer is not active.', violations: [] }
      if (outcome.ok) tables.offers.put(endOffer(own!, at, 'USER'))
    } else if (task.meta.previousStatus === 'ACTIVE') {
      outcome = { ok: true }
    } else {
      const problem = activationProblem(own, command.meta.sellerId, own ? validate(instance, tables, own, new Date(at)) : [])
      outcome = problem ? { ok: false, ...problem } : { ok: true }
      if (!problem) tables.offers.put(activateOffer(own!, at))
    }
    if (!outcome.ok) revert()
    tables.publicationCommands.put({ ...command, tasks: command.tasks.map(t => t === task ? finishTask(task, outcome) : t) })
  }

  /** Applies everything due by `now` to the seller's partition, earliest first. */
  function settle (tx: AppTransaction, sellerId: string, now: Date): void {
    const tables = tx.seller(sellerId)
    for (let event = nextDue(tables, now.getTime()); event; event = nextDue(tables, now.getTime())) {
      if (event.kind === 'task') settleTask(tx.instance, tables, event.command, event.task)
      else tables.offers.put(endOffer(event.offer, event.offer.publication.endingAt!, 'EXPIRATION'))
    }
  }

  /** Persists whatever came due for the seller since its last request. A no-op (and no write) when nothing did. */
  async function settleDue (sellerId: string): Promise<void> {
    const now = clocks.now(sellerId)
    if (nextDue(store.seller(sellerId), now.getTime()) !== null) await store.update(tx => settle(tx, sellerId, now))
  }

  function ownCommand (sellerId: string, commandId: string): StoredCommand {
    const command = store.seller(sellerId).publicationCommands.get(commandId)
    if (!command) throw apiErrors.notFound('Command not found')
    return command
  }

  function report (command: StoredCommand): GeneralReport {
    const finished = command.tasks.filter(t => t.status !== 'NEW')
    const done = finished.length === command.tasks.length
    return {
      id: command.id,
      createdAt: command.createdAt,
      completedAt: done ? finished.map(t => t.finishedAt!).sort().at(-1) ?? command.createdAt : null,
      taskCount: {
        total: command.tasks.length,
        success: finished.filter(t => t.status === 'SUCCESS').length,
        failed: finished.filter(t => t.status === 'FAIL').length,
      },
    }
  }

  function taskToWire (task: StoredTask, language: Language) {
    const { meta, finishedAt, ...wire } = task
    return {
      ...wire,
      ...(finishedAt ? { finishedAt } : {}),
      ...(meta.violations.length > 0
        ? { errors: meta.violations.map(v => ({ code: v.code, message: v.message, details: null, path: v.path, userMessage: v.userMessage[language], metadata: {} })) }
        : {}),
    }
  }

  return {
    settleDue,

    /** PUT /sale/offer-publication-commands/{id}: registers the command; its tasks settle later. Always 201 with zero counts. */
    async submit (sellerId: string, commandId: string, input: PublicationCommandInput): Promise<GeneralReport> {
      if (!isCommandId(commandId)) throw apiErrors.badRequest('commandId must be a UUID', 'commandId')
      if (!input.publication?.action || !input.offerCriteria) {
        throw apiErrors.validation('publication.action and offerCriteria are required', input.publication?.action ? 'offerCriteria' : 'publication.action')
      }
      const violations = checkCommand(input, clocks.now(sellerId))
      if (violations.length > 0) throw apiErrors.invalid(violations)
      return store.update(tx => {
        const now = clocks.now(sellerId)
        settle(tx, sellerId, now)
        const tables = tx.seller(sellerId)
        if (store.ownerOf('publicationCommands', commandId) !== undefined) throw apiErrors.conflict('Command id was already used')
        const offerIds = offerIdsOf(input)
        const busy = offersInProgress(tables.publicationCommands.dueBy(Infinity), sellerId, offerIds)
        if (busy.length > 0) throw apiErrors.invalid([inProgress(busy)])
        const scheduledFor = input.publication.scheduledFor ? new Date(input.publication.scheduledFor).toISOString() : null
        const start = Date.parse(scheduledFor ?? now.toISOString())
        // Tasks settle a little apart, as Allegro's workers finish them one by one.
        const spread = Math.min(250, Math.floor(taskDelayMs / 10))
        const command: StoredCommand = {
          id: commandId,
          createdAt: now.toISOString(),
          meta: { sellerId, action: input.publication.action, scheduledFor },
          tasks: offerIds.map((offerId, i) => {
            const offer = tables.offers.get(offerId)
            const previousStatus = offer?.publication.status ?? null
            if (offer && input.publication.action === 'ACTIVATE' && (previousStatus === 'INACTIVE' || previousStatus === 'ENDED')) {
              tables.offers.put({ ...offer, publication: { ...offer.publication, status: 'ACTIVATING' } })
            }
            return {
              offer: { id: offerId },
              status: 'NEW',
              message: '',
              field: 'publication',
              scheduledAt: new Date(start).toISOString(),
              finishedAt: null,
              meta: {
                settlesAt: new Date(start + taskDelayMs + i * spread).toISOString(),
                previousStatus,
                forcedFailure: faults.takeTaskFailure(tx, sellerId, offerId),
                violations: [],
              },
            } satisfies StoredTask
          }),
        }
        tables.publicationCommands.put(command)
        return { ...report(command), completedAt: null, taskCount: { total: 0, success: 0, failed: 0 } }
      })
    },

    /** The seller's commands with their reports, newest first (for the dashboard; Allegro has no such listing). */
    async list (sellerId: string): Promise<Array<GeneralReport & { action: string, scheduledFor: string | null }>> {
      await settleDue(sellerId)
      return store.seller(sellerId).publicationCommands.all()
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map(c => ({ ...report(c), action: c.meta.action, scheduledFor: c.meta.scheduledFor }))
    },

    async report (sellerId: string, commandId: string): Promise<GeneralReport> {
      await settleDue(sellerId)
      return report(ownCommand(sellerId, commandId))
    },

    async tasks (sellerId: string, commandId: string, page: { limit: number, offset: number }, language: Language) {
      await settleDue(sellerId)
      const command = ownCommand(sellerId, commandId)
      return { tasks: command.tasks.slice(page.offset, page.offset + page.limit).map(t => taskToWire(t, language)) }
    },
  }
}

export type PublicationService = ReturnType<typeof createPublicationService>
