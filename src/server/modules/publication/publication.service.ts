import type { Clock } from '../../core/clock.js'
import type { Store } from '../../core/store.js'
import type { Language, Violation } from '../../core/violation.js'
import { apiErrors } from '../../errors.js'
import type { State } from '../../state.js'
import { takeTaskFailure } from '../faults/fault.rules.js'
import type { StoredOffer } from '../offers/offers.types.js'
import {
  activateOffer, activationProblem, checkCommand, endOffer, finishTask, inProgress, isCommandId, offerIdsOf, offersInProgress,
} from './publication.rules.js'
import type { PublicationCommandInput, StoredCommand, StoredTask } from './publication.types.js'

export interface PublicationDeps {
  store: Store<State>
  clock: Clock
  /** How long a task stays NEW. */
  taskDelayMs: number
  /** The offer rules, as of `at`: what keeps an offer from being published. */
  validate: (state: State, offer: StoredOffer, at: Date) => Violation[]
}

export interface GeneralReport {
  id: string
  createdAt: string
  completedAt: string | null
  taskCount: { total: number, success: number, failed: number }
}

type DueEvent = { at: number, kind: 'task', command: StoredCommand, task: StoredTask } | { at: number, kind: 'expiry', offer: StoredOffer }

/** The earliest thing due by `now`: a task to settle or an active ad whose time is up. */
function nextDue (state: State, now: number): DueEvent | null {
  let next: DueEvent | null = null
  for (const command of state.publicationCommands) {
    for (const task of command.tasks) {
      const at = Date.parse(task.meta.settlesAt)
      if (task.status === 'NEW' && at <= now && (!next || at < next.at)) next = { at, kind: 'task', command, task }
    }
  }
  for (const offer of state.offers) {
    const at = Date.parse(offer.publication.endingAt ?? '')
    if (offer.publication.status === 'ACTIVE' && at <= now && (!next || at < next.at)) next = { at, kind: 'expiry', offer }
  }
  return next
}

function replaceOffer (state: State, offer: StoredOffer): void {
  state.offers = state.offers.map(o => o.id === offer.id ? offer : o)
}

/**
 * Publication commands. Nothing runs in the background: whenever a request needs the present, everything due by
 * the clock's now is settled first, in time order, so a manual clock and a restart see the same history.
 */
export function createPublicationService ({ store, clock, taskDelayMs, validate }: PublicationDeps) {
  function settleTask (state: State, command: StoredCommand, task: StoredTask): void {
    const at = task.meta.settlesAt
    const offer = state.offers.find(o => o.id === task.offer.id)
    const own = offer && offer.meta.sellerId === command.meta.sellerId ? offer : undefined
    const revert = () => {
      if (own && own.publication.status === 'ACTIVATING' && task.meta.previousStatus) {
        replaceOffer(state, { ...own, publication: { ...own.publication, status: task.meta.previousStatus } })
      }
    }
    let outcome: Parameters<typeof finishTask>[1]
    if (task.meta.forcedFailure !== null) {
      outcome = { ok: false, message: task.meta.forcedFailure, violations: [] }
    } else if (command.meta.action === 'END') {
      outcome = !own
        ? { ok: false, message: 'The offer does not exist.', violations: [] }
        : own.publication.status === 'ACTIVE' ? { ok: true } : { ok: false, message: 'The offer is not active.', violations: [] }
      if (outcome.ok) replaceOffer(state, endOffer(own!, at, 'USER'))
    } else if (task.meta.previousStatus === 'ACTIVE') {
      outcome = { ok: true }
    } else {
      const problem = activationProblem(own, command.meta.sellerId, own ? validate(state, own, new Date(at)) : [])
      outcome = problem ? { ok: false, ...problem } : { ok: true }
      if (!problem) replaceOffer(state, activateOffer(own!, at))
    }
    if (!outcome.ok) revert()
    command.tasks = command.tasks.map(t => t === task ? finishTask(task, outcome) : t)
  }

  /** Applies everything due by `now` to `draft`, earliest first. */
  function settle (draft: State, now: Date): void {
    for (let event = nextDue(draft, now.getTime()); event; event = nextDue(draft, now.getTime())) {
      if (event.kind === 'task') settleTask(draft, event.command, event.task)
      else replaceOffer(draft, endOffer(event.offer, event.offer.publication.endingAt!, 'EXPIRATION'))
    }
  }

  /** Persists whatever came due since the last request. A no-op (and no write) when nothing did. */
  async function settleDue (): Promise<void> {
    const now = clock.now()
    if (store.read(s => nextDue(s, now.getTime()) !== null)) await store.update(draft => settle(draft, now))
  }

  function ownCommand (state: State, sellerId: string, commandId: string): StoredCommand {
    const command = state.publicationCommands.find(c => c.id === commandId && c.meta.sellerId === sellerId)
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
      const violations = checkCommand(input, clock.now())
      if (violations.length > 0) throw apiErrors.invalid(violations)
      return store.update(draft => {
        const now = clock.now()
        settle(draft, now)
        if (draft.publicationCommands.some(c => c.id === commandId)) throw apiErrors.conflict('Command id was already used')
        const offerIds = offerIdsOf(input)
        const busy = offersInProgress(draft.publicationCommands, sellerId, offerIds)
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
            const offer = draft.offers.find(o => o.id === offerId && o.meta.sellerId === sellerId)
            const previousStatus = offer?.publication.status ?? null
            if (offer && input.publication.action === 'ACTIVATE' && (previousStatus === 'INACTIVE' || previousStatus === 'ENDED')) {
              offer.publication = { ...offer.publication, status: 'ACTIVATING' }
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
                forcedFailure: takeTaskFailure(draft.faults, offerId),
                violations: [],
              },
            } satisfies StoredTask
          }),
        }
        draft.publicationCommands.push(command)
        return { ...report(command), completedAt: null, taskCount: { total: 0, success: 0, failed: 0 } }
      })
    },

    /** The seller's commands with their reports, newest first (for the dashboard; Allegro has no such listing). */
    async list (sellerId: string): Promise<Array<GeneralReport & { action: string, scheduledFor: string | null }>> {
      await settleDue()
      return store.read(s => s.publicationCommands.filter(c => c.meta.sellerId === sellerId))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map(c => ({ ...report(c), action: c.meta.action, scheduledFor: c.meta.scheduledFor }))
    },

    async report (sellerId: string, commandId: string): Promise<GeneralReport> {
      await settleDue()
      return report(store.read(s => ownCommand(s, sellerId, commandId)))
    },

    async tasks (sellerId: string, commandId: string, page: { limit: number, offset: number }, language: Language) {
      await settleDue()
      const command = store.read(s => ownCommand(s, sellerId, commandId))
      return { tasks: command.tasks.slice(page.offset, page.offset + page.limit).map(t => taskToWire(t, language)) }
    },
  }
}

export type PublicationService = ReturnType<typeof createPublicationService>
