import { ADS_GUIDE, BMW_PARAMETERS } from '../../src/fixtures/offers.js'

/** The classified-ads guide's complete PUT body for the BMW draft, as written there (nulls included). */
export function guidePutBody (): Record<string, unknown> {
  return {
    id: ADS_GUIDE.draftOfferId,
    name: 'BMW X5 e53',
    category: { id: '57968' },
    parameters: BMW_PARAMETERS,
    ean: null,
    description: { sections: [{ items: [{ type: 'TEXT', content: '<p>opis tekstowy</p>' }] }] },
    compatibilityList: null,
    images: ADS_GUIDE.imageUrls.map(url => ({ url })),
    sellingMode: { format: 'ADVERTISEMENT', price: { amount: '33000', currency: 'PLN' }, startingPrice: null, minimalPrice: null },
    stock: null,
    publication: { duration: null, status: 'INACTIVE', startingAt: null, endingAt: null },
    delivery: { shippingRates: null, handlingTime: null, additionalInfo: null, shipmentDate: null },
    payments: { invoice: 'NO_INVOICE' },
    afterSalesServices: null,
    additionalServices: null,
    sizeTable: null,
    fundraisingCampaign: null,
    promotion: null,
    location: { countryCode: 'PL', province: 'WIELKOPOLSKIE', city: 'Poznań', postCode: '60-166' },
    external: { id: '4131asdsad40011' },
    attachments: [],
    contact: { id: ADS_GUIDE.contactId },
    validation: { errors: [], validatedAt: '2019-02-26T11:33:38.599Z' },
    b2b: { buyableOnlyByBusiness: false },
    createdAt: '2019-02-26T11:33:38Z',
    updatedAt: '2019-02-26T11:33:38.6Z',
  }
}

export const GUIDE_DRAFT_ERRORS = [
  'Location may not be empty.',
  'Payments may not be empty.',
  'Please describe your offer.',
  'Missing required parameters: Stan, Rok produkcji, Przebieg [km], Pojemność silnika [cm3], Liczba drzwi, Kolor, Uszkodzony.',
  'You must select at least one selling mode and provide the required prices.',
  'After sales service conditions (return policies, implied warranties) are required by company account.',
]
