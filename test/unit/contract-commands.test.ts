import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { CONTRACT_COMMANDS, runContractCommand, UsageError } from '../../src/contracts/commands.js'

async function run (command: typeof CONTRACT_COMMANDS[number], ...args: string[]): Promise<{ code: number, output: string }> {
  const lines: string[] = []
  const code = await runContractCommand(command, args, line => lines.push(line))
  return { code, output: lines.join('\n') }
}

/** A pact with one interaction the contract does not have, so the check names the file and finds one error. */
function strayPact (): string {
  const file = join(mkdtempSync(join(tmpdir(), 'allegro-mock-pact-')), 'stray.json')
  writeFileSync(file, JSON.stringify({
    consumer: { name: 'c' }, provider: { name: 'allegro-mock' }, metadata: { pactSpecification: { version: '4.0' } },
    interactions: [{ type: 'Synchronous/HTTP', description: 'a stray request', request: { method: 'GET', path: '/nowhere' }, response: { status: 200 } }],
  }))
  return file
}

const VENDOR = 'application/vnd.allegro.public.v1+json'
const DISPUTE = 'a38812fa-6fef-4c9c-ac06-a0952b67ba78'

/** A document shaped like Allegro's for one operation: its MessageRequest requires an attachment, as Allegro's does. */
function allegroLikeDocument (): string {
  const file = join(mkdtempSync(join(tmpdir(), 'allegro-mock-spec-')), 'allegro.json')
  writeFileSync(file, JSON.stringify({
    openapi: '3.0.3', info: { title: 'Allegro (one operation)', version: 'latest' },
    paths: {
      '/sale/disputes/{disputeId}/messages': {
        post: {
          operationId: 'addMessageToDisputeUsingPOST',
          parameters: [{ name: 'disputeId', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: { [VENDOR]: { schema: { type: 'object', required: ['text', 'attachment', 'type'], properties: { text: { type: 'string' }, attachments: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } }, type: { type: 'string', enum: ['REGULAR', 'END_REQUEST'] } } } } } },
          responses: { 201: { description: 'Created', content: { [VENDOR]: { schema: { type: 'object', properties: { id: { type: 'string' }, text: { type: 'string' } } } } } } },
        },
      },
    },
  }))
  return file
}

/** A pact of seller's messages: one without an attachment (the deviation), and, if asked, one whose answer has a field no document has. */
function messagePact (withUnknownField: boolean): string {
  const body = (content: unknown) => ({ content, contentType: 'application/json', encoded: false })
  const message = (description: string, request: unknown, response: unknown) => ({
    type: 'Synchronous/HTTP', description,
    request: { method: 'POST', path: `/sale/disputes/${DISPUTE}/messages`, headers: { 'Content-Type': [VENDOR], accept: [VENDOR] }, body: body(request) },
    response: { status: 201, headers: { 'Content-Type': [VENDOR] }, body: body(response) },
  })
  const file = join(mkdtempSync(join(tmpdir(), 'allegro-mock-pact-')), 'messages.json')
  writeFileSync(file, JSON.stringify({
    consumer: { name: 'c' }, provider: { name: 'allegro-mock' }, metadata: { pactSpecification: { version: '4.0' } },
    interactions: [
      message('a text-only message', { text: 'Dzień dobry', type: 'REGULAR' }, { id: 'm1', text: 'Dzień dobry' }),
      ...withUnknownField ? [message('a message answered with a colour', { text: 'x', attachment: { id: 'a1' }, type: 'REGULAR' }, { id: 'm2', text: 'x', colour: 'red' })] : [],
    ],
  }))
  return file
}

test('check-pacts --spec: a finding under a listed deviation is a warning naming it, any other stays an error', async () => {
  const spec = allegroLikeDocument()
  const deviation = 'POST /sale/disputes/{disputeId}/messages: request schema required changed from ["text","attachment","type"] to ["type"]'
  const covered = await run('check-pacts', messagePact(false), '--spec', spec)
  expect(covered.output).toContain(': 0 errors, 1 warnings')
  expect(covered.output).toContain(`WARNING "a text-only message" [root].interactions[0].request.body: Request body is incompatible with the request body schema in the spec file: must have required property 'attachment' (a deviation allegro-mock lists: "${deviation}")`)
  expect(covered.code).toBe(0)
  const mixed = await run('check-pacts', messagePact(true), '--spec', spec)
  expect(mixed.output).toContain(': 1 errors, 1 warnings')
  expect(mixed.output).toMatch(/ERROR "a message answered with a colour" .*response\.body: .*additional properties - colour$/m)
  expect(mixed.code).toBe(1)
})

test('check-pacts --spec --strict-deviations keeps a finding under a listed deviation an error', async () => {
  const { code, output } = await run('check-pacts', messagePact(false), '--spec', allegroLikeDocument(), '--strict-deviations')
  expect(output).toContain(': 1 errors, 0 warnings')
  expect(output).toMatch(/ERROR "a text-only message" .*must have required property 'attachment'$/m)
  expect(code).toBe(1)
})

test.each(CONTRACT_COMMANDS)('%s --help answers its usage and exit code 0, running nothing', async (command) => {
  for (const flag of ['--help', '-h']) {
    const { code, output } = await run(command, flag)
    expect(code).toBe(0)
    expect(output).toMatch(new RegExp(`^Usage: allegro-mock ${command} `))
  }
})

test('check-pacts takes its pacts after --pacts as well as plain arguments', async () => {
  const pact = strayPact()
  for (const args of [['--pacts', pact], [pact]]) {
    const { code, output } = await run('check-pacts', ...args)
    expect(output).toContain(`${pact}: 1 errors`)
    expect(code).toBe(1)
  }
})

test('check-spec takes several documents after one --against', async () => {
  const { code, output } = await run('check-spec', '--against', 'openapi/allegro-mock.yaml', 'openapi/allegro-mock.yaml')
  expect(output).toContain('0 differences')
  expect(code).toBe(0)
})

test.each([
  [['check-pacts', '--bogus'], 'check-pacts: unknown option --bogus'],
  [['check-pacts', '--spec'], 'check-pacts: --spec needs a value'],
  [['check-pacts'], 'check-pacts needs at least one pact file or folder'],
  [['verify', '--provider-url', 'http://127.0.0.1:1'], 'verify needs --pacts <dir|file|url>'],
  [['check-spec', '--against'], 'check-spec: --against needs a value'],
] as const)('%j is a usage error: %s', async ([command, ...args], message) => {
  await expect(run(command, ...args)).rejects.toThrow(new UsageError(message))
})
