// Publication commands of the seller, newest first, with their tasks as they settle: a command whose tasks failed
// shows as failed, and each task shows its message and errors.
import { allegroApi, mock } from './api.js'
import { $, badge, fill, h, label, renderIf, when } from './dom.js'
import { language, t } from './i18n.js'
import { errorText } from './validation.js'

const SHOWN = 20
// Tasks change only when their command's report does: fetched again only then.
const tasks = new Map()

/** NEW until every task is final; then SUCCESS, FAIL (no task succeeded) or PARTIAL. */
export function commandStatus (command) {
  if (!command.completedAt) return 'NEW'
  const { success, failed } = command.taskCount
  if (failed === 0) return 'SUCCESS'
  return success === 0 ? 'FAIL' : 'PARTIAL'
}

export function reset () {
  tasks.clear()
}

export function init () {}

async function tasksOf (command) {
  const key = JSON.stringify([command, language()])
  const cached = tasks.get(command.id)
  if (cached?.key === key) return cached.tasks
  const fresh = (await allegroApi.tasks(command.id)).tasks
  tasks.set(command.id, { key, tasks: fresh })
  return fresh
}

function taskRow (task) {
  return h('tr', { 'data-offer': task.offer.id },
    h('td', {}, task.offer.id),
    h('td', { class: 'task-status' }, badge(task.status)),
    h('td', { class: 'task-message' }, task.message || '',
      task.errors?.length ? h('ul', { class: 'task-errors error' }, task.errors.map(e => h('li', {}, e.path ? h('code', {}, e.path) : null, e.path ? ': ' : '', errorText(e)))) : null),
    h('td', { class: 'meta' }, task.finishedAt ? when(task.finishedAt) : `${t('scheduled')} ${when(task.scheduledAt)}`))
}

export async function refresh () {
  const { commands } = await mock.commands()
  const shown = commands.slice(0, SHOWN)
  const withTasks = await Promise.all(shown.map(async command => ({ command, tasks: await tasksOf(command) })))
  const list = $('#command-list')
  await renderIf(list, withTasks, () => fill(list, withTasks.length === 0
    ? h('p', {}, label('noCommands'))
    : withTasks.map(({ command, tasks }) => {
      const status = commandStatus(command)
      return h('article', { class: 'message command', 'data-command': command.id, 'data-status': status },
        h('div', {}, h('b', {}, command.action), ' ', command.id, ' ', h('span', { class: 'command-status' }, badge(status))),
        h('div', { class: 'meta' }, `${when(command.createdAt)}${command.scheduledFor ? ` · ${t('scheduled')} ${when(command.scheduledFor)}` : ''} · ${t('total')} ${command.taskCount.total} · ✓ ${command.taskCount.success} · ✗ ${command.taskCount.failed}`),
        h('table', {}, h('tbody', {}, tasks.map(taskRow))))
    })))
}
