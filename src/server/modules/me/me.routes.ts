/** GET /me */
import type { FastifyPluginAsync } from 'fastify'
import { apiErrors } from '../../errors.js'
import type { AppStore, Seller } from '../../state.js'

/** The account as Allegro's MeResponse shows it. */
export function toMe (seller: Seller) {
  const profile = seller.profile ?? {}
  return {
    id: seller.id,
    login: seller.login,
    firstName: profile.firstName ?? seller.login,
    lastName: profile.lastName ?? '',
    email: profile.email ?? `${seller.login.toLowerCase()}@allegro-mock.test`,
    baseMarketplace: { id: 'allegro-pl' },
    company: seller.company ? { name: profile.companyName ?? seller.login, taxId: profile.taxId ?? null } : { name: null, taxId: null },
    features: [],
  }
}

const meRoutes: FastifyPluginAsync<{ store: AppStore }> = async (app, { store }) => {
  app.route({
    ...app.operationRoute('meGET'),
    handler: async (request) => {
      const seller = store.instance.sellers.get(request.sellerId)
      if (!seller) throw apiErrors.accessDenied()
      return toMe(seller)
    },
  })
}

export default meRoutes
