import { defineConfig } from 'vitest/config'

// The server's own tests, the browser tests, the Pact consumer tests (which write pacts/) and the package's tests
// (on dist/, built once before them) run first; the provider group then verifies those pacts against the mock and
// the contract.
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    env: { PACT_DO_NOT_TRACK: 'true' },
    projects: [
      { extends: true, test: { name: 'server', include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/fuzz/**/*.test.ts'], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'consumer', include: ['test/contracts/consumer/**/*.test.ts'], globalSetup: ['test/contracts/fresh-pacts.ts'], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'browser', include: ['test/browser/**/*.test.ts'], testTimeout: 30_000, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'package', include: ['test/package/**/*.test.ts'], globalSetup: ['test/package/build-once.ts'], testTimeout: 60_000, hookTimeout: 60_000, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'provider', include: ['test/contracts/provider/**/*.test.ts'], sequence: { groupOrder: 1 } } },
    ],
  },
})
