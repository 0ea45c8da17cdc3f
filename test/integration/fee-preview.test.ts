import { beforeEach, expect, test } from 'vitest'
import { ADS_GUIDE } from '../../src/fixtures/offers.js'
import { allegroHeaders, buildTestApp, expectContract, tokenFor, type TestApp } from '../support/app.js'

let t: TestApp
let token: string
beforeEach(async () => {
  t = await buildTestApp()
  token = await tokenFor(t.app)
})

test('the fee preview takes the body of GET /sale/offers/{id} as it came, null fields included, beside the packages', async () => {
  for (const offerId of [ADS_GUIDE.draftOfferId, ADS_GUIDE.readyOfferId]) {
    const offer = expectContract(await t.app.inject({ method: 'GET', url: `/sale/offers/${offerId}`, headers: allegroHeaders(token) }), 'getOfferUsingGET')
    expect(Object.values(offer)).toContain(null)
    const res = await t.app.inject({
      method: 'POST', url: '/pricing/offer-fee-preview', headers: allegroHeaders(token),
      payload: { offer, classifiedsPackages: { basePackage: { id: ADS_GUIDE.basePackageId } } },
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(expectContract(res, 'calculateFeePreviewUsingPOST').quotes[0].classifiedsPackage.id).toBe(ADS_GUIDE.basePackageId)
  }
})
