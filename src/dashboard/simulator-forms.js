// Pieces the disputes and issues views share: the buyer's or advisor's message form, and an attachment's download link.
import { fileForSimulator } from './api.js'
import { h, label, run } from './dom.js'
import { t } from './i18n.js'
import { ATTACHMENT_TYPES } from './issue-codes.js'

/** A form that writes as the buyer or Allegro's advisor: `send({ role, text, file })` does the call. */
export function writeAsForm (id, send) {
  return h('form', {
    id,
    onsubmit: async (event) => {
      event.preventDefault()
      const form = event.target
      const data = new FormData(form)
      const file = data.get('file')
      const { ok } = await run(async () => send({
        role: data.get('role'),
        text: data.get('text') || undefined,
        file: file && file.size > 0 ? await fileForSimulator(file) : undefined,
      }), t('sent'))
      if (ok) form.reset()
    },
  },
  h('label', {}, label('actAs'), h('select', { name: 'role' }, h('option', { value: 'BUYER', 'data-t': 'buyer' }, t('buyer')), h('option', { value: 'ADMIN', 'data-t': 'advisor' }, t('advisor')))),
  h('label', {}, label('text'), h('textarea', { name: 'text' })),
  h('label', {}, label('file'), h('input', { type: 'file', name: 'file', accept: ATTACHMENT_TYPES })),
  h('button', { type: 'submit' }, label('send')))
}

/** A link that downloads an attachment through `download(id)` (the id is the last segment of its URL). */
export function attachmentLink (url, fileName, download) {
  return h('a', {
    href: '#',
    onclick: async (event) => {
      event.preventDefault()
      const blob = await download(url.split('/').pop())
      h('a', { href: URL.createObjectURL(blob), download: fileName }).click()
    },
  }, `${fileName} (`, label('download'), ')')
}
