import type { Server, Socket } from 'node:net'
import { afterRealTime } from './clock.js'

/** How long a refused client gets to read the answer (and the FIN after it) before its socket is destroyed. */
export const LINGER_MS = 1000

const closing = Symbol('allegro-mock.closing')

type HttpSocket = Socket & { _paused?: boolean, [closing]?: true, server?: Server }

/** The sockets still lingering, by the server that accepted them, so that closing a server need not wait for them. */
const lingering = new WeakMap<Server, Set<Socket>>()

/** True once `closeAfterAnswer` took the socket over. */
export function isClosing (socket: Socket): boolean {
  return (socket as HttpSocket)[closing] === true
}

/**
 * Ends a connection whose request will not be read on (a body over its limit, a refused upload, bytes the parser
 * refused, a timeout): reading stops at once, the answer goes out followed by a FIN, and the socket is destroyed
 * `LINGER_MS` later (what the client still sends meanwhile waits, unread, in the kernel's buffers). Destroying at
 * once would reset the connection while the client is still sending, and a client whose write fails on the reset
 * never reads the answer.
 * `_paused` is the flag Node's HTTP server itself uses to hold a socket's reading (pipelining); with it set, the
 * resume Node schedules to dump the rest of the body does not read again.
 */
export function closeAfterAnswer (socket: Socket, answer?: string): void {
  const http = socket as HttpSocket
  if (http[closing]) return
  http[closing] = true
  http._paused = true
  socket.pause()
  const cancel = afterRealTime(LINGER_MS, () => socket.destroy())
  const ofServer = http.server && (lingering.get(http.server) ?? lingering.set(http.server, new Set()).get(http.server)!)
  ofServer?.add(socket)
  socket.once('close', () => {
    cancel()
    ofServer?.delete(socket)
  })
  if (answer === undefined) socket.end()
  else socket.end(answer)
}

/** Destroys the server's lingering sockets at once: a closing server would otherwise wait up to `LINGER_MS` for each. */
export function destroyLingering (server: Server): void {
  for (const socket of lingering.get(server) ?? []) socket.destroy()
}

/**
 * Makes Node's own close after a `Connection: close` answer (`socket.destroySoon()`, once the answer is flushed)
 * a `closeAfterAnswer`: no more reading, a FIN, then the socket destroyed.
 */
export function lingerInsteadOfDestroySoon (socket: Socket | null | undefined): void {
  if (!socket || isClosing(socket)) return
  const s = socket as Socket & { destroySoon?: () => void }
  s.destroySoon = () => closeAfterAnswer(socket)
}
