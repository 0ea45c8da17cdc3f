/** An image uploaded through `POST /sale/images`, by URL or as bytes. */
export interface StoredImage {
  id: string
  /** Where the image is served; offers refer to it by this URL. */
  location: string
  expiresAt: string
  meta: {
    sellerId: string
    uploadedAt: string
    /** The URL given instead of bytes; the mock has no network, so it serves a placeholder for it. */
    sourceUrl: string | null
    contentType: string
    blobKey: string | null
  }
}

export interface ImagesState {
  images: StoredImage[]
}
