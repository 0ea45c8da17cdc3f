/** File signatures of the upload types Allegro accepts: the first bytes must agree with the declared Content-Type. */
const SIGNATURES: Record<string, (bytes: Buffer) => boolean> = {
  'image/png': b => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': b => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': b => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')),
  'image/bmp': b => b.subarray(0, 2).toString('latin1') === 'BM',
  'image/tiff': b => ['II*\u0000', 'MM\u0000*'].includes(b.subarray(0, 4).toString('latin1')),
  'image/webp': b => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': b => b.subarray(0, 5).toString('latin1') === '%PDF-',
}

/** True when `bytes` look like `contentType`; false for a mismatch or a type without a known signature. */
export function matchesContentType (bytes: Buffer, contentType: string): boolean {
  return SIGNATURES[contentType]?.(bytes) ?? false
}
