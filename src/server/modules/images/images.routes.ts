/** POST /sale/images (upload host); GET /__mock/images/:imageId, where uploaded images are served */
import type { FastifyPluginAsync } from 'fastify'
import { mediaTypeOf } from '../../plugins/allegro-http.js'
import { VENDOR_JSON } from '../../core/openapi.js'
import type { ImagesService } from './images.service.js'

const imagesRoutes: FastifyPluginAsync<{ images: ImagesService, maxBytes: number }> = async (app, { images, maxBytes }) => {
  app.route<{ Body: { url: string } | Buffer }>({
    ...app.operationRoute('uploadOfferImageUsingPOST'),
    bodyLimit: maxBytes,
    handler: async (request, reply) => {
      const contentType = mediaTypeOf(request.headers['content-type'])
      const source = contentType === VENDOR_JSON
        ? { kind: 'url' as const, url: (request.body as { url: string }).url }
        : { kind: 'bytes' as const, contentType, bytes: (request.body as Buffer | undefined) ?? Buffer.alloc(0) }
      return reply.code(201).send(await images.upload(request.sellerId, source))
    },
  })

  app.get<{ Params: { imageId: string } }>('/__mock/images/:imageId', async (request, reply) => {
    const image = await images.serve(request.params.imageId)
    return reply.type(image.contentType).send(image.bytes)
  })
}

export default imagesRoutes
