import { CATEGORIES, PACKAGES, PARAMETERS, ROOT_CATEGORY_ID } from '../fixtures/catalogue.js'
import { createCatalogueService } from './modules/catalogue/catalogue.service.js'

/** Categories, parameters and packages: the reference data every scenario and seller shares. */
export const catalogue = createCatalogueService({ rootId: ROOT_CATEGORY_ID, categories: CATEGORIES, parameters: PARAMETERS, packages: PACKAGES })
