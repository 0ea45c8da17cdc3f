import SwaggerParser from '@apidevtools/swagger-parser'
import { expect, test } from 'vitest'
import { CONTRACT_FILE, loadContract } from '../../src/server/core/openapi.js'
import { buildTestApp } from '../support/app.js'

test('the contract is a valid OpenAPI document', async () => {
  await expect(SwaggerParser.validate(CONTRACT_FILE)).resolves.toBeDefined()
})

test('every operation in the contract has a route, and every route outside /__mock has an operation', async () => {
  const { app } = await buildTestApp()
  await app.ready()
  const contract = loadContract()
  const served = new Map(app.registeredRoutes.map(r => [`${r.method} ${r.url}`, r.operationId]))
  for (const operation of contract.operations.values()) {
    expect(served.get(`${operation.method} ${operation.url}`), operation.operationId).toBe(operation.operationId)
  }
  // Outside the contract: the control API, the dashboard at / and the API explorer at /docs.
  const unlisted = app.registeredRoutes.filter(r => !r.url.startsWith('/__mock') && r.url !== '/' && !r.url.startsWith('/docs') && r.operationId === null)
  expect(unlisted).toEqual([])
})

test('the contract keeps Allegro operationIds for both guides', () => {
  const ids = [...loadContract().operations.keys()]
  expect(ids).toEqual(expect.arrayContaining([
    'getListOfDisputesUsingGET', 'getDisputeUsingGET', 'getMessagesFromDisputeUsingGET', 'addMessageToDisputeUsingPOST',
    'createAnAttachmentUsingPOST', 'uploadDisputeAttachmentUsingPUT', 'getAttachmentUsingGET',
    'getListOfOrdersUsingGET', 'getOrdersDetailsUsingGET',
    'createContactUsingPOST', 'getListOfContactsUsingGET', 'getContactUsingGET', 'modifyContactUsingPUT',
    'getCategoriesUsingGET', 'getCategoryUsingGET_1', 'getFlatParametersUsingGET_2',
    'getClassifiedPackageConfigurationsForCategoryUsingGET', 'getClassifiedPackageConfigurationUsingGET',
    'uploadOfferImageUsingPOST', 'createOfferUsingPOST', 'getOfferUsingGET', 'updateOfferUsingPUT',
    'getClassifiedPackagesUsingGET', 'assignClassifiedPackagesUsingPUT', 'calculateFeePreviewUsingPOST',
    'changePublicationStatusUsingPUT', 'getPublicationReportUsingGET', 'getPublicationTasksUsingGET',
    'classifiedSellerOfferStatsGET', 'classifiedOffersStatsGET',
    'oauthTokenUsingPOST', 'oauthDeviceUsingPOST', 'oauthAuthorizeUsingGET',
    'getListOfIssuesUsingGET', 'getIssueUsingGET', 'getChatFromIssueUsingGET', 'addMessageToIssueUsingPOST',
    'changeStatusOfIssueUsingPOST', 'createAnIssueAttachmentUsingPOST', 'uploadIssueAttachmentUsingPUT', 'getIssueAttachmentUsingGET',
  ]))
  expect(ids).toHaveLength(42)
})
