import { execFileSync } from 'node:child_process'

/** The package's tests run what users run: `npm run build` once, then dist/, bin/ and the packed tarball. */
export default function buildOnce (): void {
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'inherit', 'inherit'] })
}
