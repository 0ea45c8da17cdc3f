// The draft form: a new draft (POST /sale/offers) or an existing one completed (PUT /sale/offers/{id}) from a name,
// a category and its parameters, description sections, images, price, location, invoice and contact. The
// validation errors of each answer are shown next to the fields they name.
import { allegroApi } from './api.js'
import { categoryPicker } from './categories.js'
import { fill, h, label, run } from './dom.js'
import { t } from './i18n.js'
import { parameterFields, readParameters } from './parameters.js'
import { errorBox, errorText, placeErrors } from './validation.js'

/** Provinces a Polish location takes, and the invoice kinds (classified-ads guide). */
const PROVINCES = [
  'DOLNOSLASKIE', 'KUJAWSKO_POMORSKIE', 'LUBELSKIE', 'LUBUSKIE', 'LODZKIE', 'MALOPOLSKIE', 'MAZOWIECKIE', 'OPOLSKIE',
  'PODKARPACKIE', 'PODLASKIE', 'POMORSKIE', 'SLASKIE', 'SWIETOKRZYSKIE', 'WARMINSKO_MAZURSKIE', 'WIELKOPOLSKIE', 'ZACHODNIOPOMORSKIE',
]
const INVOICES = ['VAT', 'VAT_MARGIN', 'WITHOUT_VAT', 'NO_INVOICE']
const IMAGE_TYPES = 'image/jpeg,image/png,image/gif,image/webp,image/bmp,image/tiff'

// What the form edits. A PUT replaces the whole offer, so it sends every other field back as the offer had it.
const EDITED = ['name', 'category', 'parameters', 'description', 'images', 'sellingMode', 'location', 'payments', 'contact', 'external']
const SERVER_OWNED = ['validation', 'createdAt', 'updatedAt']

const option = (value, text, selected) => h('option', { value, selected: selected === value }, text ?? value)
const field = (path, key, control) => h('div', { class: 'field', 'data-errors-for': path }, h('label', {}, label(key), control), errorBox())
const group = (path, key, ...content) => h('fieldset', { 'data-errors-for': path }, h('legend', {}, label(key)), errorBox(), ...content)
const blankItem = (item) => item.type === 'TEXT' ? !(item.content ?? '').trim() : !item.url

/**
 * Builds the form for offer `offerId` (null: a new draft). `onSaved(offer)` runs after each accepted POST or PUT,
 * `onClose(offerId | null)` when the user leaves the form.
 */
export async function draftForm (offerId, { onSaved, onClose }) {
  let offer = offerId ? await allegroApi.offer(offerId) : null
  const { contacts } = await allegroApi.contacts()
  const images = (offer?.images ?? []).map(i => i.url).filter(Boolean)
  let definitions = []
  // The parameters as last sent (or stored): errors name them by index.
  let sentParameters = offer?.parameters ?? []

  const heading = h('h2', { id: 'draft-heading' })
  const status = h('div', { id: 'draft-status', 'aria-live': 'polite' })
  const submit = h('button', { type: 'submit', id: 'draft-submit' })
  const showHeading = () => {
    fill(heading, offer ? [label('draftTitle'), ` ${offer.id}`] : label('newDraft'))
    fill(submit, label(offer ? 'saveDraft' : 'createDraft'))
  }

  // Category and parameters
  const parametersBox = h('div', { id: 'draft-parameters' }, h('p', { class: 'meta' }, label('chooseLeaf')))
  async function showParameters (leaf) {
    const entered = readParameters(parametersBox, definitions)
    definitions = leaf ? (await allegroApi.parameters(leaf.id)).parameters : []
    const known = new Map([...(offer?.parameters ?? []), ...entered].map(p => [p.id, p]))
    fill(parametersBox, leaf ? parameterFields(definitions, [...known.values()]) : h('p', { class: 'meta' }, label('chooseLeaf')))
  }
  const picker = categoryPicker(offer?.category?.id ?? null, (leaf) => { showParameters(leaf).catch(() => {}) })

  // Images: uploaded as bytes or by URL; each becomes a location on the mock
  const imageList = h('ul', { class: 'images', id: 'draft-images' })
  const imageErrors = h('div', { class: 'error', id: 'draft-image-errors', role: 'alert' })
  function thumbnail (url) {
    let sameOrigin = false
    try { sameOrigin = new URL(url, location.href).origin === location.origin } catch {}
    if (!sameOrigin) return null
    const img = h('img', { alt: '', class: 'thumb' })
    allegroApi.image(url).then(blob => { img.src = URL.createObjectURL(blob) }, () => img.remove())
    return img
  }
  function showImages () {
    fill(imageList, images.length
      ? images.map((url, i) => h('li', { 'data-errors-for': `images[${i}]` }, thumbnail(url), h('code', {}, url), ' ',
        h('button', { type: 'button', class: 'secondary', onclick: () => { images.splice(i, 1); showImages() } }, label('remove')), errorBox()))
      : h('li', { class: 'meta' }, label('noImages')))
    for (const select of sectionsBox.querySelectorAll('select.item-image')) imageChoices(select, select.value)
  }
  async function addImage (upload) {
    imageErrors.replaceChildren()
    const outcome = await run(upload, t('uploaded'))
    if (outcome.ok) {
      images.push(outcome.value.location)
      showImages()
    } else {
      imageErrors.textContent = outcome.error.errors?.length ? outcome.error.errors.map(errorText).join('; ') : outcome.error.message
    }
    return outcome.ok
  }
  const fileInput = h('input', {
    type: 'file', id: 'draft-image-file', accept: IMAGE_TYPES, multiple: true,
    onchange: async () => {
      for (const file of [...fileInput.files]) await addImage(() => allegroApi.uploadImage(file))
      fileInput.value = ''
    },
  })
  const urlInput = h('input', { type: 'url', id: 'draft-image-url', placeholder: 'https://…' })
  const byUrl = h('button', {
    type: 'button', class: 'secondary', id: 'draft-image-add-url',
    onclick: async () => { if (urlInput.value && await addImage(() => allegroApi.uploadImageByUrl(urlInput.value))) urlInput.value = '' },
  }, label('addByUrl'))

  // Description: sections of one or two TEXT or IMAGE items
  const sectionsBox = h('div', { id: 'draft-sections' })
  function imageChoices (select, chosen) {
    const urls = chosen && !images.includes(chosen) ? [chosen, ...images] : images
    select.replaceChildren(h('option', { value: '' }, '—'), ...urls.map(url => option(url, url.split('/').pop(), chosen)))
    select.value = chosen ?? ''
  }
  function itemElement (item) {
    const wrapper = h('div', { class: 'item' })
    const type = h('select', { class: 'item-type', 'data-t-label': 'item', 'aria-label': t('item') },
      h('option', { value: 'TEXT', 'data-t': 'textItem', selected: item.type === 'TEXT' }, t('textItem')),
      h('option', { value: 'IMAGE', 'data-t': 'imageItem', selected: item.type === 'IMAGE' }, t('imageItem')))
    const control = (kind, value) => {
      if (kind === 'TEXT') return h('textarea', { class: 'item-text', rows: '3', placeholder: '<p>…</p>', 'data-t-label': 'textItem', 'aria-label': t('textItem') }, value ?? '')
      const select = h('select', { class: 'item-image', 'data-t-label': 'imageItem', 'aria-label': t('imageItem') })
      imageChoices(select, value)
      return select
    }
    type.addEventListener('change', () => {
      wrapper.querySelector('.item-text, .item-image').replaceWith(control(type.value, null))
    })
    wrapper.append(type, control(item.type, item.type === 'TEXT' ? item.content : item.url), errorBox())
    return wrapper
  }
  function sectionElement (section) {
    const items = h('div', { class: 'items' }, (section.items ?? []).map(itemElement))
    const element = h('div', { class: 'section' },
      h('div', { class: 'section-head' }, label('section'), h('span', { class: 'section-number' }), ' ',
        h('button', {
          type: 'button', class: 'secondary add-item',
          onclick: () => { if (items.children.length < 2) items.append(itemElement({ type: 'TEXT', content: '' })); renumber() },
        }, label('addItem')), ' ',
        h('button', { type: 'button', class: 'secondary', onclick: () => { element.remove(); renumber() } }, label('remove'))),
      errorBox(), items)
    return element
  }
  /** Section and item numbers, and the error paths they answer to, follow their order on screen. */
  function renumber () {
    [...sectionsBox.children].forEach((section, i) => {
      section.dataset.errorsFor = `description.sections[${i}]`
      section.querySelector('.section-number').textContent = ` ${i + 1}`
      const items = section.querySelector('.items')
      section.querySelector('.add-item').disabled = items.children.length >= 2
      ;[...items.children].forEach((item, j) => { item.dataset.errorsFor = `description.sections[${i}].items[${j}]` })
    })
  }
  const addSection = (type) => h('button', {
    type: 'button', class: 'secondary', onclick: () => { sectionsBox.append(sectionElement({ items: [{ type, content: '' }] })); renumber() },
  }, label(type === 'TEXT' ? 'addTextSection' : 'addImageSection'))
  function readDescription () {
    const sections = [...sectionsBox.children].map(section => ({
      items: [...section.querySelectorAll('.item')].map(item => {
        const type = item.querySelector('.item-type').value
        return type === 'TEXT'
          ? { type, content: item.querySelector('.item-text').value }
          : { type, url: item.querySelector('.item-image').value }
      }),
    }))
    return sections.every(s => s.items.every(blankItem)) ? null : { sections }
  }

  // The form
  const value = (name) => (form.elements.namedItem(name)?.value ?? '').trim()
  const where = offer?.location ?? {}
  const price = offer?.sellingMode?.price
  const form = h('form', { id: 'draft-form', novalidate: true, onsubmit: (event) => { event.preventDefault(); save() } },
    heading,
    h('div', { 'data-errors-for': '' }, errorBox()),
    field('name', 'name', h('input', { name: 'name', value: offer?.name ?? '', size: '50' })),
    group('category', 'category', picker.element),
    group('parameters', 'parameters', parametersBox),
    group('images', 'images', imageList,
      h('div', { class: 'inline' },
        h('label', {}, label('uploadFile'), fileInput),
        h('label', {}, label('imageUrl'), urlInput), byUrl),
      imageErrors),
    group('description', 'description', sectionsBox, h('p', {}, addSection('TEXT'), ' ', addSection('IMAGE'))),
    group('sellingMode', 'price', h('div', { class: 'inline' },
      field('sellingMode.format', 'format', h('select', { name: 'format' }, option('ADVERTISEMENT', null, offer?.sellingMode?.format ?? 'ADVERTISEMENT'))),
      field('sellingMode.price.amount', 'amount', h('input', { name: 'amount', inputmode: 'decimal', value: price?.amount ?? '', size: '10' })),
      field('sellingMode.price.currency', 'currency', h('input', { name: 'currency', value: price?.currency ?? 'PLN', size: '4', maxlength: '3' })))),
    group('location', 'location', h('div', { class: 'inline' },
      field('location.countryCode', 'countryCode', h('input', { name: 'countryCode', value: where.countryCode ?? 'PL', size: '3', maxlength: '2' })),
      field('location.province', 'province', h('select', { name: 'province' }, option('', '—', where.province ?? ''), PROVINCES.map(p => option(p, null, where.province)))),
      field('location.city', 'city', h('input', { name: 'city', value: where.city ?? '' })),
      field('location.postCode', 'postCode', h('input', { name: 'postCode', value: where.postCode ?? '', size: '7', placeholder: '00-000' })))),
    h('div', { class: 'inline' },
      field('payments', 'invoice', h('select', { name: 'invoice' }, option('', '—', offer?.payments?.invoice ?? ''), INVOICES.map(i => option(i, null, offer?.payments?.invoice)))),
      field('contact', 'contact', h('select', { name: 'contact' },
        h('option', { value: '', 'data-t': 'noContact' }, t('noContact')),
        contacts.map(c => option(c.id, `${c.name}${c.phones?.[0] ? ` · ${c.phones[0].number}` : ''}`, offer?.contact?.id)))),
      field('external', 'externalId', h('input', { name: 'external', value: offer?.external?.id ?? '' }))),
    status,
    h('p', {}, submit, ' ', h('button', { type: 'button', class: 'secondary', id: 'draft-close', onclick: () => onClose(offer?.id ?? null) }, label(offerId ? 'backToOffer' : 'cancel'))))

  function read () {
    const fields = { name: form.elements.namedItem('name').value }
    const categoryId = picker.value()
    if (categoryId) fields.category = { id: categoryId }
    fields.parameters = readParameters(parametersBox, definitions)
    const description = readDescription()
    if (description) fields.description = description
    fields.images = images.map(url => ({ url }))
    const amount = value('amount')
    fields.sellingMode = { format: value('format'), ...(amount ? { price: { amount, currency: value('currency') } } : {}) }
    const place = { countryCode: value('countryCode'), province: value('province'), city: value('city'), postCode: value('postCode') }
    if (place.province || place.city || place.postCode) fields.location = place
    if (value('invoice')) fields.payments = { invoice: value('invoice') }
    if (value('contact')) fields.contact = { id: value('contact') }
    if (value('external')) fields.external = { id: value('external') }
    return fields
  }

  function showErrors (errors, saved) {
    renumber()
    placeErrors(form, errors, (path) => path.replace(/^parameters\[(\d+)\]/, (whole, i) => sentParameters[i] ? `parameter:${sentParameters[i].id}` : whole))
    if (!saved) return fill(status)
    fill(status, errors.length === 0
      ? h('p', { class: 'ok', id: 'draft-no-errors' }, label('noErrors'))
      : h('p', { class: 'error', id: 'draft-errors-left' }, label('errorsLeft'), `: ${errors.length}`))
  }

  async function save () {
    const fields = read()
    sentParameters = fields.parameters
    const body = offer ? { ...offer } : {}
    for (const key of [...EDITED, ...SERVER_OWNED]) delete body[key]
    Object.assign(body, fields)
    const outcome = await run(() => offer ? allegroApi.updateOffer(offer.id, body) : allegroApi.createOffer(body), t(offer ? 'saved' : 'created'))
    if (outcome.ok) {
      const created = !offer
      offer = outcome.value
      showHeading()
      if (created) fill(form.querySelector('#draft-close'), label('backToOffer'))
      showErrors(offer.validation?.errors ?? [], true)
      onSaved(offer)
    } else {
      showErrors(outcome.error.errors ?? [], false)
    }
  }

  showHeading()
  for (const section of offer?.description?.sections ?? [{ items: [{ type: 'TEXT', content: '' }] }]) sectionsBox.append(sectionElement(section))
  renumber()
  showImages()
  const leaf = await picker.ready
  if (leaf) await showParameters(leaf)
  if (offer) showErrors(offer.validation?.errors ?? [], true)
  return form
}
