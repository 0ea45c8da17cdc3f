import type { BlobStore } from '../../core/blob-store.js'
import type { Ids } from '../../core/ids.js'
import { matchesContentType } from '../../core/magic-bytes.js'
import { apiErrors } from '../../errors.js'
import type { SellerClocks } from '../../seller-clocks.js'
import type { AppStore, SellerTables } from '../../state.js'
import { checkImageUrl, IMAGE_TTL_MS, isImageAvailable } from './image.rules.js'
import type { StoredImage } from './images.types.js'

export interface ImagesDeps {
  store: AppStore
  blobs: BlobStore
  clocks: SellerClocks
  ids: Ids
  publicUrl: () => string
  /** Served for images given by URL: the mock does not fetch them. */
  placeholder: Buffer
}

export type ImageSource = { kind: 'url', url: string } | { kind: 'bytes', contentType: string, bytes: Buffer }

/** Offer images: upload by URL or bytes, serve them, and let unused ones expire on the mock's clock. */
export function createImagesService ({ store, blobs, clocks, ids, publicUrl, placeholder }: ImagesDeps) {
  const usedByAnOffer = (tables: SellerTables, image: StoredImage) => tables.offers.countWhere('byImage', image.location) > 0

  /** Drops the seller's expired images no offer of its uses; returns the blob keys to delete once the change is saved. */
  function dropExpired (tables: SellerTables, now: Date): string[] {
    const gone = tables.images.dueBy(now.getTime()).filter(i => !isImageAvailable(i, now, usedByAnOffer(tables, i)))
    for (const image of gone) tables.images.delete(image.id)
    return gone.map(i => i.meta.blobKey).filter((k): k is string => k !== null)
  }

  async function deleteBlobs (keys: string[]): Promise<void> {
    for (const key of keys) await blobs.delete(key)
  }

  return {
    async upload (sellerId: string, source: ImageSource): Promise<{ location: string, expiresAt: string }> {
      if (source.kind === 'url') {
        const violations = checkImageUrl(source.url)
        if (violations.length > 0) throw apiErrors.invalid(violations)
      } else if (!matchesContentType(source.bytes, source.contentType)) {
        throw apiErrors.validation(`The image content does not match Content-Type ${source.contentType}`, null)
      }
      const id = ids.uuid()
      const blobKey = source.kind === 'bytes' ? id : null
      if (blobKey && source.kind === 'bytes') await blobs.put(blobKey, source.bytes)
      const now = clocks.now(sellerId)
      const image: StoredImage = {
        id,
        location: `${publicUrl()}/__mock/images/${id}`,
        expiresAt: new Date(now.getTime() + IMAGE_TTL_MS).toISOString(),
        meta: {
          sellerId,
          uploadedAt: now.toISOString(),
          sourceUrl: source.kind === 'url' ? source.url : null,
          contentType: source.kind === 'url' ? 'image/png' : source.contentType,
          blobKey,
        },
      }
      const expired = await store.update(tx => {
        const tables = tx.seller(sellerId)
        const keys = dropExpired(tables, now)
        tables.images.put(image)
        return keys
      })
      await deleteBlobs(expired)
      return { location: image.location, expiresAt: image.expiresAt }
    },

    /** The bytes behind a location the mock handed out; 404 once the image expired unused. */
    async serve (imageId: string): Promise<{ contentType: string, bytes: Buffer }> {
      const owner = store.ownerOf('images', imageId)
      const tables = owner === undefined ? undefined : store.seller(owner)
      const image = tables?.images.get(imageId)
      const found = image && isImageAvailable(image, clocks.now(owner), usedByAnOffer(tables!, image)) ? image : undefined
      if (!found) throw apiErrors.notFound(`Image ${imageId} not found`)
      if (found.meta.blobKey === null) return { contentType: 'image/png', bytes: placeholder }
      const bytes = await blobs.get(found.meta.blobKey)
      if (!bytes) throw apiErrors.notFound(`Image ${imageId} has no stored content`)
      return { contentType: found.meta.contentType, bytes }
    },
  }
}

export type ImagesService = ReturnType<typeof createImagesService>
