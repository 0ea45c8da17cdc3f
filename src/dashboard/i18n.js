// The dashboard's labels in Polish and English. Static labels carry data-t="key" and are relabelled in place, so a
// language switch never rebuilds (and empties) a form being filled in.

const TEXT = {
  pl: {
    seller: 'Sprzedawca', clock: 'Zegar', disputes: 'Dyskusje', offers: 'Ogłoszenia', publication: 'Publikacja', stats: 'Statystyki',
    contacts: 'Kontakty', mock: 'Scenariusz i awarie', docs: 'API (Swagger)', device: 'Powiąż urządzenie',
    openDispute: 'Otwórz dyskusję jako kupujący', order: 'Zamówienie', subject: 'Powód', text: 'Treść', openAsBuyer: 'Otwórz',
    messages: 'Wiadomości', replyAsSeller: 'Odpowiedz jako sprzedawca', actAs: 'Napisz jako', buyer: 'Kupujący',
    advisor: 'Doradca Allegro', send: 'Wyślij', file: 'Załącznik', close: 'Zamknij', escalate: 'Oznacz jako nierozwiązaną',
    reopen: 'Otwórz ponownie', commands: 'Polecenia publikacji', offer: 'Ogłoszenie', event: 'Zdarzenie', record: 'Zapisz zdarzenie',
    scenario: 'Scenariusz', reset: 'Przywróć', export: 'Pobierz migawkę', import: 'Wczytaj migawkę', faults: 'Awarie',
    nextTasks: 'Najbliższe zadania', message: 'Komunikat', route: 'Operacja', statusCode: 'Status', times: 'Razy',
    rateLimit: 'Limit zapytań', perMinute: 'na minutę', add: 'Dodaj', save: 'Zapisz', clear: 'Usuń wszystkie awarie',
    validation: 'Błędy walidacji', noErrors: 'Brak błędów — gotowe do publikacji', packages: 'Pakiety',
    noPackages: 'Brak przypisanego pakietu', assign: 'Przypisz', activate: 'Opublikuj (ACTIVATE)', end: 'Zakończ (END)',
    schedule: 'Zaplanuj publikację', scheduledFor: 'Termin publikacji', scheduled: 'zaplanowano na',
    edit: 'Edytuj JSON ogłoszenia', editForm: 'Uzupełnij w formularzu', field: 'Pole', value: 'Wartość', problems: 'Problemy',
    tasks: 'Zadania', total: 'Łącznie', none: 'Brak', saved: 'Zapisano', sent: 'Wysłano', day: 'Dzień', count: 'Liczba',
    attachment: 'Załącznik', download: 'pobierz', status: 'Status', addSeller: 'Dodaj sprzedawcę', login: 'Login',
    company: 'Konto firmowe', snapshots: 'Migawki',
    newDraft: 'Nowy szkic ogłoszenia', draftTitle: 'Szkic ogłoszenia', createDraft: 'Utwórz szkic', saveDraft: 'Zapisz ogłoszenie',
    backToOffer: 'Pokaż ogłoszenie', cancel: 'Anuluj', name: 'Tytuł', category: 'Kategoria', chooseCategory: 'wybierz…',
    categoryLevel: 'Kategoria, poziom', parameters: 'Parametry', chooseLeaf: 'Wybierz kategorię najniższego poziomu, by zobaczyć jej parametry.',
    noParameters: 'Ta kategoria nie ma parametrów.', from: 'od', to: 'do', characters: 'znaków', description: 'Opis',
    section: 'Sekcja', addTextSection: 'Dodaj sekcję z tekstem', addImageSection: 'Dodaj sekcję ze zdjęciem', addItem: 'Dodaj element',
    remove: 'Usuń', images: 'Zdjęcia', uploadFile: 'Prześlij plik', imageUrl: 'Adres zdjęcia', addByUrl: 'Dodaj z adresu',
    noImages: 'Brak zdjęć.', uploaded: 'Przesłano zdjęcie', location: 'Lokalizacja', countryCode: 'Kraj', province: 'Województwo',
    city: 'Miejscowość', postCode: 'Kod pocztowy', price: 'Cena', amount: 'Kwota', currency: 'Waluta', format: 'Format',
    payments: 'Płatności', invoice: 'Faktura', contact: 'Kontakt', noContact: '— brak —', externalId: 'Identyfikator zewnętrzny',
    created: 'Utworzono szkic', errorsLeft: 'Do poprawienia', newContact: 'Nowy kontakt', email: 'E-mail', phone: 'Telefon',
    editContact: 'Edytuj kontakt', item: 'Element', imageItem: 'Zdjęcie', textItem: 'Tekst', noCommands: 'Brak poleceń',
    issues: 'Dyskusje i reklamacje', openClaim: 'Otwórz reklamację jako kupujący', expectation: 'Oczekiwanie kupującego',
    expectations: 'Oczekiwania', refundAmount: 'Kwota zwrotu', right: 'Podstawa', decisionDue: 'Termin decyzji',
    returnRequired: 'Zwrot produktu', chat: 'Czat', chatOpen: 'otwarty', chatClosed: 'zamknięty', yes: 'tak', no: 'nie',
    system: 'Allegro (system)', messageType: 'Typ wiadomości', decideClaim: 'Rozpatrz reklamację', decision: 'Decyzja',
    decisionMessage: 'Uzasadnienie dla kupującego', decideAsAllegro: 'Rozstrzygnij jako Allegro', closeChat: 'Zamknij czat',
    openChat: 'Otwórz czat', otherSide: 'Kupujący i Allegro',
  },
  en: {
    seller: 'Seller', clock: 'Clock', disputes: 'Disputes', offers: 'Offers', publication: 'Publication', stats: 'Statistics',
    contacts: 'Contacts', mock: 'Scenario and faults', docs: 'API (Swagger)', device: 'Link a device',
    openDispute: 'Open a dispute as the buyer', order: 'Order', subject: 'Reason', text: 'Text', openAsBuyer: 'Open',
    messages: 'Messages', replyAsSeller: 'Reply as the seller', actAs: 'Write as', buyer: 'Buyer',
    advisor: 'Allegro advisor', send: 'Send', file: 'Attachment', close: 'Close', escalate: 'Mark unresolved',
    reopen: 'Reopen', commands: 'Publication commands', offer: 'Offer', event: 'Event', record: 'Record event',
    scenario: 'Scenario', reset: 'Reset', export: 'Download snapshot', import: 'Load snapshot', faults: 'Faults',
    nextTasks: 'Next tasks', message: 'Message', route: 'Operation', statusCode: 'Status', times: 'Times',
    rateLimit: 'Rate limit', perMinute: 'per minute', add: 'Add', save: 'Save', clear: 'Clear all faults',
    validation: 'Validation errors', noErrors: 'No errors — ready to publish', packages: 'Packages',
    noPackages: 'No package assigned', assign: 'Assign', activate: 'Publish (ACTIVATE)', end: 'End (END)',
    schedule: 'Schedule publication', scheduledFor: 'Publish at', scheduled: 'scheduled for',
    edit: 'Edit the offer JSON', editForm: 'Complete in the form', field: 'Field', value: 'Value', problems: 'Problems',
    tasks: 'Tasks', total: 'Total', none: 'None', saved: 'Saved', sent: 'Sent', day: 'Day', count: 'Count',
    attachment: 'Attachment', download: 'download', status: 'Status', addSeller: 'Add a seller', login: 'Login',
    company: 'Company account', snapshots: 'Snapshots',
    newDraft: 'New offer draft', draftTitle: 'Offer draft', createDraft: 'Create draft', saveDraft: 'Save offer',
    backToOffer: 'Show the offer', cancel: 'Cancel', name: 'Title', category: 'Category', chooseCategory: 'choose…',
    categoryLevel: 'Category, level', parameters: 'Parameters', chooseLeaf: 'Choose a lowest-level category to see its parameters.',
    noParameters: 'This category has no parameters.', from: 'from', to: 'to', characters: 'characters', description: 'Description',
    section: 'Section', addTextSection: 'Add a text section', addImageSection: 'Add an image section', addItem: 'Add an item',
    remove: 'Remove', images: 'Images', uploadFile: 'Upload a file', imageUrl: 'Image URL', addByUrl: 'Add from URL',
    noImages: 'No images.', uploaded: 'Image uploaded', location: 'Location', countryCode: 'Country', province: 'Province',
    city: 'City', postCode: 'Post code', price: 'Price', amount: 'Amount', currency: 'Currency', format: 'Format',
    payments: 'Payments', invoice: 'Invoice', contact: 'Contact', noContact: '— none —', externalId: 'External id',
    created: 'Draft created', errorsLeft: 'Still to fix', newContact: 'New contact', email: 'E-mail', phone: 'Phone',
    editContact: 'Edit contact', item: 'Item', imageItem: 'Image', textItem: 'Text', noCommands: 'No commands',
    issues: 'Issues', openClaim: 'Open a claim as the buyer', expectation: "The buyer's expectation",
    expectations: 'Expectations', refundAmount: 'Refund amount', right: 'Legal basis', decisionDue: 'Decision due',
    returnRequired: 'Product return', chat: 'Chat', chatOpen: 'open', chatClosed: 'closed', yes: 'yes', no: 'no',
    system: 'Allegro (system)', messageType: 'Message type', decideClaim: 'Decide the claim', decision: 'Decision',
    decisionMessage: 'Explanation for the buyer', decideAsAllegro: 'Decide as Allegro', closeChat: 'Close the chat',
    openChat: 'Open the chat', otherSide: 'The buyer and Allegro',
  },
}

let current = 'pl'

export const language = () => current
export const locale = () => current === 'pl' ? 'pl-PL' : 'en-GB'

/** The label for `key` in the current language. */
export const t = (key) => TEXT[current][key] ?? TEXT.en[key] ?? key

/** Sets the language and relabels every element with data-t (and data-t-label, for aria-label) in place. */
export function setLanguage (next) {
  current = next === 'en' ? 'en' : 'pl'
  translate()
}

export function translate (root = document) {
  if (root === document) document.documentElement.lang = current
  for (const element of root.querySelectorAll('[data-t]')) element.textContent = t(element.dataset.t)
  for (const element of root.querySelectorAll('[data-t-label]')) element.setAttribute('aria-label', `${t(element.dataset.tLabel)}${element.dataset.tSuffix ?? ''}`)
}
