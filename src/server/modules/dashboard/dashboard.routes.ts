/** GET / (the dashboard), GET /__mock/dashboard/:file, GET /docs (Swagger UI), GET /docs/openapi.json, GET /docs/assets/:file */
import { readdirSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyPluginAsync } from 'fastify'
import type { OpenAPIV3 } from 'openapi-types'
import { apiErrors } from '../../errors.js'

const DASHBOARD_DIR = fileURLToPath(new URL('../../../dashboard/', import.meta.url))
// The package's main module loads the whole Swagger UI bundle; its absolute-path helper only names the folder.
const SWAGGER_UI_DIR = (createRequire(import.meta.url)('swagger-ui-dist/absolute-path.js') as () => string)()

// The dashboard is native ES modules and one style sheet in one flat folder. Only names of this strict pattern
// (no slash, no dot but the extension's) that were in the folder at start are served: no path can leave it.
const DASHBOARD_FILE = /^[a-z][a-z0-9-]*\.(js|css)$/
const DASHBOARD_TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' }

/** The dashboard files the folder holds, by name, with their content type. */
export function dashboardFiles (names: readonly string[]): Map<string, string> {
  return new Map(names.flatMap(name => {
    const match = DASHBOARD_FILE.exec(name)
    return match ? [[name, DASHBOARD_TYPES[match[1]!]!] as const] : []
  }))
}

const SWAGGER_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
}

/**
 * The contract as the API explorer shows it: calls go to this server, and a plain bearer scheme lets the page
 * authorize with a scenario seller's token in one click.
 */
export function explorerDocument (document: OpenAPIV3.Document): OpenAPIV3.Document {
  const copy = structuredClone(document)
  copy.servers = [{ url: '/' }]
  copy.components = { ...copy.components, securitySchemes: { ...copy.components?.securitySchemes, mockSellerToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } }
  for (const item of Object.values(copy.paths)) {
    for (const operation of Object.values(item ?? {}) as OpenAPIV3.OperationObject[]) {
      if (operation && typeof operation === 'object' && 'responses' in operation) {
        delete operation.servers
        if (operation.security?.length) operation.security = [{ mockSellerToken: [] }]
      }
    }
  }
  copy.security = [{ mockSellerToken: [] }]
  return copy
}

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>allegro-mock API explorer</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"><link rel="icon" href="/docs/assets/favicon-32x32.png">
<style>#sellers{font:15px system-ui,sans-serif;padding:.6rem 1rem;border-bottom:3px solid #ff5a00;display:flex;gap:.5rem;flex-wrap:wrap;align-items:center}
#sellers button{font:inherit;padding:.3rem .8rem;border:1px solid #ff5a00;background:#ff5a00;color:#fff;border-radius:4px;cursor:pointer}</style>
</head><body>
<div id="sellers"><b>allegro-mock</b> <a href="/">Dashboard</a> <span>Authorize as:</span></div>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>
// The explorer's own reads are the dashboard's; "Try it out" calls are a client's and go out as they are.
const ui = SwaggerUIBundle({
  url: '/docs/openapi.json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: true,
  requestInterceptor: (request) => {
    if (new URL(request.url, location.href).pathname === '/docs/openapi.json') request.headers['X-Allegro-Mock-Client'] = 'dashboard'
    return request
  },
})
fetch('/__mock/sellers', { headers: { 'X-Allegro-Mock-Client': 'dashboard' } }).then(r => r.json()).then(({ sellers }) => {
  for (const seller of sellers) {
    const button = document.createElement('button')
    button.type = 'button'
    button.textContent = seller.login
    button.addEventListener('click', () => {
      ui.authActions.authorize({ mockSellerToken: { name: 'mockSellerToken', schema: { type: 'http', scheme: 'bearer' }, value: seller.accessToken } })
      button.textContent = seller.login + ' ✓'
    })
    document.getElementById('sellers').append(button)
  }
})
</script></body></html>`

const dashboardRoutes: FastifyPluginAsync = async (app) => {
  const index = readFileSync(join(DASHBOARD_DIR, 'index.html'))
  const files = dashboardFiles(readdirSync(DASHBOARD_DIR))
  const explorer = JSON.stringify(explorerDocument(app.contract.document))

  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(index))

  app.get<{ Params: { file: string } }>('/__mock/dashboard/:file', async (request, reply) => {
    const type = files.get(request.params.file)
    if (!type) throw apiErrors.notFound(`No dashboard file ${request.params.file}`)
    return reply.type(type).header('cache-control', 'no-cache').send(await readFile(join(DASHBOARD_DIR, request.params.file)))
  })

  app.get('/docs', async (_request, reply) => reply.type('text/html; charset=utf-8').send(DOCS_PAGE))
  app.get('/docs/openapi.json', async (_request, reply) => reply.type('application/json; charset=utf-8').send(explorer))
  app.get<{ Params: { file: string } }>('/docs/assets/:file', async (request, reply) => {
    // Only the table's own names: `toString` or `__proto__` would otherwise be found on its prototype.
    const type = Object.hasOwn(SWAGGER_FILES, request.params.file) ? SWAGGER_FILES[request.params.file] : undefined
    if (!type) throw apiErrors.notFound(`No explorer file ${request.params.file}`)
    return reply.type(type).header('cache-control', 'max-age=3600').send(readFileSync(join(SWAGGER_UI_DIR, request.params.file)))
  })
}

export default dashboardRoutes
