/**
 * Requests for the /__mock control API (and the other routes outside the contract: the dashboard and the API
 * explorer). Body and query schemas are read from the route modules themselves, by registering them on a probe
 * server that only records routes; the routes without a schema (reset, snapshot, provider states, device decisions)
 * get bodies written here.
 */
import Fastify from 'fastify'
import fc from 'fast-check'
import clientsRoutes from '../../src/server/modules/mock-control/clients.routes.js'
import mockControlRoutes from '../../src/server/modules/mock-control/mock-control.routes.js'
import providerStatesRoutes from '../../src/server/modules/mock-control/provider-states.routes.js'
import sandboxesRoutes from '../../src/server/modules/mock-control/sandboxes.routes.js'
import faultsRoutes from '../../src/server/modules/faults/faults.routes.js'
import journalRoutes from '../../src/server/modules/journal/journal.routes.js'
import buyerSimulatorRoutes from '../../src/server/modules/disputes/buyer-simulator.routes.js'
import issueSimulatorRoutes from '../../src/server/modules/issues/issue-simulator.routes.js'
import statsRoutes from '../../src/server/modules/stats/stats.routes.js'
import imagesRoutes from '../../src/server/modules/images/images.routes.js'
import oauthRoutes from '../../src/server/modules/oauth/oauth.routes.js'
import { PROVIDER_STATES } from '../../src/contracts/provider-states.js'
import type { JsonSchema } from '../../src/server/core/openapi.js'
import { acceptLanguage, badPercent, damage, hostileBody, hostileContentType, hostileKey, hostileValue, mutate, mutation, own, PROTO_KEYS, serialize, textDamage } from './hostile.js'
import { hintFor, jsonPayloadArb, queryArb, segmentArb, type Material, type Mode } from './contract-requests.js'
import { request, type FuzzRequest } from './harness.js'

export interface ControlRoute {
  method: string
  url: string
  schema: { body?: JsonSchema, querystring?: JsonSchema, params?: JsonSchema }
}

/** The schemas of the control routes, as their modules declare them. */
export async function controlRouteSchemas (): Promise<Map<string, ControlRoute>> {
  const probe = Fastify()
  const routes = new Map<string, ControlRoute>()
  probe.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue
      routes.set(`${method} ${route.url}`, { method, url: route.url, schema: (route.schema ?? {}) as ControlRoute['schema'] })
    }
  })
  // Contract routes inside these modules are recorded under a name of their own and ignored.
  probe.decorate('operationRoute', ((operationId: string) => ({ method: 'GET', url: `/__contract/${operationId}`, schema: {}, config: {} })) as never)
  const none = {} as never
  for (const plugin of [mockControlRoutes, sandboxesRoutes, journalRoutes, clientsRoutes, buyerSimulatorRoutes, issueSimulatorRoutes, faultsRoutes,
    providerStatesRoutes, statsRoutes, imagesRoutes, oauthRoutes] as Array<(app: never, options: never) => Promise<void>>) {
    await probe.register(plugin as never, { control: none, offers: none, publication: none, faults: none, journal: none, disputes: none, issues: none, stats: none, images: none, oauth: none, sellers: none, tools: none, session: none } as never)
  }
  await probe.ready()
  await probe.close()
  return routes
}

/** Snapshot material: the baseline snapshot, for PUT /__mock/snapshot. */
export interface ControlMaterial extends Material {
  snapshot: { state: Record<string, unknown>, files: Record<string, string> }
  dashboardFiles: string[]
}

function paramPool (name: string, url: string, m: ControlMaterial): string[] {
  const p = m.pools
  switch (name) {
    case 'seller': return p.sellers
    case 'sellerId': return [...p.sandboxes, ...p.sellerIds]
    case 'clientId': return ['fuzz-client', ...p.clients]
    case 'disputeId': return [...p.disputes, ...p.otherSellersDisputes.slice(0, 2)]
    case 'issueId': return [...p.disputes.slice(0, 3), ...p.claims]
    case 'userCode': return p.userCodes
    case 'imageId': return p.images
    case 'offerId': return p.offers
    case 'file': return url.startsWith('/docs') ? ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png'] : m.dashboardFiles
    default: return p.anyId
  }
}

const JSON_TYPE = fc.constantFrom('application/json', 'application/json; charset=utf-8')

/** Bodies for routes whose module declares no schema. */
function customBody (key: string, m: ControlMaterial, mode: Mode): fc.Arbitrary<unknown> | undefined {
  const p = m.pools
  const hostileOr = <T>(valid: fc.Arbitrary<T>) => mode === 'valid' ? valid : fc.oneof({ arbitrary: valid, weight: 2 }, { arbitrary: hostileValue, weight: 1 })
  switch (key) {
    case 'POST /__mock/reset':
      return fc.oneof(fc.record({ scenario: hostileOr(fc.constantFrom(...p.scenarios)) }, { requiredKeys: [] }),
        ...(mode === 'hostile' ? [fc.constantFrom(...PROTO_KEYS).map(scenario => ({ scenario }))] : []))
    case 'PUT /__mock/snapshot': {
      if (mode === 'valid') return fc.constantFrom(m.snapshot, { ...m.snapshot, state: { ...m.snapshot.state, scenario: 'empty' } })
      // Record-level damage (a table's row replaced, emptied of a key, or a table replaced) and damage anywhere.
      const tables = Object.keys(m.snapshot.state)
      const record = fc.record({ table: fc.constantFrom(...tables), row: fc.nat(), how: fc.constantFrom('replace-row', 'drop-key', 'replace-table', 'drop-table', 'add-row'), value: hostileValue, key: fc.nat() })
        .map(({ table, row, how, value, key }) => {
          const state = own(Object.entries(structuredClone(m.snapshot.state)))
          const t = state[table]
          if (how === 'drop-table') delete state[table]
          else if (how === 'replace-table') state[table] = value
          else if (Array.isArray(t) && t.length > 0) {
            const i = row % t.length
            if (how === 'replace-row') t[i] = value
            else if (how === 'add-row') t.push(value)
            else if (t[i] && typeof t[i] === 'object') { const keys = Object.keys(t[i]); if (keys.length > 0) delete t[i][keys[key % keys.length]!] }
          } else if (t && typeof t === 'object') {
            const keys = Object.keys(t)
            if (keys.length > 0) (t as Record<string, unknown>)[keys[key % keys.length]!] = how === 'drop-key' ? undefined : value
          } else state[table] = value
          return { state, files: m.snapshot.files }
        })
      return fc.oneof(
        { arbitrary: record, weight: 4 },
        { arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }).map(ms => mutate(m.snapshot, ms)), weight: 3 },
        { arbitrary: fc.constantFrom({}, { state: null }, { state: {} }, { files: {} }, { state: m.snapshot.state, files: null }, { state: m.snapshot.state, files: { x: 1 } },
          { state: m.snapshot.state }, own([['__proto__', m.snapshot]]), { state: { ...m.snapshot.state, version: 2 } }), weight: 1 },
      )
    }
    case 'POST /__mock/provider-states': {
      const states = Object.entries(PROVIDER_STATES)
      return fc.constantFrom(...states).chain(([state, { defaults }]) => {
        const params = fc.record(Object.fromEntries(Object.keys({ ...defaults }).map(k => {
          const pool = hintFor(p)(k, undefined) ?? [defaults[k]!]
          return [k, hostileOr(fc.oneof(fc.constant(defaults[k]!), fc.constantFrom(...pool), fc.string({ maxLength: 12 })))]
        })), { requiredKeys: [] })
        return fc.record({
          state: mode === 'valid' ? fc.constant(state) : fc.oneof({ arbitrary: fc.constant(state), weight: 4 }, { arbitrary: hostileValue, weight: 1 }),
          params: mode === 'valid' ? params : fc.oneof(params, hostileValue),
          action: mode === 'valid' ? fc.constantFrom(undefined, 'setup', 'setup', 'teardown') : fc.oneof(fc.constantFrom(undefined, 'setup', 'teardown'), hostileValue),
        }, { requiredKeys: ['state'] })
      })
    }
    case 'POST /__mock/device/:userCode/approve':
      return fc.record({ sellerId: hostileOr(fc.constantFrom(...p.sellerIds)) }, { requiredKeys: [] })
    case 'POST /__mock/device/:userCode/deny':
      return fc.constant(undefined)
  }
  return undefined
}

/** Every request the fuzzer sends to one control route. */
export function controlArb (route: ControlRoute, m: ControlMaterial, mode: Mode): fc.Arbitrary<FuzzRequest> {
  const key = `${route.method} ${route.url}`
  const hint = hintFor(m.pools)
  const paramNames = [...route.url.matchAll(/:([A-Za-z]+)/g)].map(x => x[1]!)
  const segments = fc.tuple(...paramNames.map(name => segmentArb(paramPool(name, route.url, m), undefined, mode)))
  const extraQuery: Record<string, fc.Arbitrary<string[]>> = {
    'GET /__mock/sellers/:seller/token': fc.constantFrom([], ['expired=true'], ['expired=false'], ['expired=1']),
    'GET /__mock/device': fc.oneof(fc.constant([] as string[]), fc.constantFrom(...m.pools.userCodes).map(c => [`code=${c}`])),
  }
  const query = queryArb(route.schema.querystring, hint, mode, extraQuery[key] ?? fc.constant([]))

  const custom = customBody(key, m, mode)
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE'
  let value: fc.Arbitrary<unknown> | undefined = custom ?? (route.schema.body ? jsonPayloadArb(route.schema.body, [], hint, 'valid').map(text => JSON.parse(text as string)) : undefined)
  if (!value && hasBody) value = fc.constant(undefined)
  type Body = { type?: string, payload?: string | Buffer }
  let body: fc.Arbitrary<Body> = fc.constant({})
  if (value) {
    const asJson = value.map(v => v === undefined ? {} : { type: 'application/json', payload: serialize(v) })
    const formToo = key.startsWith('POST /__mock/device/')
      ? fc.oneof(asJson, value.map(v => v && typeof v === 'object' ? { type: 'application/x-www-form-urlencoded', payload: new URLSearchParams(Object.entries(v).map(([k, x]) => [k, typeof x === 'string' ? x : JSON.stringify(x) ?? ''])).toString() } : {}))
      : asJson
    body = mode === 'valid'
      ? fc.tuple(formToo, JSON_TYPE).map(([b, type]) => b.type === 'application/json' ? { ...b, type } : b)
      : fc.oneof(
        { arbitrary: formToo, weight: 2 },
        { arbitrary: fc.tuple(value, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([v, ms]) => ({ type: 'application/json', payload: serialize(mutate(v ?? {}, ms)) })), weight: 4 },
        { arbitrary: fc.tuple(value, textDamage, fc.nat()).map(([v, how, at]) => ({ type: 'application/json', payload: damage(serialize(v ?? {}), how, at) })), weight: 2 },
        { arbitrary: fc.tuple(hostileContentType, fc.oneof(hostileBody, value.map(v => serialize(v ?? {})))).map(([type, payload]) => ({ type, payload })), weight: 2 },
        { arbitrary: value.map(v => ({ payload: serialize(v ?? {}) })), weight: 1 },
        { arbitrary: fc.constant({}), weight: 1 },
        { arbitrary: fc.tuple(hostileKey, hostileValue).map(([k, v]) => ({ type: 'application/json', payload: serialize(own([[k, v]])) })), weight: 1 },
      )
  } else if (mode === 'hostile') {
    body = fc.oneof({ arbitrary: fc.constant({}), weight: 4 }, { arbitrary: fc.tuple(hostileContentType, hostileBody).map(([type, payload]) => ({ type, payload })), weight: 1 })
  }

  const extraHeaders = mode === 'valid'
    ? fc.constant({} as Record<string, string>)
    : fc.record({ accept: fc.constantFrom('*/*', 'text/html', 'application/vnd.allegro.public.v1+json', 'image/png'), 'accept-language': acceptLanguage, authorization: fc.constantFrom(`Bearer ${m.tokens.seller1}`, 'Bearer x', 'Basic x') }, { requiredKeys: [] })
  const method = mode === 'valid' ? fc.constant(route.method) : fc.oneof({ arbitrary: fc.constant(route.method), weight: 12 }, { arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'), weight: 1 })
  const tail = mode === 'valid' ? fc.constant('') : fc.oneof({ arbitrary: fc.constant(''), weight: 12 }, { arbitrary: fc.constantFrom('/', '//', '/x', '.json'), weight: 1 }, { arbitrary: badPercent, weight: 1 })

  return fc.record({ segments, query, body, extraHeaders, method, tail }).map(({ segments, query, body, extraHeaders, method, tail }) => {
    let path = route.url
    paramNames.forEach((name, i) => { path = path.replace(`:${name}`, segments[i]!) })
    path += tail
    const headers: Record<string, string> = { ...extraHeaders }
    if (body.type !== undefined) headers['content-type'] = body.type
    return request({ method, url: query.length > 0 ? `${path}?${query.join('&')}` : path, headers, payload: body.payload, route: key })
  })
}
